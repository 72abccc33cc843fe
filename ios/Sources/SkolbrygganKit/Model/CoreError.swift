// The errors the screens act on.

import Foundation

/// Why signing in failed.
public enum SignInFailure: Sendable, Hashable {
    /// The identity provider said no.
    case rejected
    /// The user cancelled in the BankID/Freja app.
    case cancelledByUser
    /// Nobody signed in time.
    case timedOut
    /// Signed in, but the platform has no account for this person.
    case noAccount
    /// The personal number is malformed.
    case invalidPersonalNumber
    /// The platform does not offer this method.
    case methodNotSupported
}

/// An error the app shows or acts on (mapped from the core's typed errors).
public enum CoreError: Error, Sendable, Hashable {
    /// No connection or a timeout.
    case offline
    /// A platform's session expired: sign in again (the cache stays readable).
    case sessionExpired
    /// Not signed in.
    case notSignedIn
    /// Signing in failed.
    case signIn(SignInFailure)
    /// The platform refused an absence report.
    case absenceRefused(AbsenceRefusal)
    /// The platform refused a care-times change.
    case careTimesRefused(AbsenceRefusal)
    /// The core would not do it with this input (a link that is not on a signed-in platform's
    /// own host, content over the size cap, a malformed date); never retried as is.
    case invalidInput(String)
    /// The device's keystore cannot answer now (locked): try again later; nothing was lost.
    case keystoreUnavailable
    /// The operation was cancelled.
    case cancelled
    /// The core library does not offer this yet (names the FFI call that is missing).
    case notInCore(String)
    /// Anything else (a detail for logs, never shown as is).
    case other(String)
}
