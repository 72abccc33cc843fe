// The state of something a screen loads from the core.

import Foundation

/// Loading, loaded or failed.
public enum Loadable<Value: Sendable & Equatable>: Sendable, Equatable {
    /// Not asked yet.
    case idle
    /// Being read.
    case loading
    /// Read.
    case loaded(Value)
    /// Failed (`CoreError.notInCore` when the core has no call for it yet).
    case failed(CoreError)

    /// The value, when loaded.
    public var value: Value? {
        if case .loaded(let v) = self { return v }
        return nil
    }

    /// Runs `body`, mapping its errors to `CoreError`.
    public static func from(_ body: () async throws -> Value) async -> Loadable<Value> {
        do {
            return .loaded(try await body())
        } catch {
            return .failed(CoreError.wrap(error))
        }
    }
}

extension CoreError {
    /// Any error as a `CoreError` (cancellation included).
    public static func wrap(_ error: Error) -> CoreError {
        if let e = error as? CoreError { return e }
        if error is CancellationError { return .cancelled }
        return .other(String(describing: error))
    }
}

/// The banner above a screen's content.
public enum Banner: Sendable, Equatable {
    /// Nothing to say.
    case none
    /// The data may be out of date (last fetched then; nil: never fetched).
    case stale(since: Date?)
    /// A platform's session expired: sign in again.
    case sessionExpired(SchoolPlatformID)
    /// No connection: showing saved data.
    case offline
    /// The keystore is locked: try again after unlocking.
    case keystoreUnavailable

    /// The banner for what the core said (sessions first, then the last refresh, then freshness).
    public static func from(sessions: [SessionStatus], freshness: Freshness?, lastError: CoreError?) -> Banner {
        if let expired = sessions.first(where: { $0.state == .expired }) { return .sessionExpired(expired.platform) }
        if lastError == .sessionExpired, let p = sessions.first?.platform { return .sessionExpired(p) }
        if lastError == .keystoreUnavailable { return .keystoreUnavailable }
        if lastError == .offline { return .offline }
        if let f = freshness, f.stale { return .stale(since: f.oldestFetch) }
        return .none
    }
}
