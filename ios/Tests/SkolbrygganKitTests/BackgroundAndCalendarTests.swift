// Background refresh cancelled mid-way; notification grouping; calendar sync diffs.

import Foundation
import Skolbryggan
import SkolbrygganKit
import SkolbrygganLive
import XCTest

final class BackgroundAndCalendarTests: XCTestCase {
    func testExpiringTheTaskMidWayCancelsAndAnnouncesNothing() async throws {
        let core = DemoSchoolCore()
        _ = try await core.signInDemo()
        _ = try await core.refresh(force: false) { _ in }
        let poster = RecordingPoster()
        let service = BackgroundRefreshService(core: core, poster: poster)
        core.stepDelay = 0.2
        let run = Task { await service.run(budget: 30) }
        while !service.isRunning { try await Task.sleep(nanoseconds: 5_000_000) }
        try await Task.sleep(nanoseconds: 250_000_000)
        service.expire()
        let outcome = await run.value
        XCTAssertEqual(outcome, .cancelled)
        XCTAssertFalse(service.isRunning)
        XCTAssertTrue(poster.posted.isEmpty)
        let feed = try await core.changes(unreadOnly: false, offset: 0, limit: 0)
        XCTAssertEqual(feed.total, 0, "nothing half-stored")

        core.stepDelay = 0
        guard case .finished(let changes, _) = await service.run(budget: 30) else { return XCTFail("second run") }
        XCTAssertEqual(changes.count, 1)
        XCTAssertEqual(poster.posted.map(\.threadIdentifier), ["child.demo-ella"])
    }

    func testTheBudgetEndsALiveRefreshAndTheCacheStaysConsistent() async throws {
        let core = try await liveDemoCore()
        _ = try await core.signInDemo()
        let poster = RecordingPoster()
        let service = BackgroundRefreshService(core: core, poster: poster)
        let run = Task { await service.run(budget: 30) }
        while !service.isRunning { try await Task.sleep(nanoseconds: 1_000_000) }
        service.expire()
        let outcome = await run.value
        XCTAssertEqual(outcome, .cancelled)
        XCTAssertTrue(poster.posted.isEmpty)
        // Whatever the core stored is whole: the cache reads, and a full refresh completes it.
        _ = try await core.familyHome(date: today)
        let summary = try await core.refresh(force: false) { _ in }
        XCTAssertFalse(summary.failed)
        let home = try await core.familyHome(date: today)
        XCTAssertEqual(home.cards.count, 5)
        let feed = try await core.changes(unreadOnly: false, offset: 0, limit: 0)
        XCTAssertEqual(feed.total, 0, "a first fetch (even in two halves) records no changes")
    }

    func testNotificationsAreThreadedPerChildAndQuietForMenus() {
        let at = Date(timeIntervalSince1970: 1_764_000_000)
        let changes = [
            ChangeEntry(id: 3, childId: "a", childName: "Ella", kind: .newsAdded, entityId: "n1", title: "Lucia", at: at, read: false),
            ChangeEntry(id: 1, childId: "b", childName: "Noah", kind: .eventMoved, entityId: "e1", title: "Utflykt", at: at, read: false),
            ChangeEntry(id: 2, childId: "a", childName: "Ella", kind: .menuChanged, entityId: "m1", title: "Meny", at: at, read: false),
            ChangeEntry(id: 4, childId: "a", childName: "Ella", kind: .notificationAdded, entityId: "x1", title: "Gympapåse", at: at, read: false),
            ChangeEntry(id: 5, childId: "b", childName: "Noah", kind: .eventCancelled, entityId: "e2", title: "Disco", at: at, read: true),
        ]
        let plans = NotificationPlanner.plan(changes)
        XCTAssertEqual(plans.map(\.changeId), [1, 3, 4], "oldest first; menus quiet; read ones left out")
        XCTAssertEqual(plans.map(\.identifier), ["change.1", "change.3", "change.4"])
        let threads = NotificationPlanner.threads(plans)
        XCTAssertEqual(threads["child.a"]?.map(\.kindKey), ["change_news", "change_notification"])
        XCTAssertEqual(threads["child.b"]?.map(\.childName), ["Noah"])
        XCTAssertEqual(plans.first?.deepLink, "skolbryggan://change/1")
    }

    func testCalendarSyncCreatesMovesAndCancels() async throws {
        let core = DemoSchoolCore()
        _ = try await core.signInDemo()
        let phone = MemoryCalendar()
        let prefs = MemoryPreferences()
        let sync = CalendarSyncService(core: core, writer: phone, preferences: prefs)
        let (from, to) = (today, "2027-01-31")
        let first = try await sync.sync(from: from, to: to)
        XCTAssertEqual(first.create.count, 5)
        XCTAssertEqual(phone.events.count, 5)
        let again = try await sync.sync(from: from, to: to)
        XCTAssertTrue(again.isEmpty, "nothing changed, nothing written")

        // The school moves the talk and cancels the test.
        var events = try await core.calendar(childId: nil, from: from, to: to).items
        let talk = try XCTUnwrap(events.firstIndex { $0.id == "event-ella-talk" })
        let newStart = try XCTUnwrap(SchoolDay.date("2026-12-10")).addingTimeInterval(15 * 3600)
        events[talk].when = .timed(start: newStart, end: newStart.addingTimeInterval(1800))
        events.removeAll { $0.id == "event-ella-test" }
        core.replaceEvents(events)
        let plan = try await sync.sync(from: from, to: to)
        XCTAssertEqual(plan.create, [])
        XCTAssertEqual(plan.update.map(\.item.id), ["event-ella-talk"])
        XCTAssertEqual(plan.delete.count, 1)
        XCTAssertEqual(phone.events.count, 4)
        XCTAssertEqual(phone.events.values.first { $0.id == "event-ella-talk" }?.when, .timed(start: newStart, end: newStart.addingTimeInterval(1800)))
        XCTAssertNil(phone.events.values.first { $0.id == "event-ella-test" })

        // A later window does not cancel what lies outside it.
        let later = try await sync.sync(from: "2027-01-01", to: "2027-01-31")
        XCTAssertTrue(later.delete.isEmpty)
        XCTAssertEqual(phone.events.count, 4)

        // A reopened service remembers what it wrote; turning sync off removes it all.
        let reopened = CalendarSyncService(core: core, writer: phone, preferences: prefs)
        XCTAssertEqual(reopened.synced.count, 4)
        try reopened.removeAll()
        XCTAssertTrue(phone.events.isEmpty)
    }

    func testCalendarSyncOnTheRealLibraryWritesEveryEventOnce() async throws {
        // The core caches the calendar a week at a time: refresh the week of the Christmas
        // holiday (a core over the same client whose "today" is in that week).
        let client = try await ClientBuilder(dataDir: newDir()).fixedToday(date: today).secretStore(store: DictStore()).build()
        let core = LiveSchoolCore(client: client, today: { "2026-12-21" })
        _ = try await core.signInDemo()
        _ = try await core.refresh(everything: true, force: false) { _ in }
        let phone = MemoryCalendar()
        let sync = CalendarSyncService(core: core, writer: phone, preferences: MemoryPreferences())
        let (from, to) = ("2026-12-21", "2026-12-27")
        let school = try await core.calendar(childId: nil, from: from, to: to).items
        XCTAssertFalse(school.isEmpty)
        let plan = try await sync.sync(from: from, to: to)
        XCTAssertEqual(plan.create.count, school.count)
        XCTAssertEqual(Set(phone.events.values.map(\.id)), Set(school.map(\.id)))
        XCTAssertTrue(phone.events.values.contains { if case .allDay = $0.when { return true } else { return false } })
        let again = try await sync.sync(from: from, to: to)
        XCTAssertTrue(again.isEmpty, "unchanged events are not rewritten")
    }
}

final class BackgroundScheduleTests: XCTestCase {
    func testTheNextRunFollowsTheCoreButNeverSoonerThanTheMinimum() {
        let now = Date(timeIntervalSince1970: 1_764_000_000)
        XCTAssertEqual(BackgroundSchedule.nextDelay(after: .finished(changes: [], suggestedNext: now.addingTimeInterval(3600)), now: now), 3600)
        XCTAssertEqual(BackgroundSchedule.nextDelay(after: .finished(changes: [], suggestedNext: now.addingTimeInterval(60)), now: now),
                       BackgroundSchedule.minimumDelay)
        XCTAssertEqual(BackgroundSchedule.nextDelay(after: .finished(changes: [], suggestedNext: nil), now: now), BackgroundSchedule.defaultDelay)
        XCTAssertEqual(BackgroundSchedule.nextDelay(after: .cancelled, now: now), BackgroundSchedule.defaultDelay)
        XCTAssertEqual(BackgroundSchedule.nextDelay(after: .failed(.keystoreUnavailable), now: now), BackgroundSchedule.minimumDelay)
        XCTAssertEqual(BackgroundSchedule.nextDelay(after: .failed(.offline), now: now), BackgroundSchedule.defaultDelay)
        XCTAssertTrue(BackgroundSchedule.succeeded(.finished(changes: [], suggestedNext: nil)))
        XCTAssertFalse(BackgroundSchedule.succeeded(.cancelled))
        XCTAssertFalse(BackgroundSchedule.succeeded(.failed(.offline)))
        XCTAssertLessThan(BackgroundSchedule.budget, 30, "inside iOS's ~30 s")
    }
}
