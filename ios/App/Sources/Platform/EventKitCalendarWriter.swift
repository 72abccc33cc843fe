// The opt-in school calendar in the phone's Calendar app: a calendar of the app's own, written
// through EventKit. What to create, move and cancel is decided by CalendarSyncService.

import EventKit
import Foundation
import SkolbrygganKit

final class EventKitCalendarWriter: CalendarWriter, @unchecked Sendable {
    private let store = EKEventStore()
    private let calendarKey = "calendarSync.calendarId"

    /// Asks for access (iOS 17: full access, to keep our own calendar's events in step).
    func requestAccess() async -> Bool {
        (try? await store.requestFullAccessToEvents()) ?? false
    }

    private func calendar() throws -> EKCalendar {
        if let id = UserDefaults.standard.string(forKey: calendarKey), let existing = store.calendar(withIdentifier: id) {
            return existing
        }
        let calendar = EKCalendar(for: .event, eventStore: store)
        calendar.title = L10n.appName
        calendar.source = store.defaultCalendarForNewEvents?.source ?? store.sources.first { $0.sourceType == .local }
        try store.saveCalendar(calendar, commit: true)
        UserDefaults.standard.set(calendar.calendarIdentifier, forKey: calendarKey)
        return calendar
    }

    private func fill(_ event: EKEvent, from item: CalendarItem, childName: String) {
        event.title = childName.isEmpty ? item.title : "\(childName): \(item.title)"
        event.location = item.location
        event.notes = item.details
        switch item.when {
        case .timed(let start, let end):
            event.isAllDay = false
            event.startDate = start
            event.endDate = end
        case .allDay(let start, let end):
            event.isAllDay = true
            event.startDate = SchoolDay.date(start)
            event.endDate = SchoolDay.date(end)
        }
    }

    func create(_ item: CalendarItem, childName: String) throws -> String {
        let event = EKEvent(eventStore: store)
        event.calendar = try calendar()
        fill(event, from: item, childName: childName)
        try store.save(event, span: .thisEvent, commit: true)
        return event.eventIdentifier
    }

    func update(localId: String, with item: CalendarItem, childName: String) throws {
        guard let event = store.event(withIdentifier: localId) else {
            _ = try create(item, childName: childName)
            return
        }
        fill(event, from: item, childName: childName)
        try store.save(event, span: .thisEvent, commit: true)
    }

    func delete(localId: String) throws {
        guard let event = store.event(withIdentifier: localId) else { return }
        try store.remove(event, span: .thisEvent, commit: true)
    }
}
