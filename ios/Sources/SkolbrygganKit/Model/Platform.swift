// The school platforms and sign-in methods as the screens see them.

import Foundation

/// A school platform the core can sign in to.
public enum SchoolPlatformID: String, CaseIterable, Sendable, Hashable, Codable {
    /// Skolplattformen Stockholm.
    case stockholm
    /// Skola24 (timetables).
    case skola24
    /// InfoMentor.
    case infoMentor
    /// SchoolSoft.
    case schoolSoft
    /// Vklass.
    case vklass
}

/// A way to sign in.
public enum SignInMethod: Sendable, Hashable {
    /// BankID on this phone: the autostart link opens the BankID app, which returns by universal link.
    case bankIdThisDevice(personalNumber: String?)
    /// BankID on another device: the screen shows the animated QR code.
    case bankIdOtherDevice(personalNumber: String?)
    /// Freja eID.
    case freja
    /// A username and password the platform or the school handed out (InfoMentor's IM1
    /// accounts, SchoolSoft, Vklass).
    case password(username: String, password: String)
}

/// The kinds of sign-in a platform offers (for the buttons on the sign-in screen).
public enum SignInMethodKind: String, Sendable, Hashable, CaseIterable {
    /// BankID on this device.
    case bankIdThisDevice
    /// BankID on another device (QR).
    case bankIdOtherDevice
    /// Freja eID.
    case freja
    /// Username and password.
    case password
}

/// What a platform offers: its sign-in methods and which writes and sections it has.
public struct PlatformOffer: Sendable, Hashable, Identifiable {
    /// The platform.
    public var platform: SchoolPlatformID
    /// Its sign-in methods, in the order to show them.
    public var methods: [SignInMethodKind]
    /// Whether absence can be reported through it.
    public var reportsAbsence: Bool
    /// Whether care (fritids) times can be edited through it.
    public var editsCareTimes: Bool
    /// Whether it serves lunch menus.
    public var hasMenu: Bool
    /// The name people know it by ("Skolplattformen"), from the core; empty: use the platform's.
    public var label: String
    /// An organisation (school group, municipality) must be chosen before signing in.
    public var organisationRequired: Bool
    /// BankID on this phone works without a personal number.
    public var bankIdWithoutPersonalNumber: Bool
    /// The platform as identifier.
    public var id: SchoolPlatformID { platform }

    /// An offer.
    public init(platform: SchoolPlatformID, methods: [SignInMethodKind], reportsAbsence: Bool, editsCareTimes: Bool, hasMenu: Bool,
                label: String = "", organisationRequired: Bool = false, bankIdWithoutPersonalNumber: Bool = false) {
        self.label = label
        self.organisationRequired = organisationRequired
        self.bankIdWithoutPersonalNumber = bankIdWithoutPersonalNumber
        self.platform = platform
        self.methods = methods
        self.reportsAbsence = reportsAbsence
        self.editsCareTimes = editsCareTimes
        self.hasMenu = hasMenu
    }
}

/// The state of one platform's session.
public enum SessionState: Sendable, Hashable {
    /// Signed in and working.
    case live
    /// The session expired: the cache stays readable, sign in again to refresh.
    case expired
    /// Never signed in (or signed out).
    case signedOut
}

/// One platform's session status.
public struct SessionStatus: Sendable, Hashable {
    /// The platform.
    public var platform: SchoolPlatformID
    /// Its state.
    public var state: SessionState
    /// Who is signed in ("signed in as"), when live and known.
    public var user: String?
    /// The status.
    public init(platform: SchoolPlatformID, state: SessionState, user: String? = nil) {
        self.platform = platform
        self.state = state
        self.user = user
    }
}

/// An organisation to choose before signing in (a SchoolSoft school group, a Vklass municipality).
public struct OrganisationItem: Sendable, Hashable, Identifiable {
    /// The platform's id for it.
    public var id: String
    /// Its name as the platform writes it.
    public var name: String
    /// An organisation.
    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}
