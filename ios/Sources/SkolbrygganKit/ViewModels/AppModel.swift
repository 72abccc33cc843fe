// The app's root: which screen shows, and the models behind them.

import Foundation
import Observation

/// The root state and intents.
@MainActor
@Observable
public final class AppModel {
    /// The top-level screens.
    public enum Screen: Equatable, Sendable {
        /// Restoring saved sessions.
        case launching
        /// Signed out.
        case signIn
        /// Signed in (or an expired session with a readable cache).
        case home
        /// The keystore is locked (before first unlock): nothing can be read yet.
        case locked
    }

    /// The screen.
    public private(set) var screen: Screen = .launching
    /// The signed-in guardian.
    public private(set) var guardian: GuardianProfile?
    /// Each platform's session (live as whom, expired), as the core last said.
    public private(set) var sessions: [SessionStatus] = []
    /// Sign-in.
    public private(set) var signIn: SignInModel!
    /// Home.
    public let home: HomeModel
    /// What's new.
    public let whatsNew: WhatsNewModel
    /// The year wheel.
    public let yearWheel: YearWheelModel
    /// Settings.
    public let settings: SettingsModel
    /// Where a notification tap leads, for the what's-new screen to open (then cleared).
    public var deepLink: Destination?
    /// The core.
    public let core: SchoolCore
    /// Today (`YYYY-MM-DD`).
    public let today: String

    /// The app over `core`.
    public init(core: SchoolCore, preferences: PreferencesStore, today: String = SchoolDay.string(Date())) {
        self.core = core
        self.today = today
        home = HomeModel(core: core, date: today)
        whatsNew = WhatsNewModel(core: core)
        yearWheel = YearWheelModel(core: core)
        settings = SettingsModel(preferences: preferences)
        signIn = SignInModel(core: core) { [weak self] guardian in self?.signedIn(guardian) }
    }

    /// At launch: restores the sessions; home when there were some (also expired: the cache
    /// stays readable and the banner says so), sign-in otherwise.
    public func start() async {
        do {
            let sessions = try await core.resumeSessions()
            self.sessions = sessions
            if sessions.isEmpty {
                screen = .signIn
                await signIn.load()
            } else {
                screen = .home
                await home.load()
            }
        } catch CoreError.keystoreUnavailable {
            screen = .locked
        } catch {
            screen = .signIn
            await signIn.load()
        }
    }

    private func signedIn(_ guardian: GuardianProfile) {
        self.guardian = guardian
        screen = .home
        Task { await readSessions() }
    }

    /// Reads each platform's session again (settings' "signed in as").
    public func readSessions() async {
        sessions = (try? await core.sessionStates()) ?? sessions
    }

    /// Who is signed in, for settings: the guardian of this run's sign-in, or the names the
    /// core's live sessions give (after a restart).
    public var signedInNames: [String] {
        if let guardian { return [guardian.fullName] }
        var names: [String] = []
        for s in sessions where s.state == .live {
            if let user = s.user, !user.isEmpty, !names.contains(user) { names.append(user) }
        }
        return names
    }

    /// A model for one child's screen.
    public func child(_ child: ChildProfile) -> ChildModel {
        ChildModel(core: core, child: child, today: today)
    }

    /// Signs out (the cache stays).
    public func signOut() async {
        try? await core.signOut()
        guardian = nil
        sessions = []
        signIn.reset()
        screen = .signIn
        await signIn.load()
    }

    /// Signs out and forgets everything on this phone.
    public func forget() async {
        try? await core.forget()
        settings.confirmingForget = false
        guardian = nil
        sessions = []
        signIn.reset()
        screen = .signIn
        await signIn.load()
    }
}
