// Child detail: one tab at a time, each read from the core when shown; pull to refresh.

import SkolbrygganKit
import SwiftUI

struct ChildView: View {
    @State private var model: ChildModel
    @State private var showingAbsence = false

    init(model: ChildModel) {
        _model = State(initialValue: model)
    }

    var body: some View {
        VStack(spacing: 0) {
            tabBar
            List {
                tabContent
            }
            .listStyle(.insetGrouped)
            .refreshable { await model.load() }
        }
        .navigationTitle(model.child.firstName)
        .toolbar {
            ToolbarItem(placement: .primaryAction) {
                Button(L10n.absenceCanReport) { showingAbsence = true }
            }
        }
        .sheet(isPresented: $showingAbsence) {
            AbsenceView(model: model.absence())
        }
        .sheet(item: openedLink) { item in
            SessionWebView(link: item.link)
        }
        .task(id: model.tab) { await model.load() }
    }

    private var openedLink: Binding<SessionLinkItem?> {
        Binding(
            get: { model.openingLink.value.map(SessionLinkItem.init) },
            set: { if $0 == nil { model.closeLink() } }
        )
    }

    private var tabBar: some View {
        ScrollView(.horizontal, showsIndicators: false) {
            HStack(spacing: 8) {
                ForEach(model.tabs, id: \.self) { tab in
                    Button(Format.tab(tab)) { model.tab = tab }
                        .buttonStyle(.bordered)
                        .tint(model.tab == tab ? .accentColor : .secondary)
                        .accessibilityAddTraits(model.tab == tab ? [.isSelected] : [])
                }
            }
            .padding(.horizontal)
            .padding(.vertical, 8)
        }
    }

    @ViewBuilder private var tabContent: some View {
        switch model.tab {
        case .news:
            LoadableView(state: model.news, retry: { await model.load(.news) }) { page in
                if page.items.isEmpty { Text(L10n.emptyList) }
                ForEach(page.items) { item in
                    NavigationLink {
                        ArticleView(model: model.article(item.id))
                    } label: {
                        NewsRow(item: item)
                    }
                }
            }
        case .calendar:
            LoadableView(state: model.calendar, retry: { await model.load(.calendar) }) { page in
                if page.items.isEmpty { Text(L10n.emptyList) }
                ForEach(page.items) { EventRow(event: $0) }
            }
        case .notifications:
            LoadableView(state: model.notifications, retry: { await model.load(.notifications) }) { page in
                if page.items.isEmpty { Text(L10n.emptyList) }
                ForEach(page.items) { n in
                    Button {
                        Task { await model.open(n) }
                    } label: {
                        VStack(alignment: .leading, spacing: 4) {
                            Text(n.sender).font(.headline)
                            Text(n.message).font(.body)
                            Text(Format.day(n.created)).font(.caption).foregroundStyle(.secondary)
                        }
                    }
                    .disabled(n.url == nil)
                    .accessibilityElement(children: .combine)
                }
            }
        case .menu:
            weekHeader
            LoadableView(state: model.menu, retry: { await model.load(.menu) }) { days in
                if days.isEmpty { Text(L10n.emptyList) }
                ForEach(days) { day in
                    VStack(alignment: .leading, spacing: 4) {
                        Text(Format.day(day.date)).font(.headline).accessibilityAddTraits(.isHeader)
                        ForEach(day.dishes, id: \.self) { Text($0) }
                    }
                }
            }
        case .timetable:
            weekHeader
            LoadableView(state: model.timetable, retry: { await model.load(.timetable) }) { lessons in
                if lessons.isEmpty { Text(L10n.emptyList) }
                ForEach(lessons) { lesson in
                    AdaptiveStack {
                        Text("\(Format.time(lesson.start))–\(Format.time(lesson.end))").font(.callout.monospacedDigit())
                        VStack(alignment: .leading) {
                            Text(lesson.subject).font(.headline)
                            Text([lesson.teacher, lesson.room].compactMap { $0 }.joined(separator: " · "))
                                .font(.caption).foregroundStyle(.secondary)
                        }
                    }
                    .accessibilityElement(children: .combine)
                }
            }
        case .classmates:
            LoadableView(state: model.classmates, retry: { await model.load(.classmates) }) { list in
                if list.isEmpty { Text(L10n.emptyList) }
                ForEach(list) { ClassmateRow(classmate: $0) }
            }
        case .teachers:
            LoadableView(state: model.teachers, retry: { await model.load(.teachers) }) { list in
                if list.isEmpty { Text(L10n.emptyList) }
                ForEach(list) { t in
                    PersonRow(name: t.name, detail: nil, actions: [t.phone.map(ContactAction.call), t.email.map(ContactAction.mail)].compactMap { $0 })
                }
            }
        case .contacts:
            LoadableView(state: model.contacts, retry: { await model.load(.contacts) }) { list in
                if list.isEmpty { Text(L10n.emptyList) }
                ForEach(list) { c in
                    PersonRow(name: c.name, detail: c.role, actions: [c.phone.map(ContactAction.call), c.email.map(ContactAction.mail)].compactMap { $0 })
                }
            }
        case .assignments:
            LoadableView(state: model.assignments, retry: { await model.load(.assignments) }) { page in
                if page.items.isEmpty { Text(L10n.emptyList) }
                ForEach(page.items) { a in
                    VStack(alignment: .leading, spacing: 4) {
                        Text(a.title).font(.headline)
                        if let subject = a.subject { Text(subject).font(.subheadline) }
                        Text(a.submitted ? L10n.assignmentSubmitted : a.due.map { L10n.assignmentDue(date: Format.day($0)) } ?? "")
                            .font(.caption)
                    }
                    .accessibilityElement(children: .combine)
                }
            }
        case .attendance:
            LoadableView(state: model.attendance, retry: { await model.load(.attendance) }) { page in
                if page.items.isEmpty { Text(L10n.emptyList) }
                ForEach(page.items) { r in
                    AdaptiveStack {
                        Text(Format.day(r.date)).font(.callout)
                        Text(r.label).font(.headline)
                        Text(Format.mark(r.mark)).font(.callout).foregroundStyle(r.mark == .absentUnreported ? Color.red : Color.secondary)
                    }
                    .accessibilityElement(children: .combine)
                }
            }
        case .care:
            weekHeader
            CareTimesView(model: model.care)
        }
    }

    private var weekHeader: some View {
        HStack {
            Button { Task { await model.moveWeek(by: -1) } } label: {
                Image(systemName: "chevron.backward").accessibilityLabel(L10n.actionBack)
            }
            Spacer()
            Text(L10n.weekNumber(week: String(model.week.week))).font(.headline).accessibilityAddTraits(.isHeader)
            Spacer()
            Button { Task { await model.moveWeek(by: 1) } } label: {
                Image(systemName: "chevron.forward").accessibilityLabel(L10n.weekNumber(week: String(model.week.adding(weeks: 1).week)))
            }
        }
        .buttonStyle(.borderless)
    }
}

/// A session link as a sheet item.
struct SessionLinkItem: Identifiable {
    let link: SessionLink
    var id: String { link.url }
    init(_ link: SessionLink) { self.link = link }
}

struct NewsRow: View {
    let item: NewsSummaryItem

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            HStack(alignment: .firstTextBaseline) {
                if item.unread {
                    Circle().fill(.tint).frame(width: 8, height: 8).accessibilityLabel(L10n.cdUnread)
                }
                Text(item.title).font(.headline)
            }
            if let intro = item.intro { Text(intro).font(.subheadline).lineLimit(3) }
            Text(Format.day(item.published)).font(.caption).foregroundStyle(.secondary)
        }
        .accessibilityElement(children: .combine)
    }
}

struct EventRow: View {
    let event: CalendarItem

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            Text(event.title).font(.headline)
            Text(Format.when(event)).font(.subheadline)
            if let location = event.location { Text(location).font(.caption).foregroundStyle(.secondary) }
        }
        .accessibilityElement(children: .combine)
    }
}

struct ClassmateRow: View {
    let classmate: ClassmateItem

    var body: some View {
        VStack(alignment: .leading, spacing: 8) {
            Text(classmate.name).font(.headline).accessibilityAddTraits(.isHeader)
            if !classmate.guardians.isEmpty {
                Text(L10n.guardians).font(.caption).foregroundStyle(.secondary)
            }
            ForEach(classmate.guardians, id: \.self) { g in
                PersonRow(name: g.name, detail: nil, actions: g.actions)
            }
        }
    }
}

/// A person with call / message / mail buttons (each a 44-point target with its own label).
struct PersonRow: View {
    let name: String
    let detail: String?
    let actions: [ContactAction]
    @Environment(\.openURL) private var openURL

    var body: some View {
        AdaptiveStack {
            VStack(alignment: .leading) {
                Text(name).font(.body)
                if let detail { Text(detail).font(.caption).foregroundStyle(.secondary) }
            }
            Spacer(minLength: 0)
            HStack(spacing: 4) {
                ForEach(actions, id: \.self) { action in
                    Button {
                        if let url = action.url { openURL(url) }
                    } label: {
                        Image(systemName: icon(action))
                            .frame(minWidth: 44, minHeight: 44)
                    }
                    .buttonStyle(.borderless)
                    .accessibilityLabel(Format.action(action, name: name))
                }
            }
        }
    }

    private func icon(_ a: ContactAction) -> String {
        switch a {
        case .call: return "phone"
        case .message: return "message"
        case .mail: return "envelope"
        }
    }
}
