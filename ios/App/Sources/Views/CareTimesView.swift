// Fritids / pre-school times of a week; edit where the platform allows.

import SkolbrygganKit
import SwiftUI

struct CareTimesView: View {
    @Bindable var model: CareTimesModel

    var body: some View {
        LoadableView(state: model.current, retry: { await model.load() }) { week in
            if week.days.isEmpty { Text(L10n.emptyList) }
            if let draft = model.draft {
                ForEach(draft) { day in
                    if day.editable {
                        editor(day)
                    } else {
                        row(day)
                    }
                }
                Button(L10n.actionSave) { Task { await model.save() } }
                    .frame(maxWidth: .infinity, minHeight: 44)
                if let error = model.saveError { Text(Format.error(error)).foregroundStyle(.red) }
            } else {
                ForEach(week.days) { day in row(day) }
                if model.canEdit {
                    Button(L10n.actionEdit) { model.edit() }
                        .frame(maxWidth: .infinity, minHeight: 44)
                } else if !week.days.isEmpty {
                    Text(L10n.careLocked).font(.footnote).foregroundStyle(.secondary)
                }
            }
        }
    }

    /// A day as the platform has it (a locked or closed day says so).
    private func row(_ day: CareDay) -> some View {
        VStack(alignment: .leading, spacing: 4) {
            AdaptiveStack {
                Text(Format.day(day.date)).font(.headline)
                Spacer(minLength: 0)
                Text(day.isOff ? L10n.careDayOff : "\(day.start ?? "")–\(day.end ?? "")").font(.body.monospacedDigit())
            }
            if model.draft != nil && !day.editable {
                Text(L10n.careLocked).font(.footnote).foregroundStyle(.secondary)
            }
        }
        .accessibilityElement(children: .combine)
    }

    private func editor(_ day: CareDay) -> some View {
        VStack(alignment: .leading, spacing: 8) {
            Toggle(L10n.careDayOff, isOn: Binding(
                get: { day.isOff },
                set: { off in model.set(date: day.date, start: off ? nil : "08:00", end: off ? nil : "16:00") }
            ))
            .font(.headline)
            Text(Format.day(day.date)).font(.subheadline)
            if !day.isOff {
                DatePicker(L10n.careFrom, selection: time(day, start: true), displayedComponents: .hourAndMinute)
                DatePicker(L10n.careTo, selection: time(day, start: false), displayedComponents: .hourAndMinute)
            }
        }
    }

    /// The day's HH:MM as a Date for the picker, written back as HH:MM.
    private func time(_ day: CareDay, start: Bool) -> Binding<Date> {
        let base = SchoolDay.date(day.date) ?? Date()
        return Binding(
            get: {
                let text = (start ? day.start : day.end) ?? "08:00"
                let parts = text.split(separator: ":").compactMap { Int($0) }
                return base.addingTimeInterval(TimeInterval(((parts.first ?? 8) * 60 + (parts.last ?? 0)) * 60))
            },
            set: { date in
                let c = SchoolWeek.calendar.dateComponents([.hour, .minute], from: date)
                let value = String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0)
                model.set(date: day.date, start: start ? value : day.start, end: start ? day.end : value)
            }
        )
    }
}
