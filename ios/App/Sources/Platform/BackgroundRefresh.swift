// BGAppRefreshTask: iOS wakes the app now and then; the refresh runs through the core within
// the time iOS gives, and iOS's expiration handler cancels the job the service holds.

import BackgroundTasks
import Foundation
import SkolbrygganKit

enum BackgroundRefresh {
    static let identifier = "se.skolbryggan.app.refresh"

    /// Registers the handler (call before the app finishes launching). `service` builds the
    /// core when iOS launched the app in the background only for this task.
    static func register(service: @escaping @Sendable () async -> BackgroundRefreshService?) {
        BGTaskScheduler.shared.register(forTaskWithIdentifier: identifier, using: nil) { task in
            guard let task = task as? BGAppRefreshTask else {
                task.setTaskCompleted(success: false)
                return
            }
            handle(task, service: service)
        }
    }

    /// Asks iOS for the next run, no earlier than `after`.
    static func schedule(after: TimeInterval = BackgroundSchedule.defaultDelay) {
        let request = BGAppRefreshTaskRequest(identifier: identifier)
        request.earliestBeginDate = Date(timeIntervalSinceNow: after)
        try? BGTaskScheduler.shared.submit(request)
    }

    private static func handle(_ task: BGAppRefreshTask, service provider: @escaping @Sendable () async -> BackgroundRefreshService?) {
        // A run that never gets to the end (iOS kills it) still has the next one asked for.
        schedule(after: BackgroundSchedule.defaultDelay)
        let work = Task {
            guard let service = await provider() else {
                task.setTaskCompleted(success: false)
                return
            }
            let outcome = await service.run(budget: BackgroundSchedule.budget)
            schedule(after: BackgroundSchedule.nextDelay(after: outcome))
            task.setTaskCompleted(success: BackgroundSchedule.succeeded(outcome))
        }
        // iOS ends the task: the service cancels the core's refresh through the job it holds
        // (the core's BackgroundRefresh handle: it stops at once, nothing half stored), and,
        // before the service exists, cancelling `work` stops its start.
        task.expirationHandler = {
            BackgroundHolder.service?.expire()
            work.cancel()
        }
    }
}
