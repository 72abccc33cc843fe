// Against the emulator (the real Stockholm provider over HTTPS on loopback): QR frames, the
// expired-session banner, notification grouping from a changed feed.

import Foundation
import SkolbrygganKit
import SkolbrygganLive
import XCTest

final class EmulatorFlowTests: XCTestCase {
    var emulator: Emulator!

    override func setUpWithError() throws {
        emulator = try Emulator()
    }

    override func tearDown() {
        emulator?.stop()
        emulator = nil
    }

    @MainActor
    func testBankIdOnAnotherDeviceShowsEveryQrFrame() async throws {
        let app = AppModel(core: try await emulator.core(), preferences: MemoryPreferences(), today: today)
        await app.start()
        app.signIn.platform = .stockholm
        try emulator.control("POST", "bankid", ["pendingPolls": 3, "userSignPolls": 1, "outcome": "ok"])
        let task = Task { await app.signIn.signIn(.bankIdOtherDevice) }
        await eventually { app.signIn.phase == .showingQR }
        XCTAssertTrue(app.signIn.qrPayload?.hasPrefix("bankid.") ?? false)
        await task.value
        XCTAssertEqual(app.signIn.phase, .signedIn)
        XCTAssertEqual(app.screen, .home)
        XCTAssertGreaterThan(app.signIn.qrFrames.count, 1, "the QR animates: a new payload each poll")
        XCTAssertTrue(app.signIn.qrFrames.allSatisfy { $0.hasPrefix("bankid.") })
        XCTAssertEqual(Set(app.signIn.qrFrames).count, app.signIn.qrFrames.count, "each frame once")
        XCTAssertNil(app.signIn.qrPayload, "no QR after signing in")
    }

    @MainActor
    func testAnExpiredSessionShowsTheBannerAndKeepsTheCards() async throws {
        let app = AppModel(core: try await emulator.core(), preferences: MemoryPreferences(), today: today)
        await app.start()
        app.signIn.platform = .stockholm
        app.signIn.personalNumber = Emulator.guardian
        await app.signIn.signIn(.bankIdThisDevice)
        XCTAssertEqual(app.screen, .home)
        await app.home.refresh()
        let before = try XCTUnwrap(app.home.home.value?.cards)
        XCTAssertFalse(before.isEmpty)
        XCTAssertEqual(app.home.banner, .none)

        try emulator.control("POST", "sessions/expire", [:])
        await app.home.refresh()
        XCTAssertEqual(app.home.banner, .sessionExpired(.stockholm))
        XCTAssertEqual(app.home.home.value?.cards.map(\.id), before.map(\.id), "the cache stays readable")
        let sessions = app.home.home.value?.sessions ?? []
        XCTAssertEqual(sessions.first { $0.platform == .stockholm }?.state, .expired, "\(sessions)")

        // Signing in again clears the banner.
        app.signIn.reset()
        await app.signIn.signIn(.bankIdThisDevice)
        await app.home.refresh()
        XCTAssertEqual(app.home.banner, .none)
    }

    func testAChangedFeedPostsNotificationsGroupedPerChildOnce() async throws {
        let core = try await emulator.core()
        let flow = try await core.startSignIn(platform: .stockholm, method: .bankIdThisDevice(personalNumber: Emulator.guardian))
        for try await _ in flow.updates() {}
        let poster = RecordingPoster()
        let service = BackgroundRefreshService(core: core, poster: poster)

        // The first fetch records nothing: no notifications.
        guard case .finished(let first, _) = await service.run(budget: 60) else { return XCTFail("first run") }
        XCTAssertTrue(first.isEmpty)
        XCTAssertTrue(poster.posted.isEmpty)

        // The school edits its news; the next background refresh posts one notification per
        // change, threaded per child.
        let edited = try emulator.editNewsTitles(prefix: "Uppdaterat: ")
        XCTAssertFalse(edited.isEmpty)
        _ = try await core.refresh(force: true) { _ in }
        guard case .finished(let changes, _) = await service.run(budget: 60) else { return XCTFail("second run") }
        XCTAssertFalse(changes.isEmpty)
        let posted = poster.posted
        XCTAssertEqual(Set(posted.map(\.changeId)), Set(changes.filter { NotificationPlanner.kindKey($0.kind) != nil }.map(\.id)))
        let threads = NotificationPlanner.threads(posted)
        let children = Set(changes.map(\.childId))
        XCTAssertEqual(Set(threads.keys), Set(children.map { NotificationPlanner.thread(childId: $0) }))
        for (thread, plans) in threads {
            let ids = Set(changes.filter { NotificationPlanner.thread(childId: $0.childId) == thread }.map(\.id))
            XCTAssertEqual(Set(plans.map(\.changeId)), ids.intersection(plans.map(\.changeId)))
            XCTAssertEqual(Set(plans.map(\.childName)).count, 1, "one child per thread")
            XCTAssertFalse(plans[0].childName.isEmpty)
        }
        XCTAssertTrue(posted.filter { $0.kindKey == "change_news_updated" }.allSatisfy { $0.body.hasPrefix("Uppdaterat: ") })

        // The feed paged from the start, oldest first, holds every one of them.
        var since: [ChangeEntry] = []
        while true {
            let page = try await core.changesSince(afterId: since.last?.id ?? 0, childId: nil, limit: 20)
            XCTAssertLessThanOrEqual(page.count, 20)
            since += page
            if page.count < 20 { break }
        }
        XCTAssertEqual(since.map(\.id), since.map(\.id).sorted())
        XCTAssertEqual(Set(since.map(\.id)).count, since.count, "pages do not overlap")
        XCTAssertTrue(Set(since.map(\.id)).isSuperset(of: changes.map(\.id)))
        let oneChild = try XCTUnwrap(changes.first?.childId)
        let theirs = try await core.changesSince(afterId: 0, childId: oneChild, limit: 0)
        XCTAssertFalse(theirs.isEmpty, "\(oneChild): \(since.map(\.childId))")
        XCTAssertTrue(theirs.allSatisfy { $0.childId == oneChild }, "\(oneChild): \(theirs.map(\.childId))")

        // Announced once (the core's watermark): the next run posts nothing new; notified is not read.
        let left = try await core.changesToNotify()
        XCTAssertEqual(left, [])
        let unread = try await core.changes(unreadOnly: true, offset: 0, limit: 0)
        XCTAssertGreaterThanOrEqual(unread.total, changes.count)
        guard case .finished = await service.run(budget: 60) else { return XCTFail("third run") }
        XCTAssertEqual(poster.posted.count, posted.count)

        // Tapping a notification opens its thing, through the core's entry by id.
        let whatsNew = await WhatsNewModel(core: core)
        let tapped = try XCTUnwrap(posted.first { $0.kindKey == "change_news_updated" })
        let target = await whatsNew.open(deepLink: try XCTUnwrap(URL(string: tapped.deepLink)))
        let entry = try XCTUnwrap(changes.first { $0.id == tapped.changeId })
        XCTAssertEqual(target, .article(childId: entry.childId, newsId: entry.entityId))
    }

    func testThePhoneCalendarFollowsMovedAndCancelledSchoolEvents() async throws {
        // Christmas week: the emulator's school has holidays there.
        let core = try await emulator.core(day: "2026-12-21")
        let flow = try await core.startSignIn(platform: .stockholm, method: .bankIdThisDevice(personalNumber: Emulator.guardian))
        for try await _ in flow.updates() {}
        _ = try await core.refresh(everything: true, force: false) { _ in }
        let phone = MemoryCalendar()
        let sync = CalendarSyncService(core: core, writer: phone, preferences: MemoryPreferences())
        let (from, to) = ("2026-12-21", "2026-12-27")
        let created = try await sync.sync(from: from, to: to)
        XCTAssertGreaterThanOrEqual(created.create.count, 2)
        let moved = try XCTUnwrap(created.create.first { $0.title == "Julafton" })
        let cancelled = try XCTUnwrap(created.create.first { $0.title == "Juldagen" })

        // The school moves one event a day earlier and removes another.
        try emulator.editCalendar { event in
            guard let id = event["id"] as? String else { return event }
            let part = Emulator.entityPart(id)
            if part == Emulator.entityPart(cancelled.id) { return nil }
            if part == Emulator.entityPart(moved.id) {
                var e = event
                e["timing"] = ["kind": "all_day", "start": "2026-12-23", "end": "2026-12-23"]
                return e
            }
            return event
        }
        _ = try await core.refresh(everything: true, force: true) { _ in }
        let plan = try await sync.sync(from: from, to: to)
        XCTAssertEqual(plan.create, [])
        XCTAssertEqual(plan.update.map(\.item.id), [moved.id])
        XCTAssertEqual(plan.delete.count, 1)
        XCTAssertEqual(phone.events.values.first { $0.id == moved.id }?.when, .allDay(start: "2026-12-23", end: "2026-12-23"))
        XCTAssertNil(phone.events.values.first { $0.id == cancelled.id })
        XCTAssertEqual(phone.events.count, created.create.count - 1)

        // The core's feed says the same (what a notification would announce).
        let feed = try await core.changes(unreadOnly: true, offset: 0, limit: 0).items
        XCTAssertTrue(feed.contains { $0.kind == .eventMoved && $0.entityId == moved.id })
        XCTAssertTrue(feed.contains { $0.kind == .eventCancelled && $0.entityId == cancelled.id })
    }
}
