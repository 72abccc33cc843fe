// The live core's newer calls on the real library with the demo family: home cards from
// familyHome, absence with read-back and a refusal, care times, the year wheel, session
// states, platforms, the feed's notified watermark, content and links for a foreign host.

import Foundation
import Skolbryggan
import SkolbrygganKit
import SkolbrygganLive
import XCTest

/// A real Client over the demo family's day, and the live core over it (the test compares the
/// core's own records with what the screens get).
func liveDemoPair() async throws -> (Client, LiveSchoolCore) {
    let client = try await ClientBuilder(dataDir: newDir()).fixedToday(date: today).secretStore(store: DictStore()).build()
    return (client, LiveSchoolCore(client: client, today: { today }))
}

final class LiveWiringTests: XCTestCase {
    func testHomeCardsAreTheCoresFamilyHome() async throws {
        let (client, core) = try await liveDemoPair()
        _ = try await core.signInDemo()
        _ = try await core.refresh(force: false) { _ in }
        let raw = try await client.familyHome(date: today)
        let home = try await core.familyHome(date: today)
        XCTAssertEqual(home.date, today)
        XCTAssertEqual(home.cards.map(\.id), raw.children.map(\.childId))
        XCTAssertEqual(home.cards.count, 5)
        for (card, c) in zip(home.cards, raw.children) {
            XCTAssertEqual(card.child.firstName, c.childName)
            XCTAssertEqual(card.unreadNews, Int(c.unreadNews))
            XCTAssertEqual(card.unreadNotifications, Int(c.unreadNotifications))
            XCTAssertEqual(card.lunch, c.lunch)
            XCTAssertEqual(card.bringGymClothes, c.bring.contains(.gymClothes))
            XCTAssertEqual(card.nextEvent?.id, c.nextEvent?.eventId)
            XCTAssertFalse(card.child.lastName.isEmpty, "the profile comes from children()")
            switch (card.hours, c.schoolHours, c.careHours) {
            case (.school(let s, let e), let h?, _): XCTAssertEqual([s, e], [h.start, h.end])
            case (.care, nil, .planned?): break
            case (.none, nil, _): break
            default: XCTFail("hours of \(c.childName): \(card.hours)")
            }
        }
        // A Wednesday in term: the core offers absence reports for the school children.
        XCTAssertTrue(home.cards.contains { $0.absence == .canReport }, "\(home.cards.map(\.absence))")
        XCTAssertFalse(home.sessions.isEmpty)
        XCTAssertTrue(home.sessions.allSatisfy { $0.state == .live })

        // Saturday: a day off on every card.
        let saturday = try await core.familyHome(date: "2026-11-28")
        XCTAssertTrue(saturday.cards.allSatisfy { $0.dayOffKind == .weekend }, "\(saturday.cards.map(\.dayOffKind))")
    }

    @MainActor
    func testReportingAbsenceReadsBackAndAnOfferlessDayIsRefused() async throws {
        let (client, core) = try await liveDemoPair()
        _ = try await core.signInDemo()
        _ = try await core.refresh(force: false) { _ in }
        let cards = try await core.familyHome(date: today).cards
        let kid = try XCTUnwrap(cards.first { $0.absence == .canReport }).child
        let model = AbsenceModel(core: core, child: kid)
        await model.load()
        XCTAssertEqual(model.phase, .choosing)
        let days = try XCTUnwrap(model.options?.days)
        XCTAssertEqual(days.first?.date, today)
        XCTAssertEqual(model.options?.reasons, [.sick])

        // Report today: what the school recorded is read back.
        model.confirm()
        guard case .confirming(let request) = model.phase else { return XCTFail("\(model.phase)") }
        XCTAssertEqual(request.date, today)
        await model.send()
        guard case .recorded(let receipt) = model.phase else { return XCTFail("\(model.phase)") }
        XCTAssertEqual(receipt.childId, kid.id)
        XCTAssertEqual(receipt.date, today)
        XCTAssertFalse(receipt.alreadyRecorded)
        let raw = try await client.absenceOptions(childId: kid.id)
        XCTAssertTrue(raw.options.contains { $0.day == today && $0.alreadyReported }, "the core's read-back")
        let card = try await core.familyHome(date: today).cards.first { $0.id == kid.id }
        XCTAssertEqual(card?.absence, .reported(canWithdraw: true))

        // A retry is harmless: the platform already has it, nothing is sent.
        let again = try await core.reportAbsence(request)
        XCTAssertTrue(again.alreadyRecorded)

        // Reopening the screen shows the recorded report; withdrawing clears it.
        let reopened = AbsenceModel(core: core, child: kid)
        await reopened.load()
        XCTAssertEqual(reopened.phase, .recorded(receipt))
        await reopened.withdraw()
        XCTAssertEqual(reopened.phase, .withdrawn)
        let cleared = try await core.absenceOptions(childId: kid.id)
        XCTAssertNil(cleared.days.first { $0.date == today }?.existing)

        // A day the platform does not offer: the core's typed refusal, before anything is sent.
        let later = SchoolDay.adding(5, to: today)
        XCTAssertFalse(days.contains { $0.date == later })
        model.date = later
        model.confirm()
        await model.send()
        XCTAssertEqual(model.phase, .refused(.notOffered))
    }

    func testCareTimesAreSetADayAtATimeAndReadBack() async throws {
        let (_, core) = try await liveDemoPair()
        _ = try await core.signInDemo()
        _ = try await core.refresh(everything: true, force: false) { _ in }
        let kids = try await core.children().filter { $0.schoolForms.contains(.preschool) || $0.schoolForms.contains(.afterSchool) }
        XCTAssertFalse(kids.isEmpty, "the demo has a child in care")
        // The refresh fetched today's week (the core's care times are read a week at a time).
        let next = try XCTUnwrap(SchoolWeek.containing(today))
        var found: (ChildProfile, CareWeek, CareDay)?
        for kid in kids {
            let week = try await core.careTimes(childId: kid.id, week: next)
            if let day = week.days.first(where: { $0.editable && !$0.isOff }) { found = (kid, week, day); break }
        }
        let (kid, week, day) = try XCTUnwrap(found, "an editable care day this week")
        XCTAssertTrue(week.editable)
        var edited = week
        let i = try XCTUnwrap(edited.days.firstIndex { $0.date == day.date })
        let times = day.start == "08:15" ? ("08:30", "15:30") : ("08:15", "15:45")
        edited.days[i].start = times.0
        edited.days[i].end = times.1
        let back = try await core.setCareTimes(edited)
        XCTAssertEqual(back.childId, kid.id)
        let stored = try XCTUnwrap(back.days.first { $0.date == day.date })
        XCTAssertEqual([stored.start, stored.end], [times.0, times.1], "what the platform recorded")
        let reread = try await core.careTimes(childId: kid.id, week: next)
        XCTAssertEqual(reread.days.first { $0.date == day.date }?.start, times.0)
    }

    @MainActor
    func testTheYearWheelComesFromTheCoreAndFillsOnOpen() async throws {
        let (_, core) = try await liveDemoPair()
        _ = try await core.signInDemo()
        let model = YearWheelModel(core: core)
        await model.load()
        let empty = try XCTUnwrap(model.year.value)
        XCTAssertLessThan(empty.cachedWeeks, empty.weeks, "nothing fetched yet")
        await model.open()
        let year = try XCTUnwrap(model.year.value)
        XCTAssertEqual(year.cachedWeeks, year.weeks, "open fetched the whole school year")
        XCTAssertEqual(year.start, "2026-08-01")
        XCTAssertEqual(year.end, "2027-07-31")
        XCTAssertTrue(year.entries.contains { $0.category == .term })
        XCTAssertTrue(year.entries.contains { $0.category == .holiday })
        XCTAssertNil(model.refreshError)
        let kids = try await core.children()
        let kid = try XCTUnwrap(kids.first)
        model.childId = kid.id
        await model.load()
        let one = try XCTUnwrap(model.year.value)
        XCTAssertFalse(one.entries.isEmpty)
        XCTAssertTrue(one.entries.allSatisfy { $0.childId == nil || $0.childId == kid.id })
    }

    func testPlatformsAndSessionStatesAreTheCores() async throws {
        let (client, core) = try await liveDemoPair()
        let offers = try await core.platforms()
        XCTAssertEqual(offers.map(\.platform), [.stockholm, .infoMentor, .schoolSoft, .vklass])
        let raw = try client.platforms()
        for offer in offers {
            let info = try XCTUnwrap(raw.first { $0.label == offer.label })
            XCTAssertEqual(offer.methods.contains(.freja), info.loginMethods.contains(.frejaEid))
            XCTAssertEqual(offer.methods.contains(.password), info.loginMethods.contains(.password))
            XCTAssertEqual(offer.organisationRequired, info.organisationRequired)
            XCTAssertEqual(offer.reportsAbsence, info.writeActions.contains(.reportAbsence))
        }
        XCTAssertTrue(offers.first { $0.platform == .infoMentor }?.methods.contains(.password) ?? false, "IM1 accounts")
        let before = try await core.sessionStates()
        XCTAssertTrue(before.allSatisfy { $0.state != .live }, "nobody signed in yet")
        _ = try await core.signInDemo()
        // The demo family has no platform of its own: its session shows under its children's.
        _ = try await core.refresh(force: false) { _ in }
        let states = try await core.sessionStates()
        XCTAssertTrue(states.contains { $0.state == .live && !($0.user ?? "").isEmpty }, "\(states)")
    }

    func testTheFeedIsNotifiedOnceThroughTheCoresWatermark() async throws {
        let (_, core) = try await liveDemoPair()
        _ = try await core.signInDemo()
        _ = try await core.refresh(force: false) { _ in }
        // The demo's first fetch records no change: nothing to notify yet.
        let pending = try await core.changesToNotify()
        XCTAssertEqual(pending, [])
        let poster = RecordingPoster()
        let service = BackgroundRefreshService(core: core, poster: poster)
        guard case .finished(let changes, let next) = await service.run(budget: 30) else { return XCTFail("run") }
        XCTAssertTrue(changes.isEmpty)
        XCTAssertNotNil(next, "the core says when to run next")
        XCTAssertTrue(poster.posted.isEmpty)
    }

    func testContentAndLinksForAForeignHostAreTypedRefusals() async throws {
        let (_, core) = try await liveDemoPair()
        _ = try await core.signInDemo()
        do {
            _ = try await core.loadContent(url: "https://example.com/picture.png")
            XCTFail("a foreign host must not be fetched")
        } catch CoreError.invalidInput {
        }
        do {
            _ = try await core.openLink(url: "https://example.com/")
            XCTFail("a foreign host gets no session cookie")
        } catch CoreError.invalidInput {
        }
    }
}
