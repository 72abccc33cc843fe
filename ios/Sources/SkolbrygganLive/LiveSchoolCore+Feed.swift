// The refreshes and the change feed of the live core: the foreground refresh, the background
// refresh with the core's cancel handle, the feed and the core's notified watermark.

import Foundation
import Skolbryggan
import SkolbrygganKit

extension LiveSchoolCore {
    /// `everything`: every kind of today's week (the calendar sync, settings' "refresh all").
    /// Otherwise what the home cards show (`refreshHome`: the week, care times, attendance,
    /// absence offers, the calendars of the weeks ahead); `force` first fetches the week again
    /// even where it is fresh (pull to refresh).
    public func refresh(everything: Bool, force: Bool, progress: @escaping @Sendable (RefreshStep) -> Void) async throws -> RefreshSummary {
        let listener = ProgressForwarder(progress)
        let day = today()
        if everything {
            return RecordMapping.summary(try await call {
                try await client.refresh(options: RefreshOptions(date: day, everything: true, force: force), listener: listener)
            })
        }
        var summary = RefreshSummary(fetched: 0, changes: 0, sessionExpired: false, failed: false)
        if force {
            summary = RecordMapping.summary(try await call {
                try await client.refresh(options: RefreshOptions(date: day, everything: false, force: true), listener: nil)
            })
        }
        let home = RecordMapping.summary(try await call { try await client.refreshHome(date: day, listener: listener) })
        return RefreshSummary(fetched: summary.fetched + home.fetched, changes: summary.changes + home.changes,
                              sessionExpired: summary.sessionExpired || home.sessionExpired, failed: summary.failed || home.failed)
    }

    /// The core's background refresh (what is stale, within `budget`), stopped at once by the
    /// job's `cancel()` through the core's `BackgroundRefresh` handle: the core then returns
    /// `Cancelled` with nothing half stored.
    public func startBackgroundRefresh(budget: TimeInterval) -> BackgroundRefreshJob {
        let handle: BackgroundRefresh
        do {
            handle = try BackgroundRefresh()
        } catch {
            return BackgroundRefreshJob(task: Task { .failed(.other("no cancel handle")) })
        }
        let client = self.client
        let budgetMs = UInt64(max(budget, 0) * 1000)
        let task = Task { () -> BackgroundRefreshOutcome in
            do {
                let report = try await client.backgroundRefresh(budgetMs: budgetMs, handle: handle)
                return RecordMapping.outcome(report)
            } catch let e as SkolbrygganError {
                let mapped = CoreErrorMapping.map(e)
                return mapped == .cancelled ? .cancelled : .failed(mapped)
            } catch {
                return .failed(.other(String(describing: error)))
            }
        }
        return BackgroundRefreshJob(task: task) { try? handle.cancel() }
    }

    public func changes(unreadOnly: Bool, offset: Int, limit: Int) async throws -> Page<ChangeEntry> {
        let page = try await call { try await client.changes(unreadOnly: unreadOnly, offset: UInt32(offset), limit: UInt32(limit)) }
        let names = await childNames()
        return Page(items: page.items.map { RecordMapping.change($0, childName: names[$0.childId] ?? "") }, total: Int(page.total),
                    nextOffset: page.nextOffset.map(Int.init), freshness: SkolbrygganKit.Freshness(stale: false, oldestFetch: nil))
    }

    /// Feed entries above `afterId`, oldest first (one child's, or everyone's).
    public func changesSince(afterId: Int64, childId: String?, limit: Int) async throws -> [ChangeEntry] {
        let items = try await call { try await client.changesSince(afterId: afterId, childId: childId, limit: UInt32(limit)) }
        let names = await childNames()
        return items.map { RecordMapping.change($0, childName: names[$0.childId] ?? "") }
    }

    public func change(id: Int64) async throws -> ChangeEntry? {
        guard let c = try await call({ try await client.change(changeId: id) }) else { return nil }
        return RecordMapping.change(c, childName: await childNames()[c.childId] ?? "")
    }

    public func markRead(ids: [Int64]) async throws {
        try await call { try await client.markRead(changeIds: ids) }
    }

    public func changesToNotify() async throws -> [ChangeEntry] {
        let items = try await call { try await client.unnotified() }
        let names = await childNames()
        return items.map { RecordMapping.change($0, childName: names[$0.childId] ?? "") }
    }

    public func markNotified(upTo id: Int64) async throws {
        try await call { try await client.markNotified(upToId: id) }
    }
}
