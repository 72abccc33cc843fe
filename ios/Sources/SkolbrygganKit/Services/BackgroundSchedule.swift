// When the next BGAppRefreshTask should run and whether the last one succeeded: the decisions
// of the app's BGTask handler, kept here so they are tested on Linux (the handler in
// App/Sources/Platform/BackgroundRefresh.swift only hands them to BGTaskScheduler).

import Foundation

/// The background task's timing.
public enum BackgroundSchedule {
    /// iOS gives a refresh task about 30 seconds; this leaves a margin for posting notifications.
    public static let budget: TimeInterval = 25
    /// Never ask iOS for a run sooner than this.
    public static let minimumDelay: TimeInterval = 15 * 60
    /// The delay when the core suggested nothing (or the run did not finish).
    public static let defaultDelay: TimeInterval = 30 * 60

    /// The delay before the next run after `outcome`: the core's suggested time when it gave
    /// one (never sooner than `minimumDelay`), otherwise `defaultDelay`; a locked keystore
    /// tries again at the minimum (the phone is usually unlocked soon after).
    public static func nextDelay(after outcome: BackgroundRefreshOutcome, now: Date = Date()) -> TimeInterval {
        switch outcome {
        case .finished(_, let next?):
            return max(next.timeIntervalSince(now), minimumDelay)
        case .failed(.keystoreUnavailable):
            return minimumDelay
        case .finished, .cancelled, .failed:
            return defaultDelay
        }
    }

    /// What to tell iOS (`setTaskCompleted(success:)`): only a finished run succeeded.
    public static func succeeded(_ outcome: BackgroundRefreshOutcome) -> Bool {
        if case .finished = outcome { return true }
        return false
    }
}
