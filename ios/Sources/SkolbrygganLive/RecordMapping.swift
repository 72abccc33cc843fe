// The core's records → the screens' types. Field by field, no decisions.

import Foundation
import Skolbryggan
import SkolbrygganKit

/// Maps generated records to SkolbrygganKit values.
enum RecordMapping {
    static func platform(_ p: SchoolPlatform) -> SchoolPlatformID {
        switch p {
        case .stockholm: return .stockholm
        case .skola24: return .skola24
        case .infoMentor: return .infoMentor
        case .schoolSoft: return .schoolSoft
        case .vklass: return .vklass
        }
    }

    /// The bindings' platform of an app platform; none for one these bindings do not name yet.
    static func platform(_ p: SchoolPlatformID) -> SchoolPlatform? {
        switch p {
        case .stockholm: return .stockholm
        case .skola24: return .skola24
        case .infoMentor: return .infoMentor
        case .schoolSoft: return .schoolSoft
        case .vklass: return .vklass
        }
    }

    /// A provider name in a data-change notice (`stockholm`, `infomentor`, `skola24`).
    static func platform(provider: String) -> SchoolPlatformID? {
        SchoolPlatformID.allCases.first { $0.rawValue.lowercased() == provider.lowercased() }
    }

    static func guardian(_ u: User) -> GuardianProfile {
        GuardianProfile(firstName: u.firstName, lastName: u.lastName, maskedPersonalNumber: u.personalNumberMasked)
    }

    static func form(_ f: SchoolForm) -> SchoolFormKind {
        switch f {
        case .forskola: return .preschool
        case .forskoleklass: return .preschoolClass
        case .grundskola: return .compulsory
        case .fritidshem: return .afterSchool
        case .anpassadGrundskola: return .adapted
        case .gymnasieskola: return .upperSecondary
        case .other: return .other
        }
    }

    static func child(_ c: Child) -> ChildProfile {
        ChildProfile(id: c.id, platform: platform(c.platform), firstName: c.firstName, lastName: c.lastName,
                     schoolName: c.schoolName, className: c.className, schoolForms: c.schoolForms.map(form))
    }

    static func freshness(_ f: Skolbryggan.Freshness) -> SkolbrygganKit.Freshness {
        SkolbrygganKit.Freshness(stale: f.stale, oldestFetch: f.oldestFetch)
    }

    static func week(_ w: SchoolWeek) -> Week {
        Week(year: Int32(w.year), week: UInt32(w.week))
    }

    static func category(_ k: EventKind) -> EventCategory {
        switch k {
        case .holiday: return .holiday
        case .studyDay: return .studyDay
        case .parentMeeting: return .parentMeeting
        case .excursion: return .excursion
        case .test: return .test
        case .schedule: return .schedule
        case .other: return .other
        }
    }

    static func event(_ e: CalendarEvent) -> CalendarItem {
        let when: EventWhen
        switch e.timing {
        case .allDay(let start, let end): when = .allDay(start: start, end: end)
        case .timed(let start, let end): when = .timed(start: start, end: end)
        }
        return CalendarItem(id: e.id, childId: e.childId, title: e.title, details: e.description, location: e.location, when: when,
                            category: category(e.kind))
    }

    static func news(_ n: NewsSummary) -> NewsSummaryItem {
        // NOT IN CORE: unread per news item (`NewsSummary.unread`); false until then (the
        // home card's unread count is the core's).
        NewsSummaryItem(id: n.id, childId: n.childId, title: n.title, intro: n.intro, author: n.author, published: n.published,
                        picture: n.image.map { NewsPicture(url: $0.url, altText: $0.altText) }, unread: false)
    }

    static func notification(_ n: Skolbryggan.Notification) -> NotificationItem {
        NotificationItem(id: n.id, childId: n.childId, sender: n.sender, message: n.message, url: n.url, created: n.created)
    }

    static func classmate(_ c: Classmate) -> ClassmateItem {
        ClassmateItem(id: c.id, name: "\(c.firstName) \(c.lastName)",
                      guardians: c.guardians.map { ClassmateGuardian(name: "\($0.firstName) \($0.lastName)", mobile: $0.mobile, email: $0.email) })
    }

    static func kind(_ k: ChangeKind) -> ChangeKindItem {
        switch k {
        case .newsAdded: return .newsAdded
        case .newsUpdated: return .newsUpdated
        case .notificationAdded: return .notificationAdded
        case .eventAdded: return .eventAdded
        case .eventMoved: return .eventMoved
        case .eventCancelled: return .eventCancelled
        case .menuChanged: return .menuChanged
        case .timetableChanged: return .timetableChanged
        case .assignmentAdded: return .assignmentAdded
        case .assignmentChanged: return .assignmentChanged
        case .attendanceRegistered: return .attendanceRegistered
        case .careTimeChanged: return .careTimeChanged
        }
    }

    static func change(_ c: Change, childName: String) -> ChangeEntry {
        ChangeEntry(id: c.id, childId: c.childId, childName: childName, kind: kind(c.kind), entityId: c.entityId, title: c.title,
                    at: c.at, read: c.read)
    }

    static func event(_ d: DataChange) -> CoreEvent {
        switch d {
        case .refreshed(let changes, _, _): return .refreshed(changes: Int(changes))
        case .loggedIn: return .signedIn
        case .sessionExpired(let provider): return .sessionExpired(platform(provider: provider))
        case .loggedOut: return .signedOut
        // A write stored its read-back: the screens read again, as after a refresh.
        case .written: return .refreshed(changes: 0)
        }
    }

    static func signInUpdate(_ u: LoginUpdate) -> SignInUpdate? {
        switch u.state {
        case .pending: return .pending(qrPayload: u.qrPayload)
        case .userSign: return .userSign(qrPayload: u.qrPayload)
        case .signed: return .signed
        case .complete, .failed, .cancelled: return nil // the stream's end says these
        }
    }

    static func summary(_ r: RefreshReport) -> RefreshSummary {
        RefreshSummary(fetched: Int(r.fetched), changes: Int(r.changes), sessionExpired: r.sessionExpired, failed: !r.failures.isEmpty)
    }

    /// A background run's end. A budget that ran out still stored whole resources and their
    /// changes: those are announced like a completed run's.
    static func outcome(_ r: BackgroundReport) -> BackgroundRefreshOutcome {
        switch r.outcome {
        case .completed, .budgetExhausted:
            let changes = r.children.flatMap { group in group.changes.map { change($0, childName: group.firstName) } }
            return .finished(changes: changes.sorted { $0.id < $1.id }, suggestedNext: r.nextRun)
        case .cancelled: return .cancelled
        case .offline: return .failed(.offline)
        case .sessionExpired: return .failed(.sessionExpired)
        }
    }
}

/// The core's errors → what the screens act on.
enum CoreErrorMapping {
    static func map(_ e: SkolbrygganError) -> CoreError {
        switch e {
        case .Network, .Offline, .Timeout: return .offline
        case .SessionExpired: return .sessionExpired
        case .NotLoggedIn: return .notSignedIn
        case .Cancelled: return .cancelled
        case .LoginFailed(let reason): return .signIn(signIn(reason))
        case .KeyUnavailable: return .keystoreUnavailable
        // The cache was rebuilt because the keystore had no key for it: sign in again.
        case .KeyLost: return .notSignedIn
        case .Key: return .other("key")
        case .Unsupported(let detail): return .notInCore(detail)
        case .InvalidInput(let detail): return .invalidInput(detail)
        // A refusal outside an absence or care-times write (the writes map their own).
        case .WriteRefused(let reason): return .absenceRefused(WriteMapping.refusal(reason))
        case .Upstream, .Parse, .Cache, .Internal: return .other(String(describing: e))
        }
    }

    static func signIn(_ r: LoginFailureReason) -> SignInFailure {
        switch r {
        case .rejected: return .rejected
        case .cancelledByUser: return .cancelledByUser
        case .timedOut: return .timedOut
        case .noSession: return .noAccount
        case .invalidPersonalNumber: return .invalidPersonalNumber
        case .methodNotSupported: return .methodNotSupported
        // The app has no password sign-in screen yet; a wrong password reads as a refusal.
        case .invalidCredentials: return .rejected
        }
    }
}
