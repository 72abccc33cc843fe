// The background refresh (BGAppRefreshTask in the app): runs the core's refresh within iOS's
// budget, keeps the cancellable job so iOS's expiration handler can stop it, then posts the
// new changes as notifications grouped per child.

import Foundation

/// Runs one background refresh at a time.
public final class BackgroundRefreshService: @unchecked Sendable {
    private let core: SchoolCore
    private let poster: NotificationPoster
    private let lock = NSLock()
    private var job: BackgroundRefreshJob?

    /// A service over `core`, posting through `poster`.
    public init(core: SchoolCore, poster: NotificationPoster) {
        self.core = core
        self.poster = poster
    }

    /// True while a refresh runs.
    public var isRunning: Bool {
        lock.lock(); defer { lock.unlock() }
        return job != nil
    }

    /// Refreshes within `budget` seconds and posts what is new. iOS calls `expire()` when it
    /// ends the task; this then returns `.cancelled` and posts nothing.
    public func run(budget: TimeInterval) async -> BackgroundRefreshOutcome {
        let job = core.startBackgroundRefresh(budget: budget)
        hold(job)
        let outcome = await job.outcome()
        hold(nil)
        guard case .finished(let changes, _) = outcome else { return outcome }
        let plans = NotificationPlanner.plan(changes)
        if let last = changes.map(\.id).max() {
            // Announced or deliberately quiet: either way not announced again.
            if await poster.post(plans) || plans.isEmpty {
                try? await core.markNotified(upTo: last)
            }
        }
        return outcome
    }

    private func hold(_ job: BackgroundRefreshJob?) {
        lock.lock()
        self.job = job
        lock.unlock()
    }

    /// Stops the running refresh (iOS's expiration handler).
    public func expire() {
        lock.lock()
        let job = self.job
        lock.unlock()
        job?.cancel()
    }
}
