// The app: builds the core once per process, registers the background refresh, routes universal
// links (BankID's return) and notification taps.

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
    @Environment(\.scenePhase) private var scenePhase

    var body: some View {
        Group {
            if let app = services.app {
                RootView(app: app, services: services)
            } else if services.keystoreLocked || services.failure != nil {
                // Before the first unlock since boot (or a core that would not open): nothing is
                // read or reset; try again when the parent asks or the app comes back.
                VStack(spacing: 16) {
                    Image(systemName: "lock.iphone").font(.largeTitle).accessibilityHidden(true)
                    Text(L10n.errorGeneric)
                        .multilineTextAlignment(.center)
                    Button(L10n.actionRetry) { Task { await services.start() } }
                        .buttonStyle(.borderedProminent)
                }
                .padding()
            } else {
                ProgressView()
                    .task { await services.start() }
            }
        }
        .onChange(of: scenePhase) { _, phase in
            if phase == .active, services.app == nil { Task { await services.start() } }
        }
    }
}
