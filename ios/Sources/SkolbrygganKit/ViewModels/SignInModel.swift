// The sign-in screen: platform choice, BankID here or on another device, Freja, demo.

import Foundation
import Observation

/// The sign-in screen's state and intents.
@MainActor
@Observable
public final class SignInModel {
    /// Where a sign-in is.
    public enum Phase: Equatable, Sendable {
        /// Choosing platform and method.
        case choosing
        /// Asking the core to start.
        case starting
        /// Waiting for the BankID/Freja app on this device (open `prompt`'s link).
        case waitingForApp
        /// Showing the QR code for another device.
        case showingQR
        /// The user is identifying in the app.
        case identifying
        /// Signed; the platform session is being set up.
        case finishing
        /// Failed with the core's reason.
        case failed(CoreError)
        /// Signed in.
        case signedIn
    }

    /// The platforms to choose from.
    public private(set) var platforms: [PlatformOffer] = []
    /// The chosen platform.
    public var platform: SchoolPlatformID?
    /// The personal number typed (optional for BankID).
    public var personalNumber = ""
    /// The username typed (password sign-in).
    public var username = ""
    /// The password typed (password sign-in; never logged).
    public var password = ""
    /// What the organisation search field holds.
    public var organisationQuery = ""
    /// The organisations matching the search.
    public private(set) var organisations: [OrganisationItem] = []
    /// The chosen organisation (where the platform requires one).
    public private(set) var organisation: OrganisationItem?
    /// Where it is.
    public private(set) var phase: Phase = .choosing
    /// What to show first (links).
    public private(set) var prompt: SignInPrompt?
    /// The QR payload to render now (BankID's animated QR: a new one every second).
    public private(set) var qrPayload: String?
    /// Every QR payload shown, in order (the animation's frames).
    public private(set) var qrFrames: [String] = []

    private let core: SchoolCore
    private var flow: SignInFlow?
    private let onSignedIn: @MainActor (GuardianProfile) -> Void

    /// A model; `onSignedIn` moves the app to the home screen.
    public init(core: SchoolCore, onSignedIn: @escaping @MainActor (GuardianProfile) -> Void) {
        self.core = core
        self.onSignedIn = onSignedIn
    }

    /// The methods of the chosen platform.
    public var methods: [SignInMethodKind] {
        offer?.methods ?? []
    }

    /// The chosen platform's offer.
    public var offer: PlatformOffer? {
        platforms.first { $0.platform == platform }
    }

    /// The platform wants an organisation and none is chosen yet: show the search first.
    public var needsOrganisation: Bool {
        (offer?.organisationRequired ?? false) && organisation == nil
    }

    /// Chooses a platform (forgets the organisation chosen for another).
    public func choose(platform: SchoolPlatformID) {
        guard platform != self.platform else { return }
        self.platform = platform
        organisation = nil
        organisations = []
        organisationQuery = ""
    }

    /// Searches the chosen platform's organisations for `organisationQuery`.
    public func searchOrganisations() async {
        guard let platform else { return }
        do {
            organisations = try await core.organisations(platform: platform, query: organisationQuery)
        } catch {
            organisations = []
            phase = .failed(CoreError.wrap(error))
        }
    }

    /// Chooses an organisation for the next sign-in.
    public func choose(organisation: OrganisationItem) async {
        guard let platform else { return }
        do {
            try await core.chooseOrganisation(platform: platform, organisationId: organisation.id)
            self.organisation = organisation
        } catch {
            phase = .failed(CoreError.wrap(error))
        }
    }

    /// Reads the platforms.
    public func load() async {
        platforms = (try? await core.platforms()) ?? []
        if platform == nil { platform = platforms.first?.platform }
    }

    /// Signs in with `kind` on the chosen platform; returns when signed in, failed or cancelled.
    public func signIn(_ kind: SignInMethodKind) async {
        guard let platform else { return }
        let pn = personalNumber.trimmingCharacters(in: .whitespaces)
        let number = pn.isEmpty ? nil : pn
        let method: SignInMethod
        switch kind {
        case .bankIdThisDevice: method = .bankIdThisDevice(personalNumber: number)
        case .bankIdOtherDevice: method = .bankIdOtherDevice(personalNumber: number)
        case .freja: method = .freja
        case .password: method = .password(username: username.trimmingCharacters(in: .whitespaces), password: password)
        }
        phase = .starting
        qrFrames = []
        do {
            let flow = try await core.startSignIn(platform: platform, method: method)
            self.flow = flow
            prompt = flow.prompt
            show(qr: flow.prompt.qrPayload)
            phase = kind == .bankIdOtherDevice ? .showingQR : .waitingForApp
            for try await update in flow.updates() {
                switch update {
                case .pending(let qr):
                    show(qr: qr)
                case .userSign(let qr):
                    show(qr: qr)
                    phase = .identifying
                case .signed:
                    phase = .finishing
                case .signedIn(let guardian):
                    password = ""
                    finish(guardian)
                }
            }
        } catch {
            phase = .failed(CoreError.wrap(error))
        }
        flow = nil
    }

    private func show(qr: String?) {
        guard let qr else { return }
        qrPayload = qr
        if qrFrames.last != qr { qrFrames.append(qr) }
    }

    private func finish(_ guardian: GuardianProfile) {
        phase = .signedIn
        qrPayload = nil
        onSignedIn(guardian)
    }

    /// Signs in to the demo family.
    public func signInDemo() async {
        phase = .starting
        do {
            finish(try await core.signInDemo())
        } catch {
            phase = .failed(CoreError.wrap(error))
        }
    }

    /// Cancels the sign-in in progress.
    public func cancel() {
        flow?.cancel()
        flow = nil
        phase = .choosing
        qrPayload = nil
    }

    /// Back to choosing after a failure.
    public func reset() {
        phase = .choosing
        prompt = nil
        qrPayload = nil
    }
}
