// One core per process: the Client over the Keychain, the live SchoolCore over it (or the demo
// core for UI previews with -demo), and the services around it.

import Foundation
import Observation
import SkolbrygganKit
import SkolbrygganLive

/// UserDefaults as the app's small preferences.
final class DefaultsPreferences: PreferencesStore, @unchecked Sendable {
    func string(_ key: String) -> String? { UserDefaults.standard.string(forKey: key) }
    func set(_ value: String?, for key: String) { UserDefaults.standard.set(value, forKey: key) }
}

/// The background refresh service, set once the core exists; read by the BGTask handler, which
/// iOS calls on a background queue (possibly before any UI).
enum BackgroundHolder {
    nonisolated(unsafe) static var service: BackgroundRefreshService?
}

@MainActor
@Observable
final class AppServices {
    static let shared = AppServices()

    private(set) var app: AppModel?
    private(set) var failure: String?
    /// A deep link from a notification tap, for the root view to follow.
    var pendingDeepLink: URL?
    private(set) var calendarSync: CalendarSyncService?
    let notifications = NotificationCenterPoster()
    let calendarWriter = EventKitCalendarWriter()
    let preferences = DefaultsPreferences()

    /// True while the Keychain cannot answer (the phone was not unlocked since it started).
    private(set) var keystoreLocked = false

    /// Opens the core (once per process) and the services around it. With a locked keystore it
    /// opens nothing and touches no file: `keystoreLocked` shows "unlock the phone", and the next
    /// call (foreground, retry, next background task) tries again.
    func start() async {
        guard app == nil else { return }
        let core: SchoolCore
        if ProcessInfo.processInfo.arguments.contains("-demo") {
            core = DemoSchoolCore()
        } else {
            let dir: URL
            do {
                dir = try FileManager.default.url(for: .applicationSupportDirectory, in: .userDomainMask, appropriateFor: nil, create: true)
                    .appendingPathComponent("Skolbryggan", isDirectory: true)
            } catch {
                failure = String(describing: error)
                return
            }
            switch await CoreLauncher.open(dataDir: dir.path, store: KeychainSecretStore(keychain: SecurityKeychain())) {
            case .ready(let live):
                core = live
            case .keystoreUnavailable:
                keystoreLocked = true
                return
            case .failed(let error):
                failure = String(describing: error)
                return
            }
        }
        keystoreLocked = false
        BackgroundHolder.service = BackgroundRefreshService(core: core, poster: notifications)
        calendarSync = CalendarSyncService(core: core, writer: calendarWriter, preferences: preferences)
        let model = AppModel(core: core, preferences: preferences)
        L10n.use(model.settings.language)
        app = model
        await model.start()
        BackgroundRefresh.schedule()
    }

    /// Syncs the phone calendar when the parent opted in (the next eight weeks).
    func syncCalendarIfOn() async {
        guard let app, app.settings.calendarSync, let calendarSync else { return }
        guard await calendarWriter.requestAccess() else { return }
        let to = SchoolDay.adding(56, to: app.today)
        _ = try? await calendarSync.sync(from: app.today, to: to)
    }
}
