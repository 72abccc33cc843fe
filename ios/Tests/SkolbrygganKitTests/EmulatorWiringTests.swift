// The live core's newer calls against the emulator (the real providers over HTTPS on
// loopback): InfoMentor's absence write with read-back and a locked-day refusal, the IM1
// username/password login, a background refresh cancelled mid-way, content and session
// cookies of a platform host.

import Foundation
import SkolbrygganKit
import SkolbrygganLive
import XCTest

final class EmulatorWiringTests: XCTestCase {
    var emulator: Emulator!

    override func setUpWithError() throws {
        emulator = try Emulator()
    }

    override func tearDown() {
        emulator?.stop()
        emulator = nil
    }

    private func signIn(_ core: LiveSchoolCore, _ platform: SchoolPlatformID, _ method: SignInMethod) async throws {
        let flow = try await core.startSignIn(platform: platform, method: method)
        for try await _ in flow.updates() {}
    }

    @MainActor
    func testInfoMentorAbsenceIsWrittenReadBackAndRefusedWhenLocked() async throws {
        // The emulator's InfoMentor offers its own today and tomorrow: the tests' day.
        try emulator.control("POST", "today", ["date": today])
        let core = try await emulator.core()
        try await signIn(core, .infoMentor, .bankIdThisDevice(personalNumber: Emulator.guardian))
        _ = try await core.refresh(everything: true, force: false) { _ in }
        let tomorrow = SchoolDay.adding(1, to: today)
        let kids = try await core.children().filter { $0.platform == .infoMentor }
        var chosen: ChildProfile?
        var seen: [String: [AbsenceDayOption]] = [:]
        for kid in kids {
            let o = try await core.absenceOptions(childId: kid.id)
            seen[kid.firstName] = o.days
            if o.days.contains(where: { $0.date == tomorrow && $0.refusal == nil && $0.existing == nil }) { chosen = kid; break }
        }
        let kid = try XCTUnwrap(chosen, "an InfoMentor child the emulator offers tomorrow for: \(seen)")
        let model = AbsenceModel(core: core, child: kid)
        await model.load()
        model.choose(day: tomorrow)
        model.confirm()
        await model.send()
        guard case .recorded(let receipt) = model.phase else { return XCTFail("\(model.phase)") }
        XCTAssertEqual(receipt.date, tomorrow)
        XCTAssertFalse(receipt.alreadyRecorded)
        let writes = try XCTUnwrap(try emulator.control("GET", "infomentor/writes") as? [[String: Any]])
        XCTAssertEqual(writes.count, 1, "the emulator received one report: \(writes)")
        XCTAssertTrue(String(describing: writes).contains(tomorrow), "\(writes)")

        // A retry sends nothing; withdrawing is read back too.
        let again = try await core.reportAbsence(AbsenceRequest(childId: kid.id, date: tomorrow, reason: .sick))
        XCTAssertTrue(again.alreadyRecorded)
        await model.withdraw()
        XCTAssertEqual(model.phase, .withdrawn)
        let after = try await core.absenceOptions(childId: kid.id)
        XCTAssertNil(after.days.first { $0.date == tomorrow }?.existing)

        // Today is locked at the school: the core refuses with the reason, before sending.
        try emulator.control("POST", "infomentor/knobs", ["todayLocked": true])
        let sent = (try emulator.control("GET", "infomentor/writes") as? [[String: Any]])?.count
        do {
            _ = try await core.reportAbsence(AbsenceRequest(childId: kid.id, date: today, reason: .sick))
            XCTFail("a locked day must be refused")
        } catch CoreError.absenceRefused(let reason) {
            XCTAssertEqual(reason, .locked)
        }
        XCTAssertEqual((try emulator.control("GET", "infomentor/writes") as? [[String: Any]])?.count, sent, "nothing sent")
        let locked = try await core.absenceOptions(childId: kid.id)
        XCTAssertEqual(locked.days.first { $0.date == today }?.refusal, .locked)
    }

    @MainActor
    func testAnIm1AccountSignsInWithUsernameAndPassword() async throws {
        let app = AppModel(core: try await emulator.core(), preferences: MemoryPreferences(), today: today)
        await app.start()
        app.signIn.choose(platform: .infoMentor)
        XCTAssertTrue(app.signIn.methods.contains(.password))
        app.signIn.username = "vardnadshavare@example.com"
        app.signIn.password = "fel-lösenord"
        await app.signIn.signIn(.password)
        XCTAssertEqual(app.signIn.phase, .failed(.signIn(.rejected)), "a wrong password is the typed failure")
        app.signIn.reset()
        app.signIn.password = "Sommar2026!"
        await app.signIn.signIn(.password)
        XCTAssertEqual(app.signIn.phase, .signedIn)
        XCTAssertEqual(app.signIn.password, "", "the password is not kept")
        XCTAssertEqual(app.screen, .home)
        await app.home.refresh()
        XCTAssertFalse(app.home.home.value?.cards.isEmpty ?? true)
    }

    /// Searches `query` on `platform`, chooses the first match, signs in with a password.
    @MainActor
    private func organisationThenPassword(_ platform: SchoolPlatformID, query: String, username: String, password: String) async throws -> AppModel {
        let app = AppModel(core: try await emulator.core(), preferences: MemoryPreferences(), today: today)
        await app.start()
        app.signIn.choose(platform: platform)
        XCTAssertTrue(app.signIn.methods.contains(.password), "\(app.signIn.methods)")
        XCTAssertTrue(app.signIn.needsOrganisation, "the core says \(platform) needs an organisation")
        app.signIn.organisationQuery = query
        await app.signIn.searchOrganisations()
        let first = try XCTUnwrap(app.signIn.organisations.first, "the emulator's organisations for \(query)")
        await app.signIn.choose(organisation: first)
        XCTAssertFalse(app.signIn.needsOrganisation)
        app.signIn.username = username
        app.signIn.password = password
        await app.signIn.signIn(.password)
        XCTAssertEqual(app.signIn.phase, .signedIn)
        XCTAssertEqual(app.screen, .home)
        return app
    }

    @MainActor
    func testSchoolSoftAndVklassSignInWithTheOrganisationAndAPassword() async throws {
        let schoolSoft = try await organisationThenPassword(.schoolSoft, query: "Påhittade", username: "anna.exempelsson", password: "sommar2026")
        await schoolSoft.home.refresh()
        XCTAssertFalse(schoolSoft.home.home.value?.cards.isEmpty ?? true)
        XCTAssertTrue(schoolSoft.home.home.value?.cards.allSatisfy { $0.child.platform == .schoolSoft } ?? false)
        let vklass = try await organisationThenPassword(.vklass, query: "Göteborg", username: "tolvan.testsson", password: "hemligt-lösen-1")
        await vklass.home.refresh()
        XCTAssertFalse(vklass.home.home.value?.cards.isEmpty ?? true)
    }

    @MainActor
    func testFrejaWhereThePlatformOffersIt() async throws {
        let app = AppModel(core: try await emulator.core(), preferences: MemoryPreferences(), today: today)
        await app.start()
        let offers = app.signIn.platforms.filter { $0.methods.contains(.freja) }
        let offer = try XCTUnwrap(offers.first { $0.platform == .stockholm }, "the core offers Freja for Stockholm: \(app.signIn.platforms)")
        app.signIn.choose(platform: offer.platform)
        try emulator.control("POST", "freja", ["startedPolls": 1, "deliveredPolls": 1, "outcome": "approved"])
        await app.signIn.signIn(.freja)
        XCTAssertNotNil(app.signIn.prompt?.frejaLink, "the link that opens the Freja app")
        XCTAssertEqual(app.signIn.phase, .signedIn)
        XCTAssertEqual(app.screen, .home)
    }

    func testABackgroundRefreshCancelledMidWayLeavesAConsistentCache() async throws {
        let core = try await emulator.core()
        try await signIn(core, .stockholm, .bankIdThisDevice(personalNumber: Emulator.guardian))
        let poster = RecordingPoster()
        let service = BackgroundRefreshService(core: core, poster: poster)

        // Nothing cached yet and every answer is slow: iOS ends the task mid-way.
        try emulator.control("POST", "faults", ["endpoint": "*", "fault": ["latencyMs": 300]])
        let run = Task { await service.run(budget: 60) }
        while !service.isRunning { try await Task.sleep(nanoseconds: 1_000_000) }
        try await Task.sleep(nanoseconds: 700_000_000)
        let cancelledAt = Date()
        service.expire()
        let outcome = await run.value
        let stopped = Date().timeIntervalSince(cancelledAt)
        print("background refresh: stopped \(String(format: "%.3f", stopped)) s after cancel()")
        XCTAssertEqual(outcome, .cancelled)
        XCTAssertLessThan(stopped, 1.5, "the core's handle stops the run at once (took \(stopped) s)")
        XCTAssertFalse(service.isRunning)
        XCTAssertTrue(poster.posted.isEmpty, "a cancelled run announces nothing")

        // The cache reads whole, and records no change from the half fetch.
        try emulator.control("DELETE", "faults")
        _ = try await core.familyHome(date: today)
        let feed = try await core.changes(unreadOnly: false, offset: 0, limit: 0)
        XCTAssertEqual(feed.total, 0, "a first fetch (even in two halves) records no changes")

        // The next run completes what was left.
        guard case .finished(let changes, _) = await service.run(budget: 60) else { return XCTFail("next run") }
        XCTAssertTrue(changes.isEmpty)
        XCTAssertTrue(poster.posted.isEmpty)
        let kids = try await core.children()
        let kid = try XCTUnwrap(kids.first { $0.platform == .stockholm })
        let news = try await core.news(childId: kid.id, offset: 0, limit: 5)
        XCTAssertGreaterThan(news.total, 0, "the news came in")
    }

    func testContentAndCookiesOfAPlatformHost() async throws {
        let core = try await emulator.core()
        try await signIn(core, .stockholm, .bankIdThisDevice(personalNumber: Emulator.guardian))
        _ = try await core.refresh(force: false) { _ in }
        var pictured: NewsSummaryItem?
        let children = try await core.children()
        for kid in children where kid.platform == .stockholm && pictured == nil {
            let news = try await core.news(childId: kid.id, offset: 0, limit: 50)
            pictured = news.items.first { $0.picture != nil }
        }
        let item = try XCTUnwrap(pictured, "a news item with a picture on the platform")
        let url = try XCTUnwrap(item.picture?.url)
        let content = try await core.loadContent(url: url)
        XCTAssertFalse(content.bytes.isEmpty)
        XCTAssertTrue(content.mediaType.hasPrefix("image/"), content.mediaType)

        // The article screen loads the same picture through the core.
        let article = await ArticleModel(core: core, newsId: item.id)
        await article.load()
        let shown = await article.images[url]?.value
        XCTAssertEqual(shown?.bytes, content.bytes)

        // A platform page opened in the web view gets the session's cookies for its host.
        let page = "https://etjanster.stockholm.se/vardnadshavare/inloggad2/hem"
        let opened = try await core.openLink(url: page)
        XCTAssertEqual(opened.url, page)
        XCTAssertFalse(opened.cookies.isEmpty, "the session's cookies for the platform's host")
        XCTAssertTrue(opened.cookies.allSatisfy { !$0.name.isEmpty && "etjanster.stockholm.se".hasSuffix($0.domain) }, "\(opened.cookies.map(\.domain))")
        do {
            _ = try await core.loadContent(url: "https://example.com/picture.png")
            XCTFail("a foreign host must not be fetched")
        } catch CoreError.invalidInput {
        }
    }
}
