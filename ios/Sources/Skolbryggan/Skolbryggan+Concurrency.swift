// Swift-concurrency helpers over the generated bindings (compiled with them into the
// `Skolbryggan` module; tested on Linux by tests/swift).
//
// Cancelling a Swift `Task` does not by itself stop a Rust future (the generated code has no
// cancellation handler), so the helpers here turn Task cancellation into the explicit
// `cancel()` calls of the library.

import Foundation

/// What a login stream yields: every state change, then the logged-in guardian.
public enum LoginEvent: Sendable {
    /// A state change (with the QR payload to show, for BankID on another device).
    case update(LoginUpdate)
    /// Logged in; the stream ends after this.
    case done(User)
}

private final class StreamLoginListener: LoginListener, @unchecked Sendable {
    let continuation: AsyncThrowingStream<LoginEvent, Error>.Continuation
    init(_ continuation: AsyncThrowingStream<LoginEvent, Error>.Continuation) {
        self.continuation = continuation
    }
    func onUpdate(update: LoginUpdate) {
        continuation.yield(.update(update))
    }
}

private final class StreamDataChangedListener: DataChangedListener, @unchecked Sendable {
    let continuation: AsyncStream<DataChange>.Continuation
    init(_ continuation: AsyncStream<DataChange>.Continuation) {
        self.continuation = continuation
    }
    func onDataChanged(change: DataChange) {
        continuation.yield(change)
    }
}

extension PendingLogin {
    /// `complete(listener:options:)` that also stops (with `SkolbrygganError.Cancelled`) when the
    /// calling `Task` is cancelled: the polling of the identity provider ends at once.
    public func completeCancellable(listener: LoginListener, options: LoginOptions? = nil) async throws -> User {
        try await withTaskCancellationHandler {
            try await self.complete(listener: listener, options: options)
        } onCancel: {
            try? self.cancel()
        }
    }

    /// The login as an `AsyncThrowingStream`: iterating starts polling; every state arrives as
    /// `.update`, then `.done(user)`; a failed login throws its `SkolbrygganError`. Stopping the
    /// iteration (or cancelling its task) cancels the login.
    public func events(options: LoginOptions? = nil) -> AsyncThrowingStream<LoginEvent, Error> {
        AsyncThrowingStream { continuation in
            let listener = StreamLoginListener(continuation)
            let task = Task {
                do {
                    let user = try await self.completeCancellable(listener: listener, options: options)
                    continuation.yield(.done(user))
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { @Sendable _ in
                task.cancel()
                try? self.cancel()
            }
        }
    }
}

extension Client {
    /// Data-changed notices as an `AsyncStream`; ending the iteration cancels the subscription.
    public func dataChanges() throws -> AsyncStream<DataChange> {
        var handle: TaskHandle?
        let stream = AsyncStream<DataChange> { continuation in
            let listener = StreamDataChangedListener(continuation)
            handle = try? self.subscribeChanges(listener: listener)
            let captured = handle
            continuation.onTermination = { @Sendable _ in try? captured?.cancel() }
        }
        guard handle != nil else {
            throw SkolbrygganError.Internal(detail: "could not subscribe")
        }
        return stream
    }
}
