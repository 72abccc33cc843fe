// The core's home cards, year wheel, platforms and sessions → the screens' types. Field by
// field, no decisions.

import Foundation
import Skolbryggan
import SkolbrygganKit

/// Maps the home, year-wheel and platform records.
enum HomeMapping {
    static func state(_ s: Skolbryggan.SessionState) -> SkolbrygganKit.SessionState {
        switch s {
        case .loggedIn: return .live
        case .expired: return .expired
        case .notLoggedIn: return .signedOut
        }
    }

    static func absence(_ a: Skolbryggan.AbsenceState) -> SkolbrygganKit.AbsenceState {
        switch a {
        case .reportedToday: return .reported(canWithdraw: false)
        case .canWithdraw: return .reported(canWithdraw: true)
        case .canReport: return .canReport
        case .locked: return .locked
        case .notOffered: return .notOffered
        case .unknown: return .unknown
        }
    }

    static func dayOff(_ r: DayOffReason) -> DayOffKind {
        switch r {
        case .holiday: return .holiday
        case .studyDay: return .studyDay
        case .careClosed: return .careClosed
        case .weekend: return .weekend
        }
    }

    static func hours(_ card: ChildCard) -> DayHours {
        if let school = card.schoolHours { return .school(start: school.start, end: school.end) }
        if case .planned(let start, let end, _, _)? = card.careHours { return .care(start: start, end: end) }
        return .none
    }

    static func next(_ e: NextEvent, childId: String) -> CalendarItem {
        // The card's next event gives a start only (no end) for a timed event.
        let when: EventWhen = e.start.map { .timed(start: $0, end: $0) } ?? .allDay(start: e.date, end: e.date)
        return CalendarItem(id: e.eventId, childId: childId, title: e.title, details: nil, location: e.location, when: when,
                            category: RecordMapping.category(e.kind))
    }

    /// A card; `profile` is the child's profile from `children()` (nil: built from the card).
    static func card(_ c: ChildCard, profile: ChildProfile?) -> HomeCard {
        let child = profile ?? ChildProfile(id: c.childId, platform: RecordMapping.platform(c.platform), firstName: c.childName,
                                            lastName: "", schoolName: nil, className: nil, schoolForms: [])
        var gym = false
        var bring: [String] = []
        for item in c.bring {
            switch item {
            case .gymClothes: gym = true
            case .excursion(_, let title): bring.append(title)
            }
        }
        return HomeCard(child: child, hours: hours(c), dayOff: c.dayOff?.title, bringGymClothes: gym, bring: bring, lunch: c.lunch,
                        unreadNews: Int(c.unreadNews), unreadNotifications: Int(c.unreadNotifications), absence: absence(c.absence),
                        nextEvent: c.nextEvent.map { next($0, childId: c.childId) }, dayOffKind: c.dayOff.map { dayOff($0.reason) },
                        stale: c.freshness.stale)
    }

    /// Adds `status` to `list`, one per platform: a session that exists (live or expired) wins
    /// over "not signed in" from another provider serving the same platform.
    static func merge(_ status: SessionStatus, into list: inout [SessionStatus]) {
        guard let i = list.firstIndex(where: { $0.platform == status.platform }) else { return list.append(status) }
        if list[i].state == .signedOut && status.state != .signedOut { list[i] = status }
    }

    /// The sessions behind the cards: each card's platform with its session, then each
    /// provider's (under its first platform) that is signed in or expired.
    static func sessions(_ home: Skolbryggan.FamilyHome) -> [SessionStatus] {
        var out: [SessionStatus] = []
        for c in home.children {
            merge(SessionStatus(platform: RecordMapping.platform(c.platform), state: state(c.session)), into: &out)
        }
        for s in home.sessions where s.state != .notLoggedIn {
            guard let raw = s.platforms.first else { continue }
            merge(SessionStatus(platform: RecordMapping.platform(raw), state: state(s.state)), into: &out)
        }
        return out
    }

    static func category(_ k: WheelKind) -> YearWheelCategory {
        switch k {
        case .holiday: return .holiday
        case .studyDay: return .studyDay
        case .developmentTalk, .parentMeeting: return .parentMeeting
        case .test: return .test
        case .trip: return .excursion
        case .deadline: return .deadline
        case .termStart, .termEnd: return .term
        }
    }

    static func entry(_ e: WheelEntry) -> YearWheelEntry {
        let id = e.eventIds.first ?? "\(e.kind)-\(e.start)-\(e.title)"
        return YearWheelEntry(id: id, childId: e.childIds.count == 1 ? e.childIds[0] : nil, title: e.title, start: e.start, end: e.end,
                              category: category(e.kind))
    }

    static func term(_ t: Term) -> YearWheelEntry {
        let kind = t.kind == .autumn ? "autumn" : "spring"
        // The term's name is the app's to word (the catalog has no term names yet: empty title).
        return YearWheelEntry(id: "term-\(kind)-\(t.schoolYear)", childId: nil, title: "", start: t.start, end: t.end, category: .term)
    }

    /// The family's wheel, or one child's.
    static func wheel(_ w: Skolbryggan.YearWheel, childId: String?) -> SkolbrygganKit.YearWheel {
        var terms = w.terms
        var entries = w.entries
        if let childId {
            let child = w.children.first { $0.childId == childId }
            terms = child?.terms ?? []
            entries = child?.entries ?? []
        }
        return SkolbrygganKit.YearWheel(start: w.start, end: w.end, entries: terms.map(term) + entries.map(entry),
                                        weeks: Int(w.weeks), cachedWeeks: Int(w.cachedWeeks))
    }

    static func method(_ m: LoginMethodKind) -> SignInMethodKind? {
        switch m {
        case .bankIdSameDevice: return .bankIdThisDevice
        case .bankIdOtherDevice: return .bankIdOtherDevice
        case .frejaEid: return .freja
        case .password: return .password
        case .browser, .savedSession, .demo: return nil
        }
    }

    /// The offer of a platform entry; none for the demo family (no platforms of its own: the
    /// sign-in screen has its own demo button).
    static func offer(_ p: PlatformInfo) -> PlatformOffer? {
        guard let first = p.platforms.first else { return nil }
        return PlatformOffer(platform: RecordMapping.platform(first), methods: p.loginMethods.compactMap(method),
                             reportsAbsence: p.writeActions.contains(.reportAbsence), editsCareTimes: p.writeActions.contains(.editCareTimes),
                             hasMenu: p.menu, label: p.label, organisationRequired: p.organisationRequired,
                             bankIdWithoutPersonalNumber: p.bankidWithoutPersonalNumber)
    }

    static func status(_ s: PlatformSessionStatus) -> (SkolbrygganKit.SessionState, String?) {
        switch s {
        case .loggedIn(let user, _): return (.live, user)
        case .expired: return (.expired, nil)
        // Stored but not resumed yet: not usable until `resumeSessions`.
        case .saved, .notLoggedIn: return (.signedOut, nil)
        }
    }
}
