// The opt-in phone calendar: the school's events kept in a calendar of the app's own. The diff
// (created, moved, cancelled) is here; EventKit writes in the app layer (CalendarWriter).

import Foundation

/// What the app remembers about an event it wrote.
public struct SyncedEvent: Sendable, Hashable, Codable {
    /// The phone calendar's identifier of the event.
    public var localId: String
    /// What it was written from.
    public var item: CalendarItem
    /// A record.
    public init(localId: String, item: CalendarItem) {
        self.localId = localId
        self.item = item
    }
}

/// What to do to the phone calendar.
public struct CalendarSyncPlan: Sendable, Equatable {
    /// New school events.
    public var create: [CalendarItem]
    /// Events whose time, title or place changed: (local id, new contents).
    public var update: [SyncedEvent]
    /// Events the school removed: local ids to delete.
    public var delete: [String]
    /// Nothing to do.
    public var isEmpty: Bool { create.isEmpty && update.isEmpty && delete.isEmpty }
}

/// Compares the school's events with what was written.
public enum CalendarSyncPlanner {
    /// The plan for `school` (every event touching `from`…`to`) against `synced` (by school event
    /// id). Only written events inside the window can be cancelled: one outside it was not asked for.
    public static func plan(school: [CalendarItem], synced: [String: SyncedEvent], from: String, to: String) -> CalendarSyncPlan {
        var create: [CalendarItem] = []
        var update: [SyncedEvent] = []
        let ids = Set(school.map(\.id))
        for item in school {
            if let previous = synced[item.id] {
                if previous.item != item { update.append(SyncedEvent(localId: previous.localId, item: item)) }
            } else {
                create.append(item)
            }
        }
        let delete = synced.filter { !ids.contains($0.key) && touches($0.value.item, from: from, to: to) }.map(\.value.localId).sorted()
        return CalendarSyncPlan(create: create, update: update, delete: delete)
    }

    /// Whether `item` touches the days `from`…`to`.
    public static func touches(_ item: CalendarItem, from: String, to: String) -> Bool {
        let (start, end): (String, String)
        switch item.when {
        case .allDay(let s, let e): (start, end) = (s, e)
        case .timed(let s, let e): (start, end) = (SchoolDay.string(s), SchoolDay.string(e))
        }
        return start <= to && end >= from
    }
}

/// Writes to the phone calendar (EventKit in the app).
public protocol CalendarWriter: AnyObject, Sendable {
    /// Creates an event; returns its local identifier.
    func create(_ item: CalendarItem, childName: String) throws -> String
    /// Rewrites an event.
    func update(localId: String, with item: CalendarItem, childName: String) throws
    /// Deletes an event.
    func delete(localId: String) throws
}

/// Keeps the phone calendar in step with the core's events.
public final class CalendarSyncService: @unchecked Sendable {
    private let core: SchoolCore
    private let writer: CalendarWriter
    private let preferences: PreferencesStore
    private static let key = "calendarSync.synced"

    /// A service writing through `writer`, remembering in `preferences`.
    public init(core: SchoolCore, writer: CalendarWriter, preferences: PreferencesStore) {
        self.core = core
        self.writer = writer
        self.preferences = preferences
    }

    /// What was written (by school event id).
    public var synced: [String: SyncedEvent] {
        guard let json = preferences.string(Self.key), let data = json.data(using: .utf8) else { return [:] }
        return (try? JSONDecoder().decode([String: SyncedEvent].self, from: data)) ?? [:]
    }

    private func save(_ value: [String: SyncedEvent]) {
        let data = (try? JSONEncoder().encode(value)) ?? Data()
        preferences.set(String(decoding: data, as: UTF8.self), for: Self.key)
    }

    /// Syncs `from`…`to`; returns the plan it applied.
    @discardableResult
    public func sync(from: String, to: String) async throws -> CalendarSyncPlan {
        let events = try await core.calendar(childId: nil, from: from, to: to).items
        let names = Dictionary(try await core.children().map { ($0.id, $0.firstName) }, uniquingKeysWith: { a, _ in a })
        var state = synced
        let plan = CalendarSyncPlanner.plan(school: events, synced: state, from: from, to: to)
        for item in plan.create {
            state[item.id] = SyncedEvent(localId: try writer.create(item, childName: names[item.childId] ?? ""), item: item)
            save(state)
        }
        for change in plan.update {
            try writer.update(localId: change.localId, with: change.item, childName: names[change.item.childId] ?? "")
            state[change.item.id] = change
            save(state)
        }
        for localId in plan.delete {
            try writer.delete(localId: localId)
            state = state.filter { $0.value.localId != localId }
            save(state)
        }
        return plan
    }

    /// Turning sync off: removes every event written.
    public func removeAll() throws {
        for event in synced.values { try writer.delete(localId: event.localId) }
        save([:])
    }
}
