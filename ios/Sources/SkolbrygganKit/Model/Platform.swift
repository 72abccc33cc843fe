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
}

/// The kinds of sign-in a platform offers (for the buttons on the sign-in screen).
public enum SignInMethodKind: String, Sendable, Hashable, CaseIterable {
    /// BankID on this device.
    case bankIdThisDevice
    /// BankID on another device (QR).
    case bankIdOtherDevice
    /// Freja eID.
    case freja
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
    /// The platform as identifier.
    public var id: SchoolPlatformID { platform }

    /// An offer.
    public init(platform: SchoolPlatformID, methods: [SignInMethodKind], reportsAbsence: Bool, editsCareTimes: Bool, hasMenu: Bool) {
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
    /// The status.
    public init(platform: SchoolPlatformID, state: SessionState) {
        self.platform = platform
        self.state = state
    }
}
