// Local notifications through UNUserNotificationCenter: one request per feed entry, threaded per
// child (iOS stacks them and summarises "3 more from Ella").

import Foundation
import SkolbrygganKit
import UserNotifications

final class NotificationCenterPoster: NotificationPoster, @unchecked Sendable {
    private let center = UNUserNotificationCenter.current()

    /// Asks once for permission (from settings or after the first sign-in, never at launch).
    func requestPermission() async -> Bool {
        (try? await center.requestAuthorization(options: [.alert, .badge, .sound])) ?? false
    }

    func post(_ plans: [PlannedNotification]) async -> Bool {
        let settings = await center.notificationSettings()
        guard settings.authorizationStatus == .authorized || settings.authorizationStatus == .provisional else { return false }
        for plan in plans {
            let content = UNMutableNotificationContent()
            content.title = plan.childName
            content.subtitle = L10n.bundle.localizedString(forKey: plan.kindKey, value: nil, table: "Localizable")
            content.body = plan.body
            content.threadIdentifier = plan.threadIdentifier
            content.summaryArgument = plan.childName
            content.userInfo = ["deepLink": plan.deepLink]
            content.interruptionLevel = .passive
            let request = UNNotificationRequest(identifier: plan.identifier, content: content, trigger: nil)
            try? await center.add(request)
        }
        return true
    }
}
