// What's new: the change feed, newest first, with deep links.

import Foundation
import Observation

/// Where an entry of the feed leads.
public enum Destination: Sendable, Hashable {
    /// An article.
    case article(childId: String, newsId: String)
    /// A child's tab.
    case child(childId: String, tab: ChildTab)
}

/// The what's-new screen's state and intents.
@MainActor
@Observable
public final class WhatsNewModel {
    /// The entries.
    public private(set) var entries: Loadable<[ChangeEntry]> = .idle
    private let core: SchoolCore

    /// A model.
    public init(core: SchoolCore) {
        self.core = core
    }

    /// Reads the unread feed.
    public func load() async {
        let core = core
        entries = await .from { try await core.changes(unreadOnly: true, offset: 0, limit: 100).items }
    }

    /// Marks everything shown read.
    public func markAllRead() async {
        guard let ids = entries.value?.map(\.id), !ids.isEmpty else { return }
        try? await core.markRead(ids: ids)
        await load()
    }

    /// Where `entry` leads (it is marked read on the way).
    public func open(_ entry: ChangeEntry) async -> Destination {
        try? await core.markRead(ids: [entry.id])
        return WhatsNewModel.destination(of: entry)
    }

    /// Where a notification's deep link (`skolbryggan://change/<id>`) leads, the entry marked
    /// read on the way; nil for another link, or an entry the feed no longer has.
    public func open(deepLink url: URL) async -> Destination? {
        guard url.scheme == "skolbryggan", url.host == "change", let id = Int64(url.lastPathComponent),
              let entry = try? await core.change(id: id) else { return nil }
        return await open(entry)
    }

    /// Where an entry leads (also for a notification's deep link).
    public nonisolated static func destination(of entry: ChangeEntry) -> Destination {
        switch entry.kind {
        case .newsAdded, .newsUpdated: return .article(childId: entry.childId, newsId: entry.entityId)
        case .notificationAdded: return .child(childId: entry.childId, tab: .notifications)
        case .eventAdded, .eventMoved, .eventCancelled: return .child(childId: entry.childId, tab: .calendar)
        case .menuChanged: return .child(childId: entry.childId, tab: .menu)
        case .timetableChanged: return .child(childId: entry.childId, tab: .timetable)
        case .assignmentAdded, .assignmentChanged: return .child(childId: entry.childId, tab: .assignments)
        case .attendanceRegistered: return .child(childId: entry.childId, tab: .attendance)
        case .careTimeChanged: return .child(childId: entry.childId, tab: .care)
        }
    }
}

/// The year wheel's state.
@MainActor
@Observable
public final class YearWheelModel {
    /// The year.
    public private(set) var year: Loadable<YearWheel> = .idle
    /// One child, or the family (nil).
    public var childId: String?
    private let core: SchoolCore

    /// A model.
    public init(core: SchoolCore) {
        self.core = core
    }

    /// The last refresh failed with this (the cached year stays shown).
    public private(set) var refreshError: CoreError?

    /// Reads the year from the cache.
    public func load() async {
        let core = core, id = childId
        year = await .from { try await core.yearWheel(childId: id) }
    }

    /// Pull to refresh: fetches the whole school year's calendars, then reads again. A year
    /// with weeks the cache has never seen (`cachedWeeks < weeks`) also refreshes on open.
    public func refresh() async {
        do {
            let summary = try await core.refreshYearWheel()
            refreshError = summary.sessionExpired ? .sessionExpired : nil
        } catch {
            refreshError = CoreError.wrap(error)
        }
        await load()
    }

    /// Reads the year, and fetches it when part of it was never cached.
    public func open() async {
        await load()
        if let y = year.value, y.cachedWeeks < y.weeks { await refresh() }
    }
}
