// The change feed ("what's new") and refresh results.

import Foundation

/// What changed.
public enum ChangeKindItem: String, Sendable, Hashable, Codable {
    /// A new news item.
    case newsAdded
    /// A news item was updated.
    case newsUpdated
    /// A new notification.
    case notificationAdded
    /// A new event.
    case eventAdded
    /// An event moved.
    case eventMoved
    /// An event was cancelled.
    case eventCancelled
    /// The menu changed.
    case menuChanged
    /// The timetable changed.
    case timetableChanged
    /// An assignment or homework appeared.
    case assignmentAdded
    /// An assignment changed (title, due date, status).
    case assignmentChanged
    /// An attendance registration appeared or changed.
    case attendanceRegistered
    /// A day's care times changed.
    case careTimeChanged
}

/// One entry of the change feed.
public struct ChangeEntry: Sendable, Hashable, Identifiable {
    /// The feed's id (increasing).
    public var id: Int64
    /// The child.
    public var childId: String
    /// The child's first name.
    public var childName: String
    /// Kind.
    public var kind: ChangeKindItem
    /// The changed entity (news id, event id…), for the deep link.
    public var entityId: String
    /// Its title as the school wrote it.
    public var title: String
    /// When the refresh found it.
    public var at: Date
    /// Read.
    public var read: Bool
    /// An entry.
    public init(id: Int64, childId: String, childName: String, kind: ChangeKindItem, entityId: String, title: String, at: Date, read: Bool) {
        self.id = id
        self.childId = childId
        self.childName = childName
        self.kind = kind
        self.entityId = entityId
        self.title = title
        self.at = at
        self.read = read
    }
}

/// A step of a refresh.
public struct RefreshStep: Sendable, Hashable {
    /// Resources done.
    public var done: Int
    /// Resources in all.
    public var total: Int
    /// A step.
    public init(done: Int, total: Int) {
        self.done = done
        self.total = total
    }
}

/// What a refresh did.
public struct RefreshSummary: Sendable, Hashable {
    /// Resources fetched.
    public var fetched: Int
    /// New or changed entries for the feed.
    public var changes: Int
    /// A platform's session expired: show the banner.
    public var sessionExpired: Bool
    /// Some resources failed (stale data is served).
    public var failed: Bool
    /// A summary.
    public init(fetched: Int, changes: Int, sessionExpired: Bool, failed: Bool) {
        self.fetched = fetched
        self.changes = changes
        self.sessionExpired = sessionExpired
        self.failed = failed
    }
}

/// What a background refresh ended with.
public enum BackgroundRefreshOutcome: Sendable, Hashable {
    /// Finished: the new changes grouped per child, and when to run next.
    case finished(changes: [ChangeEntry], suggestedNext: Date?)
    /// iOS ended the task (or the budget ran out) before it finished; the cache is as it was
    /// or holds what was fully stored.
    case cancelled
    /// It failed (offline, session expired, keystore unavailable).
    case failed(CoreError)
}

/// A notice from the core that cached data changed.
public enum CoreEvent: Sendable, Hashable {
    /// A refresh stored data.
    case refreshed(changes: Int)
    /// A platform session started.
    case signedIn
    /// A platform's session expired.
    case sessionExpired(SchoolPlatformID?)
    /// Signed out.
    case signedOut
}
