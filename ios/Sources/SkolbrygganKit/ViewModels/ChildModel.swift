// Child detail: a tab per kind of data, each read from the core when shown.

import Foundation
import Observation

/// The tabs of the child screen.
public enum ChildTab: String, CaseIterable, Sendable, Hashable {
    /// News.
    case news
    /// Calendar.
    case calendar
    /// Notifications.
    case notifications
    /// Lunch menu.
    case menu
    /// Timetable.
    case timetable
    /// Classmates.
    case classmates
    /// Teachers.
    case teachers
    /// School contacts.
    case contacts
    /// Assignments.
    case assignments
    /// Attendance.
    case attendance
    /// Care (fritids, pre-school) times.
    case care
}

/// The child screen's state and intents.
@MainActor
@Observable
public final class ChildModel {
    /// The child.
    public let child: ChildProfile
    /// The selected tab.
    public var tab: ChildTab = .news
    /// The week the week tabs show.
    public private(set) var week: SchoolWeek
    /// News.
    public private(set) var news: Loadable<Page<NewsSummaryItem>> = .idle
    /// Calendar (this week and the next four).
    public private(set) var calendar: Loadable<Page<CalendarItem>> = .idle
    /// Notifications.
    public private(set) var notifications: Loadable<Page<NotificationItem>> = .idle
    /// Lunch.
    public private(set) var menu: Loadable<[MenuDayItem]> = .idle
    /// Lessons.
    public private(set) var timetable: Loadable<[LessonItem]> = .idle
    /// Classmates.
    public private(set) var classmates: Loadable<[ClassmateItem]> = .idle
    /// Teachers.
    public private(set) var teachers: Loadable<[TeacherItem]> = .idle
    /// Contacts.
    public private(set) var contacts: Loadable<[ContactItem]> = .idle
    /// Assignments.
    public private(set) var assignments: Loadable<Page<AssignmentItem>> = .idle
    /// Attendance.
    public private(set) var attendance: Loadable<Page<AttendanceItem>> = .idle
    /// A link to open in the in-app browser with the session (set by `open(_:)`).
    public private(set) var openingLink: Loadable<SessionLink> = .idle
    /// The care times.
    public let care: CareTimesModel

    private let core: SchoolCore
    private let today: String

    /// A model for `child` on `today` (`YYYY-MM-DD`).
    public init(core: SchoolCore, child: ChildProfile, today: String) {
        self.core = core
        self.child = child
        self.today = today
        let week = SchoolWeek.containing(today) ?? SchoolWeek(year: 2026, week: 1)
        self.week = week
        care = CareTimesModel(core: core, childId: child.id, week: week)
    }

    /// The tabs this child has: care only for pre-school and fritids children.
    public var tabs: [ChildTab] {
        let inCare = child.schoolForms.contains(.preschool) || child.schoolForms.contains(.afterSchool)
        return ChildTab.allCases.filter { $0 != .care || inCare }
    }

    /// Reads the selected tab.
    public func load() async {
        await load(tab)
    }

    /// Reads `tab` (again).
    public func load(_ tab: ChildTab) async {
        let id = child.id, week = week, core = core
        switch tab {
        case .news: news = .loading; news = await .from { try await core.news(childId: id, offset: 0, limit: 50) }
        case .calendar:
            calendar = .loading
            let to = SchoolDay.adding(35, to: today), from = today
            calendar = await .from { try await core.calendar(childId: id, from: from, to: to) }
        case .notifications: notifications = .loading; notifications = await .from { try await core.notifications(childId: id, offset: 0, limit: 50) }
        case .menu: menu = .loading; menu = await .from { try await core.menu(childId: id, week: week) }
        case .timetable: timetable = .loading; timetable = await .from { try await core.timetable(childId: id, week: week) }
        case .classmates: classmates = .loading; classmates = await .from { try await core.classmates(childId: id) }
        case .teachers: teachers = .loading; teachers = await .from { try await core.teachers(childId: id) }
        case .contacts: contacts = .loading; contacts = await .from { try await core.contacts(childId: id) }
        case .assignments: assignments = .loading; assignments = await .from { try await core.assignments(childId: id, offset: 0, limit: 50) }
        case .attendance: attendance = .loading; attendance = await .from { try await core.attendance(childId: id, offset: 0, limit: 50) }
        case .care: await care.load()
        }
    }

    /// Moves the week tabs by `offset` weeks and reads again.
    public func moveWeek(by offset: Int) async {
        week = week.adding(weeks: offset)
        care.week = week
        await load(tab)
    }

    /// Asks the core for the session the notification's link needs; the view opens it.
    public func open(_ notification: NotificationItem) async {
        guard let url = notification.url else { return }
        openingLink = .loading
        openingLink = await .from { try await core.openLink(url: url) }
        try? await core.markEntityRead(entityId: notification.id)
    }

    /// The in-app browser closed.
    public func closeLink() {
        openingLink = .idle
    }

    /// A model for one article.
    public func article(_ id: String) -> ArticleModel {
        ArticleModel(core: core, newsId: id)
    }

    /// A model for reporting this child's absence.
    public func absence() -> AbsenceModel {
        AbsenceModel(core: core, child: child)
    }
}
