// Writes: absence reports and care times.

import Foundation

/// A reason for an absence the platform accepts.
public enum AbsenceReason: String, Sendable, Hashable, CaseIterable {
    /// Ill.
    case sick
    /// Leave.
    case leave
}

/// A day an absence can be reported for.
public struct AbsenceDayOption: Sendable, Hashable, Identifiable {
    /// `YYYY-MM-DD`.
    public var date: String
    /// Whether it can be reported now; otherwise why not.
    public var refusal: AbsenceRefusal?
    /// An existing report for this day (can be withdrawn when `canWithdraw`).
    public var existing: AbsenceReceipt?
    /// The date as identifier.
    public var id: String { date }
    /// An option.
    public init(date: String, refusal: AbsenceRefusal?, existing: AbsenceReceipt?) {
        self.date = date
        self.refusal = refusal
        self.existing = existing
    }
}

/// What a platform offers for one child's absence (re-read fresh before every write).
public struct AbsenceOptions: Sendable, Hashable {
    /// The child.
    public var childId: String
    /// Today and tomorrow (or what the platform offers).
    public var days: [AbsenceDayOption]
    /// The reasons it takes.
    public var reasons: [AbsenceReason]
    /// Options.
    public init(childId: String, days: [AbsenceDayOption], reasons: [AbsenceReason]) {
        self.childId = childId
        self.days = days
        self.reasons = reasons
    }
}

/// Why the platform refused an absence report.
public enum AbsenceRefusal: String, Sendable, Hashable, Error {
    /// The day is locked: too late to report or change it.
    case locked
    /// The platform does not let this guardian do it for this child.
    case notAllowed
    /// The platform offers no such action for that day (absence: typically only today and
    /// tomorrow; care times: only care days).
    case notOffered
    /// The unit is closed that day.
    case closed
}

/// An absence report to send.
public struct AbsenceRequest: Sendable, Hashable {
    /// The child.
    public var childId: String
    /// `YYYY-MM-DD`.
    public var date: String
    /// The reason.
    public var reason: AbsenceReason
    /// A request.
    public init(childId: String, date: String, reason: AbsenceReason) {
        self.childId = childId
        self.date = date
        self.reason = reason
    }
}

/// What the school recorded (read back after the write).
public struct AbsenceReceipt: Sendable, Hashable, Identifiable {
    /// The platform's id of the report.
    public var id: String
    /// The child.
    public var childId: String
    /// `YYYY-MM-DD`.
    public var date: String
    /// The reason recorded.
    public var reason: AbsenceReason
    /// Whether it can still be withdrawn.
    public var canWithdraw: Bool
    /// The platform already had this report: nothing was sent (a retry is harmless).
    public var alreadyRecorded: Bool
    /// A receipt.
    public init(id: String, childId: String, date: String, reason: AbsenceReason, canWithdraw: Bool, alreadyRecorded: Bool = false) {
        self.id = id
        self.childId = childId
        self.date = date
        self.reason = reason
        self.canWithdraw = canWithdraw
        self.alreadyRecorded = alreadyRecorded
    }
}

/// One day's care (fritids, pre-school) times.
public struct CareDay: Sendable, Hashable, Identifiable {
    /// `YYYY-MM-DD`.
    public var date: String
    /// Drop-off `HH:MM` (nil: off that day).
    public var start: String?
    /// Pick-up `HH:MM`.
    public var end: String?
    /// The times can no longer be changed.
    public var locked: Bool
    /// The unit is closed that day.
    public var closed: Bool
    /// The date as identifier.
    public var id: String { date }
    /// A day.
    public init(date: String, start: String?, end: String?, locked: Bool = false, closed: Bool = false) {
        self.date = date
        self.start = start
        self.end = end
        self.locked = locked
        self.closed = closed
    }
    /// True when the guardian may change this day's times.
    public var editable: Bool { !locked && !closed }
    /// True when the child is not in care that day.
    public var isOff: Bool { start == nil || end == nil }
}

/// A week of care times.
public struct CareWeek: Sendable, Hashable {
    /// The child.
    public var childId: String
    /// The week.
    public var week: SchoolWeek
    /// Monday to Friday.
    public var days: [CareDay]
    /// Whether the platform lets the guardian change them now.
    public var editable: Bool
    /// A week.
    public init(childId: String, week: SchoolWeek, days: [CareDay], editable: Bool) {
        self.childId = childId
        self.week = week
        self.days = days
        self.editable = editable
    }
}
