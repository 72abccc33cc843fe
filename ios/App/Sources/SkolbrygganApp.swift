// The app: builds the core once per process, registers the background refresh, routes universal
// links (BankID's return) and notification taps.

import Skolbryggan
import SkolbrygganKit
import SkolbrygganLive
import SwiftUI
import UIKit
import UserNotifications

@main
struct SkolbrygganApp: App {
    @UIApplicationDelegateAdaptor(AppDelegate.self) private var delegate

    var body: some Scene {
        WindowGroup {
            AppRoot()
        }
    }
}

/// Registers the background task before launch finishes (iOS requires it) and receives
/// notification taps.
final class AppDelegate: NSObject, UIApplicationDelegate, UNUserNotificationCenterDelegate {
    func application(_ application: UIApplication, didFinishLaunchingWithOptions launchOptions: [UIApplication.LaunchOptionsKey: Any]? = nil) -> Bool {
        BackgroundRefresh.register {
            await AppServices.shared.start()
            return BackgroundHolder.service
        }
        UNUserNotificationCenter.current().delegate = self
        return true
    }

    func userNotificationCenter(_ center: UNUserNotificationCenter, didReceive response: UNNotificationResponse) async {
        if let link = response.notification.request.content.userInfo["deepLink"] as? String, let url = URL(string: link) {
            await MainActor.run { AppServices.shared.pendingDeepLink = url }
        }
    }
}

/// Waits for the services, then shows the app.
struct AppRoot: View {
    @State private var services = AppServices.shared

    var body: some View {
        Group {
            if let app = services.app {
                RootView(app: app, services: services)
            } else {
                ProgressView()
                    .task { await services.start() }
            }
        }
    }
}
