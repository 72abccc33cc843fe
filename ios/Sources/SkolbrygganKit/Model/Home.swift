// The family home: one card per child, computed by the core.

import Foundation

/// A child's absence state today (decided by the core).
public enum AbsenceState: Sendable, Hashable {
    /// Nothing reported; a report is possible.
    case canReport
    /// Reported; withdrawing is possible when `canWithdraw`.
    case reported(canWithdraw: Bool)
    /// Reporting is not possible right now (too late, not offered).
    case locked
    /// The platform does not offer absence reports for this child.
    case notOffered
    /// The core does not know (the platform does not say).
    case unknown
}

/// Why there is no school on a home card's day (decided by the core).
public enum DayOffKind: String, Sendable, Hashable {
    /// A school or public holiday.
    case holiday
    /// A study or planning day.
    case studyDay
    /// The care unit is closed.
    case careClosed
    /// Saturday or Sunday.
    case weekend
}

/// Today's hours on a home card.
public enum DayHours: Sendable, Hashable {
    /// School from the first lesson to the end of the last.
    case school(start: Date, end: Date)
    /// Care (pre-school, fritids) booked times.
    case care(start: Date, end: Date)
    /// No school or care today.
    case none
}

/// One child's home card.
public struct HomeCard: Sendable, Hashable, Identifiable {
    /// The child.
    public var child: ChildProfile
    /// Today's hours.
    public var hours: DayHours
    /// Why there is no school today (as the school wrote it).
    public var dayOff: String?
    /// Bring gym clothes today.
    public var bringGymClothes: Bool
    /// Other things to bring, as the school wrote them.
    public var bring: [String]
    /// Today's lunch.
    public var lunch: [String]
    /// Unread news (nil: the core did not say).
    public var unreadNews: Int?
    /// Unread notifications (nil: the core did not say).
    public var unreadNotifications: Int?
    /// Absence state today.
    public var absence: AbsenceState
    /// The next event.
    public var nextEvent: CalendarItem?
    /// Why there is no school (nil: there is, or the core does not say why).
    public var dayOffKind: DayOffKind?
    /// Some of the card's data is old (or nothing is cached).
    public var stale: Bool
    /// The child's id.
    public var id: String { child.id }
    /// A card.
    public init(child: ChildProfile, hours: DayHours, dayOff: String?, bringGymClothes: Bool, bring: [String], lunch: [String],
                unreadNews: Int?, unreadNotifications: Int?, absence: AbsenceState, nextEvent: CalendarItem?,
                dayOffKind: DayOffKind? = nil, stale: Bool = false) {
        self.dayOffKind = dayOffKind
        self.stale = stale
        self.child = child
        self.hours = hours
        self.dayOff = dayOff
        self.bringGymClothes = bringGymClothes
        self.bring = bring
        self.lunch = lunch
        self.unreadNews = unreadNews
        self.unreadNotifications = unreadNotifications
        self.absence = absence
        self.nextEvent = nextEvent
    }
}

/// The family home screen's data.
public struct FamilyHome: Sendable, Hashable {
    /// The day it is for (`YYYY-MM-DD`).
    public var date: String
    /// One card per child, in the core's order.
    public var cards: [HomeCard]
    /// How fresh it is.
    public var freshness: Freshness
    /// Per platform, its session.
    public var sessions: [SessionStatus]
    /// A home.
    public init(date: String, cards: [HomeCard], freshness: Freshness, sessions: [SessionStatus]) {
        self.date = date
        self.cards = cards
        self.freshness = freshness
        self.sessions = sessions
    }
}

/// A span on the year wheel.
public struct YearWheelEntry: Sendable, Hashable, Identifiable {
    /// Id.
    public var id: String
    /// The child (nil: the whole family, e.g. a holiday all schools share).
    public var childId: String?
    /// Title as the school wrote it.
    public var title: String
    /// First day `YYYY-MM-DD`.
    public var start: String
    /// Last day `YYYY-MM-DD`.
    public var end: String
    /// Kind.
    public var category: YearWheelCategory
    /// An entry.
    public init(id: String, childId: String?, title: String, start: String, end: String, category: YearWheelCategory) {
        self.id = id
        self.childId = childId
        self.title = title
        self.start = start
        self.end = end
        self.category = category
    }
}

/// What a year-wheel span is.
public enum YearWheelCategory: String, Sendable, Hashable {
    /// A term.
    case term
    /// A holiday.
    case holiday
    /// A study day.
    case studyDay
    /// A development talk / parent meeting.
    case parentMeeting
    /// A test.
    case test
    /// A trip.
    case excursion
    /// A deadline.
    case deadline
    /// Anything else.
    case other
}

/// The school year at a glance.
public struct YearWheel: Sendable, Hashable {
    /// The school year's first day.
    public var start: String
    /// The school year's last day.
    public var end: String
    /// The spans, earliest first.
    public var entries: [YearWheelEntry]
    /// ISO weeks in the year.
    public var weeks: Int
    /// Weeks whose calendar is cached (the rest is unknown until refreshed).
    public var cachedWeeks: Int
    /// A year.
    public init(start: String, end: String, entries: [YearWheelEntry], weeks: Int = 0, cachedWeeks: Int = 0) {
        self.start = start
        self.end = end
        self.entries = entries
        self.weeks = weeks
        self.cachedWeeks = cachedWeeks
    }
}
