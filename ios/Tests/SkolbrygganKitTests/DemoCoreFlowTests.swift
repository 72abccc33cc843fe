// The screens' view models on the in-memory core: writes (absence with read-back and refusals,
// care times), what's new, the year wheel, settings — what the FFI does not have yet.

import Foundation
import SkolbrygganKit
import XCTest

final class DemoCoreFlowTests: XCTestCase {
    @MainActor
    func signedIn(_ core: DemoSchoolCore = DemoSchoolCore()) async -> AppModel {
        let app = AppModel(core: core, preferences: MemoryPreferences(), today: today)
        await app.start()
        await app.signIn.signInDemo()
        await app.home.refresh()
        return app
    }

    @MainActor
    func testReportAbsenceReadBackWithdrawAndTheHomeCardFollows() async throws {
        let app = await signedIn()
        let noah = try XCTUnwrap(app.home.home.value?.cards.first { $0.child.firstName == "Noah" })
        XCTAssertEqual(noah.absence, .canReport)
        let absence = app.child(noah.child).absence()
        await absence.load()
        XCTAssertEqual(absence.phase, .choosing)
        XCTAssertEqual(absence.options?.days.map(\.date), [today, "2026-11-26"])
        absence.choose(day: today)
        absence.reason = .sick
        absence.confirm()
        XCTAssertEqual(absence.phase, .confirming(AbsenceRequest(childId: noah.id, date: today, reason: .sick)))
        await absence.send()
        guard case .recorded(let receipt) = absence.phase else { return XCTFail("\(absence.phase)") }
        XCTAssertEqual(receipt.date, today)
        XCTAssertEqual(receipt.reason, .sick)
        await app.home.load()
        XCTAssertEqual(app.home.home.value?.cards.first { $0.id == noah.id }?.absence, .reported(canWithdraw: true))

        // Reopening shows the recorded report; withdrawing clears it.
        let again = app.child(noah.child).absence()
        await again.load()
        XCTAssertEqual(again.phase, .recorded(receipt))
        await again.withdraw()
        XCTAssertEqual(again.phase, .withdrawn)
        await app.home.load()
        XCTAssertEqual(app.home.home.value?.cards.first { $0.id == noah.id }?.absence, .canReport)
    }

    @MainActor
    func testAPlatformThatTakesNoAbsenceShowsItsRefusal() async throws {
        let app = await signedIn()
        let ella = try XCTUnwrap(app.home.home.value?.cards.first { $0.child.firstName == "Ella" })
        XCTAssertEqual(ella.absence, .locked)
        let absence = app.child(ella.child).absence()
        await absence.load()
        XCTAssertEqual(absence.phase, .refused(.notAllowed))
    }

    @MainActor
    func testCareTimesEditOnlyWhereAllowed() async throws {
        let app = await signedIn()
        let saga = try XCTUnwrap(app.home.home.value?.cards.first { $0.child.firstName == "Saga" }).child
        let child = app.child(saga)
        XCTAssertTrue(child.tabs.contains(.care))
        child.tab = .care
        await child.load()
        XCTAssertFalse(child.care.canEdit, "this week is locked")
        await child.moveWeek(by: 1)
        XCTAssertTrue(child.care.canEdit)
        child.care.edit()
        let friday = try XCTUnwrap(child.care.draft?.last?.date)
        child.care.set(date: friday, start: nil, end: nil)
        await child.care.save()
        XCTAssertNil(child.care.saveError)
        XCTAssertNil(child.care.draft)
        XCTAssertTrue(child.care.current.value?.days.last?.isOff ?? false)
        await child.care.load()
        XCTAssertTrue(child.care.current.value?.days.last?.isOff ?? false, "read back")
        let ella = try XCTUnwrap(app.home.home.value?.cards.first { $0.child.firstName == "Ella" }).child
        XCTAssertFalse(app.child(ella).tabs.contains(.care))
    }

    @MainActor
    func testEveryChildTabLoadsFromTheDemoCore() async throws {
        let app = await signedIn()
        let ella = try XCTUnwrap(app.home.home.value?.cards.first).child
        let child = app.child(ella)
        for tab in child.tabs { await child.load(tab) }
        XCTAssertEqual(child.news.value?.items.first?.id, "news-ella-1")
        XCTAssertFalse(child.calendar.value?.items.isEmpty ?? true)
        XCTAssertFalse(child.notifications.value?.items.isEmpty ?? true)
        XCTAssertEqual(child.menu.value?.count, 5)
        XCTAssertEqual(child.timetable.value?.count, 15)
        XCTAssertEqual(child.classmates.value?.first?.guardians.first?.actions.compactMap(\.url?.absoluteString),
                       ["tel:070-1234567", "sms:070-1234567", "mailto:sara.berg@example.se"])
        XCTAssertFalse(child.teachers.value?.isEmpty ?? true)
        XCTAssertFalse(child.contacts.value?.isEmpty ?? true)
        XCTAssertEqual(child.assignments.value?.total, 2)
        XCTAssertEqual(child.attendance.value?.items.first?.mark, .late)

        let notification = try XCTUnwrap(child.notifications.value?.items.first)
        await child.open(notification)
        XCTAssertEqual(child.openingLink.value?.cookies.map(\.domain), ["demo.skolbryggan.se"], "cookies only for the link's own host")

        let article = child.article("news-ella-1")
        await article.load()
        XCTAssertEqual(article.blocks.first, .heading("Lucia"))
        XCTAssertTrue(article.blocks.contains(.image(url: "https://demo.skolbryggan.se/lucia.jpg", alt: "Barn i luciatåg")))
        XCTAssertTrue(article.blocks.contains(.bullet("Vita kläder")))
        XCTAssertEqual(article.images["https://demo.skolbryggan.se/lucia.jpg"]?.value?.mediaType, "image/png")
        await app.home.load()
        XCTAssertEqual(app.home.home.value?.cards.first?.unreadNews, 0, "opening the article read it")
    }

    @MainActor
    func testWhatsNewDeepLinksAndMarkAllRead() async throws {
        let core = DemoSchoolCore()
        let app = await signedIn(core)
        core.schoolChanged(childId: "demo-noah", kind: .eventMoved, entityId: "event-noah-trip", title: "Utflykt till skogen")
        core.schoolChanged(childId: "demo-ella", kind: .newsAdded, entityId: "news-ella-1", title: "Luciafirande i aulan")
        await app.whatsNew.load()
        let entries = try XCTUnwrap(app.whatsNew.entries.value)
        XCTAssertEqual(entries.map(\.childName), ["Ella", "Noah"], "newest first")
        let first = await app.whatsNew.open(entries[0])
        XCTAssertEqual(first, .article(childId: "demo-ella", newsId: "news-ella-1"))
        XCTAssertEqual(WhatsNewModel.destination(of: entries[1]), .child(childId: "demo-noah", tab: .calendar))
        await app.whatsNew.load()
        XCTAssertEqual(app.whatsNew.entries.value?.count, 1)
        await app.whatsNew.markAllRead()
        XCTAssertEqual(app.whatsNew.entries.value, [])
    }

    @MainActor
    func testYearWheelAndSettings() async throws {
        let prefs = MemoryPreferences()
        let app = AppModel(core: DemoSchoolCore(), preferences: prefs, today: today)
        await app.start()
        await app.signIn.signInDemo()
        await app.yearWheel.load()
        let year = try XCTUnwrap(app.yearWheel.year.value)
        XCTAssertEqual(year.entries.map(\.start), year.entries.map(\.start).sorted())
        XCTAssertTrue(year.entries.contains { $0.category == .term })
        XCTAssertTrue(year.entries.contains { $0.category == .deadline })
        app.yearWheel.childId = "demo-saga"
        await app.yearWheel.load()
        XCTAssertTrue(app.yearWheel.year.value?.entries.allSatisfy { $0.childId == nil || $0.childId == "demo-saga" } ?? false)

        app.settings.language = "ar"
        app.settings.appearance = .dark
        app.settings.calendarSync = true
        let reopened = SettingsModel(preferences: prefs)
        XCTAssertEqual(reopened.language, "ar")
        XCTAssertEqual(reopened.appearance, .dark)
        XCTAssertTrue(reopened.calendarSync)
    }

    @MainActor
    func testBannersForOfflineExpiredAndALockedKeystore() async throws {
        let core = DemoSchoolCore()
        let app = await signedIn(core)
        XCTAssertEqual(app.home.banner, .none)
        core.offlineOnNextRefresh = true
        await app.home.refresh()
        XCTAssertEqual(app.home.banner, .offline)
        XCTAssertEqual(app.home.home.value?.cards.count, 3, "still showing the saved cards")
        core.expireOnNextRefresh = true
        await app.home.refresh()
        if case .sessionExpired = app.home.banner {} else { XCTFail("\(app.home.banner)") }

        core.keystoreLocked = true
        let restarted = AppModel(core: core, preferences: MemoryPreferences(), today: today)
        await restarted.start()
        XCTAssertEqual(restarted.screen, .locked)
    }

    @MainActor
    func testCancellingASignInGoesBackToChoosing() async throws {
        let app = AppModel(core: DemoSchoolCore(), preferences: MemoryPreferences(), today: today)
        await app.start()
        app.signIn.platform = .stockholm
        let task = Task { await app.signIn.signIn(.bankIdOtherDevice) }
        await eventually { app.signIn.phase == .showingQR }
        app.signIn.cancel()
        await task.value
        XCTAssertNotEqual(app.screen, .home)
        XCTAssertFalse(app.signIn.qrFrames.isEmpty)
    }
}

final class DemoCoreSignInAndDeepLinkTests: XCTestCase {
    @MainActor
    func testAPasswordSignInAsksForTheOrganisationFirst() async throws {
        let app = AppModel(core: DemoSchoolCore(), preferences: MemoryPreferences(), today: today)
        await app.start()
        app.signIn.choose(platform: .schoolSoft)
        XCTAssertTrue(app.signIn.methods.contains(.password))
        XCTAssertTrue(app.signIn.needsOrganisation)
        app.signIn.organisationQuery = "kommun"
        await app.signIn.searchOrganisations()
        XCTAssertEqual(app.signIn.organisations.map(\.id), ["demo-kommun"])
        await app.signIn.choose(organisation: app.signIn.organisations[0])
        XCTAssertFalse(app.signIn.needsOrganisation)
        app.signIn.username = "anna"
        app.signIn.password = "hemligt"
        await app.signIn.signIn(.password)
        XCTAssertEqual(app.signIn.phase, .signedIn)
        XCTAssertEqual(app.screen, .home)
        XCTAssertEqual(app.signIn.password, "")
        // Another platform forgets the choice.
        app.signIn.choose(platform: .stockholm)
        XCTAssertNil(app.signIn.organisation)
    }

    @MainActor
    func testANotificationsDeepLinkOpensItsEntryAndMarksItRead() async throws {
        let core = DemoSchoolCore()
        _ = try await core.signInDemo()
        core.schoolChanged(childId: "demo-ella", kind: .newsAdded, entityId: "news-ella-1", title: "Lucia")
        let pending = try await core.changesToNotify()
        let entry = try XCTUnwrap(pending.first)
        let plan = try XCTUnwrap(NotificationPlanner.plan([entry]).first)
        let model = WhatsNewModel(core: core)
        let target = await model.open(deepLink: try XCTUnwrap(URL(string: plan.deepLink)))
        XCTAssertEqual(target, .article(childId: "demo-ella", newsId: "news-ella-1"))
        let unread = try await core.changes(unreadOnly: true, offset: 0, limit: 0)
        XCTAssertEqual(unread.total, 0)
        let unknown = await model.open(deepLink: try XCTUnwrap(URL(string: "skolbryggan://change/999")))
        XCTAssertNil(unknown)
    }
}
