// The school year at a glance: a ring of the year's spans (decoration) and the list (the content
// VoiceOver reads).

import SkolbrygganKit
import SwiftUI

struct YearWheelView: View {
    @Bindable var model: YearWheelModel

    var body: some View {
        NavigationStack {
            List {
                LoadableView(state: model.year, retry: { await model.load() }) { year in
                    ring(year)
                        .frame(height: 220)
                        .frame(maxWidth: .infinity)
                        .accessibilityHidden(true)
                    ForEach(year.entries) { entry in
                        HStack(alignment: .firstTextBaseline) {
                            Circle().fill(color(entry.category)).frame(width: 10, height: 10).accessibilityHidden(true)
                            VStack(alignment: .leading) {
                                Text(entry.title.isEmpty ? Format.kind(entry.category) : entry.title).font(.headline)
                                Text(entry.start == entry.end ? Format.day(entry.start) : "\(Format.day(entry.start)) – \(Format.day(entry.end))")
                                    .font(.subheadline)
                                Text(Format.kind(entry.category)).font(.caption).foregroundStyle(.secondary)
                            }
                        }
                        .accessibilityElement(children: .combine)
                    }
                }
            }
            .refreshable { await model.refresh() }
            .navigationTitle(L10n.yearwheelTitle)
            .task { await model.open() }
        }
    }

    private func ring(_ year: YearWheel) -> some View {
        let start = SchoolDay.date(year.start) ?? Date()
        let length = max((SchoolDay.date(year.end) ?? start).timeIntervalSince(start), 1)
        func fraction(_ day: String) -> CGFloat {
            CGFloat(min(max((SchoolDay.date(day) ?? start).timeIntervalSince(start) / length, 0), 1))
        }
        return ZStack {
            Circle().stroke(.quaternary, lineWidth: 18)
            ForEach(year.entries) { entry in
                Circle()
                    .trim(from: fraction(entry.start), to: max(fraction(entry.end), fraction(entry.start) + 0.004))
                    .stroke(color(entry.category), style: StrokeStyle(lineWidth: entry.category == .term ? 18 : 10, lineCap: .butt))
                    .rotationEffect(.degrees(-90))
            }
        }
        .padding()
    }

    private func color(_ c: YearWheelCategory) -> Color {
        switch c {
        case .term: return .blue.opacity(0.35)
        case .holiday: return .green
        case .studyDay: return .orange
        case .parentMeeting: return .purple
        case .test: return .red
        case .excursion: return .teal
        case .deadline: return .pink
        case .other: return .gray
        }
    }
}
