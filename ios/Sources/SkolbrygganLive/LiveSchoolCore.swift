// SchoolCore on the generated bindings. It maps the core's records to the screens' types and
// decides nothing: the home cards, the year wheel, the feed and its notified watermark, the
// writes with their read-back and refusals, the background refresh and its cancel handle are
// all the core's. The writes are in LiveSchoolCore+Writes.swift, the refreshes and the feed in
// LiveSchoolCore+Feed.swift.

import Foundation
import Skolbryggan
import SkolbrygganKit

/// The real core.
public final class LiveSchoolCore: SchoolCore, @unchecked Sendable {
    let client: Client
    let today: @Sendable () -> String

    /// A core over `client`. `today` gives the app's day (`YYYY-MM-DD`, Stockholm).
    public init(client: Client, today: @escaping @Sendable () -> String = { SchoolDay.string(Date()) }) {
        self.client = client
        self.today = today
    }

    /// Runs a call into the core and maps its errors.
    func call<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as SkolbrygganError {
            throw CoreErrorMapping.map(error)
        }
    }

    /// Runs a synchronous call into the core and maps its errors.
    func callNow<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as SkolbrygganError {
            throw CoreErrorMapping.map(error)
        }
    }

    /// The child names by id (for the feed's entries).
    func childNames() async -> [String: String] {
        Dictionary((try? await client.children())?.map { ($0.id, $0.firstName) } ?? [], uniquingKeysWith: { a, _ in a })
    }

    // MARK: Sessions

    /// The core's platform entries (a provider each: Stockholm with Skola24, InfoMentor,
    /// SchoolSoft, Vklass, the demo).
    func platformInfos() throws -> [PlatformInfo] {
        try callNow { try client.platforms() }
    }

    /// The provider name of the entry serving `platform` (what `organisations` and
    /// `setOrganisation` take).
    func provider(of platform: SchoolPlatformID) throws -> String {
        guard let target = RecordMapping.platform(platform),
              let info = try platformInfos().first(where: { $0.platforms.contains(target) }) else {
            throw CoreError.notInCore("no platform entry for \(platform.rawValue)")
        }
        return info.name
    }

    /// The platforms a provider's sessions are shown under: its first platform, or (the demo
    /// family, which has no platform of its own) those of the cached children.
    func platforms(ofProvider name: String) async -> [SchoolPlatformID] {
        if let first = ((try? platformInfos()) ?? []).first(where: { $0.name == name })?.platforms.first {
            return [RecordMapping.platform(first)]
        }
        var seen: [SchoolPlatformID] = []
        for kid in (try? await client.children()) ?? [] {
            let p = RecordMapping.platform(kid.platform)
            if !seen.contains(p) { seen.append(p) }
        }
        return seen
    }

    public func platforms() async throws -> [PlatformOffer] {
        try platformInfos().compactMap(HomeMapping.offer)
    }

    public func resumeSessions() async throws -> [SessionStatus] {
        let outcomes = try await call { try await client.resumeSessionsDetailed() }
        var out: [SessionStatus] = []
        for o in outcomes {
            let status: (SkolbrygganKit.SessionState, String?)
            switch o.result {
            case .resumed(let user): status = (.live, user)
            case .expired: status = (.expired, nil)
            case .failed(let kind, _):
                // A stored session that could not be checked now (offline, the platform down):
                // the cache is readable and the next refresh says what failed.
                status = (kind == .sessionExpired ? .expired : .live, nil)
            }
            for platform in await platforms(ofProvider: o.provider) {
                HomeMapping.merge(SessionStatus(platform: platform, state: status.0, user: status.1), into: &out)
            }
        }
        return out
    }

    public func sessionStates() async throws -> [SessionStatus] {
        var out: [SessionStatus] = []
        for info in try callNow({ try client.sessionStates() }) {
            let (state, user) = HomeMapping.status(info.status)
            for platform in await platforms(ofProvider: info.provider) {
                HomeMapping.merge(SessionStatus(platform: platform, state: state, user: user), into: &out)
            }
        }
        return out
    }

    public func organisations(platform: SchoolPlatformID, query: String) async throws -> [OrganisationItem] {
        let name = try provider(of: platform)
        return try await call { try await client.organisations(platform: name, query: query) }.map { OrganisationItem(id: $0.id, name: $0.name) }
    }

    public func chooseOrganisation(platform: SchoolPlatformID, organisationId: String) async throws {
        let name = try provider(of: platform)
        try callNow { try client.setOrganisation(platform: name, id: organisationId) }
    }

    public func startSignIn(platform: SchoolPlatformID, method: SignInMethod) async throws -> SignInFlow {
        let m: LoginMethod
        switch method {
        case .bankIdThisDevice(let pn): m = .bankIdSameDevice(personalNumber: pn)
        case .bankIdOtherDevice(let pn): m = .bankIdOtherDevice(personalNumber: pn)
        case .freja: m = .freja
        case .password(let user, let password): m = .password(username: user, password: password)
        }
        guard let target = RecordMapping.platform(platform) else { throw CoreError.notInCore("\(platform.rawValue) is not in these bindings") }
        let login = try await call { try await client.startLogin(platform: target, method: m) }
        return LiveSignInFlow(login: login)
    }

    public func signInDemo() async throws -> GuardianProfile {
        RecordMapping.guardian(try await call { try await client.loginDemo() })
    }

    public func signOut() async throws {
        try await call { try await client.logout() }
    }

    public func forget() async throws {
        try await call { try await client.forget() }
    }

    // MARK: Home and year

    public func familyHome(date: String?) async throws -> SkolbrygganKit.FamilyHome {
        let home = try await call { try await client.familyHome(date: date ?? today()) }
        let profiles = Dictionary(((try? await client.children()) ?? []).map { ($0.id, RecordMapping.child($0)) }, uniquingKeysWith: { a, _ in a })
        // The sessions: the core's session states first (an expiry stays until the next
        // sign-in there), then what the cards say for platforms those do not name.
        var sessions: [SessionStatus] = []
        for s in (try? await sessionStates()) ?? [] where s.state != .signedOut { HomeMapping.merge(s, into: &sessions) }
        for s in HomeMapping.sessions(home) { HomeMapping.merge(s, into: &sessions) }
        return SkolbrygganKit.FamilyHome(date: home.date, cards: home.children.map { HomeMapping.card($0, profile: profiles[$0.childId]) },
                                         freshness: RecordMapping.freshness(home.freshness), sessions: sessions)
    }

    public func yearWheel(childId: String?) async throws -> SkolbrygganKit.YearWheel {
        HomeMapping.wheel(try await call { try await client.yearWheel(date: today()) }, childId: childId)
    }

    public func refreshYearWheel() async throws -> RefreshSummary {
        RecordMapping.summary(try await call { try await client.refreshYearWheel(date: today(), listener: nil) })
    }

    // MARK: Child detail

    public func children() async throws -> [ChildProfile] {
        try await call { try await client.children() }.map(RecordMapping.child)
    }

    public func news(childId: String, offset: Int, limit: Int) async throws -> Page<NewsSummaryItem> {
        let page = try await call { try await client.news(childId: childId, offset: UInt32(offset), limit: UInt32(limit)) }
        return Page(items: page.items.map(RecordMapping.news), total: Int(page.total), nextOffset: page.nextOffset.map(Int.init),
                    freshness: RecordMapping.freshness(page.freshness))
    }

    public func article(id: String) async throws -> Article {
        let item = try await call { try await client.newsArticle(newsId: id) }
        return Article(summary: RecordMapping.news(item.summary), bodyMarkdown: item.bodyMarkdown,
                       attachments: item.attachments.map { AttachmentItem(name: $0.name, url: $0.url) })
    }

    public func markEntityRead(entityId: String) async throws {
        _ = try await call { try await client.markEntityRead(entityId: entityId) }
    }

    public func loadContent(url: String) async throws -> LoadedContent {
        let content = try await call { try await client.loadContent(url: url) }
        return LoadedContent(bytes: Data(content.bytes), mediaType: content.mediaType)
    }

    public func openLink(url: String) async throws -> SessionLink {
        let cookies = try callNow { try client.sessionCookies(url: url) }
        return SessionLink(url: url, cookies: cookies.map {
            SessionCookie(name: $0.name, value: $0.value, domain: $0.domain, path: $0.path, secure: $0.secure, httpOnly: $0.httpOnly)
        })
    }

    public func calendar(childId: String?, from: String, to: String) async throws -> Page<CalendarItem> {
        var items: [CalendarItem] = []
        var offset: UInt32? = 0
        var freshness = SkolbrygganKit.Freshness(stale: false, oldestFetch: nil)
        while let o = offset {
            let page = try await call { try await client.calendar(from: from, to: to, childId: childId, offset: o, limit: 200) }
            items += page.items.map(RecordMapping.event)
            freshness = RecordMapping.freshness(page.freshness)
            offset = page.nextOffset
        }
        return Page(items: items, total: items.count, nextOffset: nil, freshness: freshness)
    }

    public func notifications(childId: String, offset: Int, limit: Int) async throws -> Page<NotificationItem> {
        let page = try await call { try await client.notifications(childId: childId, offset: UInt32(offset), limit: UInt32(limit)) }
        return Page(items: page.items.map(RecordMapping.notification), total: Int(page.total), nextOffset: page.nextOffset.map(Int.init),
                    freshness: RecordMapping.freshness(page.freshness))
    }

    public func menu(childId: String, week: SchoolWeek) async throws -> [MenuDayItem] {
        try await call { try await client.menu(week: RecordMapping.week(week), childId: childId) }
            .map { MenuDayItem(date: $0.date, dishes: $0.dishes) }
    }

    public func timetable(childId: String, week: SchoolWeek) async throws -> [LessonItem] {
        try await call { try await client.timetable(week: RecordMapping.week(week), childId: childId) }
            .map { LessonItem(id: $0.id, subject: $0.subjectName, teacher: $0.teacher, room: $0.room, start: $0.start, end: $0.end) }
    }

    public func classmates(childId: String) async throws -> [ClassmateItem] {
        try await call { try await client.classmates(childId: childId) }.map(RecordMapping.classmate)
    }

    public func teachers(childId: String) async throws -> [TeacherItem] {
        try await call { try await client.teachers(childId: childId) }
            .map { TeacherItem(id: $0.id, name: "\($0.firstName) \($0.lastName)", email: $0.email, phone: $0.phone) }
    }

    public func contacts(childId: String) async throws -> [ContactItem] {
        try await call { try await client.contacts(childId: childId) }
            .map { ContactItem(id: $0.id, name: $0.name ?? $0.schoolName ?? "", role: $0.title, email: $0.email, phone: $0.phone) }
    }

    public func events() -> AsyncStream<CoreEvent> {
        guard let changes = try? client.dataChanges() else { return AsyncStream { $0.finish() } }
        return AsyncStream { continuation in
            let task = Task {
                for await change in changes {
                    continuation.yield(RecordMapping.event(change))
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}

/// Forwards the core's refresh progress to a closure.
final class ProgressForwarder: RefreshListener, @unchecked Sendable {
    private let forward: @Sendable (RefreshStep) -> Void
    init(_ forward: @escaping @Sendable (RefreshStep) -> Void) { self.forward = forward }
    func onProgress(progress: RefreshProgress) {
        forward(RefreshStep(done: Int(progress.done), total: Int(progress.total)))
    }
}

/// A sign-in on a `PendingLogin`.
final class LiveSignInFlow: SignInFlow, @unchecked Sendable {
    private let login: PendingLogin
    let prompt: SignInPrompt

    init(login: PendingLogin) {
        self.login = login
        let p = try? login.prompt()
        prompt = SignInPrompt(bankIdUniversalLink: p?.bankidUniversalLink, bankIdAppLink: p?.bankidAppLink, frejaLink: p?.frejaLink,
                              qrPayload: p?.qrPayload)
    }

    func cancel() { try? login.cancel() }

    func updates() -> AsyncThrowingStream<SignInUpdate, Error> {
        let events = login.events()
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for try await event in events {
                        switch event {
                        case .update(let u):
                            if let mapped = RecordMapping.signInUpdate(u) { continuation.yield(mapped) }
                        case .done(let user):
                            continuation.yield(.signedIn(RecordMapping.guardian(user)))
                        }
                    }
                    continuation.finish()
                } catch let e as SkolbrygganError {
                    continuation.finish(throwing: CoreErrorMapping.map(e))
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
