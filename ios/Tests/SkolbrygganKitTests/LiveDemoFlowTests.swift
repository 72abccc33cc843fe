// The app's flow as state transitions, on the real library with the demo family.

import Foundation
import SkolbrygganKit
import SkolbrygganLive
import XCTest

final class LiveDemoFlowTests: XCTestCase {
    @MainActor
    func testSignInHomeChildArticleAbsenceSignOutOnTheRealLibrary() async throws {
        let core = try await liveDemoCore()
        let app = AppModel(core: core, preferences: MemoryPreferences(), today: today)
        XCTAssertEqual(app.screen, .launching)
        await app.start()
        XCTAssertEqual(app.screen, .signIn, "nothing saved: sign-in")
        // The core's platform entries: Stockholm (with Skola24 behind it), InfoMentor, SchoolSoft, Vklass.
        XCTAssertEqual(app.signIn.platforms.map(\.platform), [.stockholm, .infoMentor, .schoolSoft, .vklass])

        // BankID on this device with a demo personal number.
        app.signIn.platform = .stockholm
        app.signIn.personalNumber = demoPersonalNumber
        await app.signIn.signIn(.bankIdThisDevice)
        XCTAssertEqual(app.signIn.phase, .signedIn)
        XCTAssertTrue(app.signIn.prompt?.bankIdUniversalLink?.hasPrefix("https://app.bankid.com/") ?? false)
        let back = try XCTUnwrap(app.signIn.prompt?.bankIdLink(returningTo: "https://skolbryggan.se/bankid-return"))
        XCTAssertTrue(back.absoluteString.contains("redirect=https://skolbryggan.se/bankid-return"), back.absoluteString)
        XCTAssertEqual(app.screen, .home)
        XCTAssertNotNil(app.guardian)

        // Home: nothing fetched yet → the stale banner; pull to refresh → cards, no banner.
        await app.home.load()
        XCTAssertEqual(app.home.banner, .stale(since: nil))
        await app.home.refresh()
        XCTAssertFalse(app.home.isRefreshing)
        XCTAssertEqual(app.home.progress, 1, accuracy: 0.0001)
        let home = try XCTUnwrap(app.home.home.value)
        XCTAssertEqual(home.cards.count, 5)
        XCTAssertEqual(app.home.banner, .none)
        XCTAssertTrue(home.sessions.allSatisfy { $0.state == .live })
        XCTAssertTrue(home.cards.contains { if case .school = $0.hours { return true } else { return false } },
                      "the core's week overview gives today's hours")

        // Child → news → article (Markdown blocks) → back.
        let card = try XCTUnwrap(home.cards.first { $0.child.platform == .stockholm })
        let child = app.child(card.child)
        XCTAssertFalse(child.tabs.isEmpty)
        await child.load(.news)
        let news = try XCTUnwrap(child.news.value)
        XCTAssertGreaterThan(news.total, 0)
        let article = child.article(news.items[0].id)
        await article.load()
        XCTAssertEqual(article.article.value?.summary.id, news.items[0].id)
        XCTAssertFalse(article.blocks.isEmpty)
        for tab: ChildTab in [.calendar, .notifications, .menu, .timetable, .classmates, .teachers, .contacts] {
            await child.load(tab)
        }
        XCTAssertNotNil(child.calendar.value)
        XCTAssertNotNil(child.timetable.value)
        XCTAssertNotNil(child.classmates.value)
        XCTAssertNotNil(child.teachers.value)
        XCTAssertNotNil(child.contacts.value)

        // Absence through the core: today is offered, the report is read back.
        let absence = child.absence()
        await absence.load()
        XCTAssertEqual(absence.phase, .choosing)
        XCTAssertEqual(absence.date, today)
        absence.confirm()
        await absence.send()
        guard case .recorded(let receipt) = absence.phase else { return XCTFail("absence: \(absence.phase)") }
        XCTAssertEqual(receipt.date, today)

        // Sign out → sign-in; the session is gone.
        await app.signOut()
        XCTAssertEqual(app.screen, .signIn)
        XCTAssertNil(app.guardian)
        XCTAssertEqual(app.signIn.phase, .choosing)
    }

    @MainActor
    func testTheDemoButtonThenARestartOpensHomeFromTheCache() async throws {
        let dir = newDir()
        let store = DictStore()
        do {
            let first = AppModel(core: try await liveDemoCore(dir: dir, store: store), preferences: MemoryPreferences(), today: today)
            await first.start()
            await first.signIn.signInDemo()
            XCTAssertEqual(first.screen, .home)
            await first.home.refresh()
            XCTAssertEqual(first.home.home.value?.cards.count, 5)
        }
        // The app is started again: the saved session resumes, home shows the cached cards.
        let second = AppModel(core: try await liveDemoCore(dir: dir, store: store), preferences: MemoryPreferences(), today: today)
        await second.start()
        XCTAssertEqual(second.screen, .home)
        XCTAssertEqual(second.home.home.value?.cards.count, 5)
        XCTAssertNil(second.guardian, "no sign-in in this run")
        XCTAssertFalse(second.signedInNames.isEmpty, "the resumed sessions say who: \(second.sessions)")
    }

    @MainActor
    func testAMalformedPersonalNumberIsTheTypedFailure() async throws {
        let app = AppModel(core: try await liveDemoCore(), preferences: MemoryPreferences(), today: today)
        await app.start()
        app.signIn.personalNumber = "12345"
        await app.signIn.signIn(.bankIdThisDevice)
        XCTAssertEqual(app.signIn.phase, .failed(.signIn(.invalidPersonalNumber)))
        XCTAssertEqual(app.screen, .signIn)
        app.signIn.reset()
        XCTAssertEqual(app.signIn.phase, .choosing)
    }

    @MainActor
    func testForgetEmptiesTheCache() async throws {
        let core = try await liveDemoCore()
        let app = AppModel(core: core, preferences: MemoryPreferences(), today: today)
        await app.start()
        await app.signIn.signInDemo()
        await app.home.refresh()
        XCTAssertEqual(app.home.home.value?.cards.count, 5)
        await app.forget()
        XCTAssertEqual(app.screen, .signIn)
        let resumed = try await core.resumeSessions()
        XCTAssertTrue(resumed.isEmpty)
    }
}
