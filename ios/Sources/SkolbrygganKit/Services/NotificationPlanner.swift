// Local notifications from the change feed, grouped per child. The planning is here (tested on
// Linux); the app layer hands the plans to UNUserNotificationCenter.

import Foundation

/// One local notification to post.
public struct PlannedNotification: Sendable, Hashable {
    /// The request identifier (one per feed entry: posting again replaces, never duplicates).
    public var identifier: String
    /// The thread: one per child, so iOS stacks each child's notifications together.
    public var threadIdentifier: String
    /// The child's first name: the title, and iOS's summary argument ("3 more from Ella").
    public var childName: String
    /// The catalog key of the kind line (`change_news`…), localized by the app layer.
    public var kindKey: String
    /// The school's own title of the changed thing.
    public var body: String
    /// Where tapping leads (`skolbryggan://change/<id>`).
    public var deepLink: String
    /// The feed entry.
    public var changeId: Int64
}

/// Turns new feed entries into notifications.
public enum NotificationPlanner {
    /// The thread identifier of a child's notifications.
    public static func thread(childId: String) -> String { "child.\(childId)" }

    /// The catalog key for a kind; nil for kinds that stay in "what's new" without a
    /// notification (menu and timetable changes: calm, not urgent).
    public static func kindKey(_ kind: ChangeKindItem) -> String? {
        switch kind {
        case .newsAdded: return "change_news"
        case .newsUpdated: return "change_news_updated"
        case .notificationAdded: return "change_notification"
        case .eventAdded: return "change_event"
        case .eventMoved: return "change_event_moved"
        case .eventCancelled: return "change_event_cancelled"
        // The catalog has no lines for school work yet (l10n/): these stay in "what's new".
        case .menuChanged, .timetableChanged, .assignmentAdded, .assignmentChanged, .attendanceRegistered, .careTimeChanged: return nil
        }
    }

    /// The notifications for `changes` (oldest first), grouped per child in the children's
    /// order of first appearance; read entries are left out.
    public static func plan(_ changes: [ChangeEntry]) -> [PlannedNotification] {
        changes.filter { !$0.read }.sorted { $0.id < $1.id }.compactMap { c in
            guard let key = kindKey(c.kind) else { return nil }
            return PlannedNotification(identifier: "change.\(c.id)", threadIdentifier: thread(childId: c.childId), childName: c.childName,
                                       kindKey: key, body: c.title, deepLink: "skolbryggan://change/\(c.id)", changeId: c.id)
        }
    }

    /// The plans by thread (what the notification centre will show as stacks).
    public static func threads(_ plans: [PlannedNotification]) -> [String: [PlannedNotification]] {
        Dictionary(grouping: plans, by: \.threadIdentifier)
    }
}

/// Posts planned notifications (UNUserNotificationCenter in the app).
public protocol NotificationPoster: AnyObject, Sendable {
    /// Posts `plans`; returns false when the user has not allowed notifications.
    func post(_ plans: [PlannedNotification]) async -> Bool
}
