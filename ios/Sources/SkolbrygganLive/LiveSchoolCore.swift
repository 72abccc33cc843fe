// SchoolCore on the generated bindings. It maps the core's records to the screens' types and
// decides nothing: where the FFI has no call yet, the method throws `CoreError.notInCore` naming
// the call the core must add (ios/README.md lists them).

import Foundation
import Skolbryggan
import SkolbrygganKit

/// Where the live core keeps the "notified up to" watermark until the core has one.
public protocol WatermarkStore: AnyObject, Sendable {
    /// The highest change id announced by a notification.
    var notifiedUpTo: Int64 { get set }
}

/// A watermark in memory (tests; the app keeps it in UserDefaults).
public final class MemoryWatermark: WatermarkStore, @unchecked Sendable {
    private let lock = NSLock()
    private var value: Int64 = 0
    /// A fresh watermark.
    public init() {}
    public var notifiedUpTo: Int64 {
        get { lock.lock(); defer { lock.unlock() }; return value }
        set { lock.lock(); value = newValue; lock.unlock() }
    }
}

/// The real core.
public final class LiveSchoolCore: SchoolCore, @unchecked Sendable {
    private let client: Client
    private let today: @Sendable () -> String
    private let watermark: WatermarkStore
    private let lock = NSLock()
    private var expired = false

    /// A core over `client`. `today` gives the app's day (`YYYY-MM-DD`, Stockholm).
    public init(client: Client, watermark: WatermarkStore = MemoryWatermark(), today: @escaping @Sendable () -> String = { SchoolDay.string(Date()) }) {
        self.client = client
        self.today = today
        self.watermark = watermark
    }

    private var sessionExpired: Bool {
        get { lock.lock(); defer { lock.unlock() }; return expired }
        set { lock.lock(); expired = newValue; lock.unlock() }
    }

    /// Runs a call into the core and maps its errors.
    private func call<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as SkolbrygganError {
            let mapped = CoreErrorMapping.map(error)
            if mapped == .sessionExpired { sessionExpired = true }
            throw mapped
        }
    }

    // MARK: Sessions

    public func platforms() async throws -> [PlatformOffer] {
        // NOT IN CORE: `Client.platforms()` (capabilities per platform). Until then every
        // platform the FFI enum has, with every login method the FFI enum has; the core answers
        // `LoginFailed(MethodNotSupported)` for a method a platform lacks, and writes are off.
        [SchoolPlatform.stockholm, .infoMentor, .skola24, .schoolSoft, .vklass].map {
            PlatformOffer(platform: RecordMapping.platform($0), methods: SignInMethodKind.allCases,
                          reportsAbsence: false, editsCareTimes: false, hasMenu: true)
        }
    }

    private func cachedPlatforms() async -> [SchoolPlatformID] {
        let kids = (try? await client.children()) ?? []
        var seen: [SchoolPlatformID] = []
        for p in kids.map({ RecordMapping.platform($0.platform) }) where !seen.contains(p) { seen.append(p) }
        return seen
    }

    public func resumeSessions() async throws -> [SessionStatus] {
        do {
            let users = try await call { try await client.resumeSessions() }
            if users.isEmpty { return [] }
            sessionExpired = false
            return await cachedPlatforms().map { SessionStatus(platform: $0, state: .live) }
        } catch CoreError.sessionExpired {
            return await cachedPlatforms().map { SessionStatus(platform: $0, state: .expired) }
        }
    }

    public func startSignIn(platform: SchoolPlatformID, method: SignInMethod) async throws -> SignInFlow {
        let m: LoginMethod
        switch method {
        case .bankIdThisDevice(let pn): m = .bankIdSameDevice(personalNumber: pn)
        case .bankIdOtherDevice(let pn): m = .bankIdOtherDevice(personalNumber: pn)
        case .freja: m = .freja
        }
        guard let target = RecordMapping.platform(platform) else { throw CoreError.notInCore("\(platform.rawValue) is not in these bindings") }
        let login = try await call { try await client.startLogin(platform: target, method: m) }
        return LiveSignInFlow(login: login) { [weak self] in self?.sessionExpired = false }
    }

    public func signInDemo() async throws -> GuardianProfile {
        let user = try await call { try await client.loginDemo() }
        sessionExpired = false
        return RecordMapping.guardian(user)
    }

    public func signOut() async throws {
        try await call { try await client.logout() }
    }

    public func forget() async throws {
        try await call { try await client.forget() }
        watermark.notifiedUpTo = 0
    }

    // MARK: Home and year

    public func familyHome(date: String?) async throws -> SkolbrygganKit.FamilyHome {
        // NOT IN CORE: `Client.familyHome(date)`. Until then the card shows what the core's
        // week overview already computed for that day (hours, day off, lunch, gym clothes,
        // today's first event); unread counts, other things to bring and the absence state
        // stay unknown.
        let day = date ?? today()
        let week = try await call { try await client.weekOverview(date: day) }
        let kids = try await call { try await client.children() }
        let overview = week.days.first { $0.date == day }
        let cards = kids.map { kid -> HomeCard in
            RecordMapping.card(child: RecordMapping.child(kid), day: overview?.children.first { $0.childId == kid.id })
        }
        let loggedIn = (try? client.isLoggedIn()) ?? false
        let state: SkolbrygganKit.SessionState = sessionExpired ? .expired : (loggedIn ? .live : .signedOut)
        var platforms: [SchoolPlatformID] = []
        for p in kids.map({ RecordMapping.platform($0.platform) }) where !platforms.contains(p) { platforms.append(p) }
        return SkolbrygganKit.FamilyHome(date: day, cards: cards, freshness: RecordMapping.freshness(week.freshness),
                          sessions: platforms.map { SessionStatus(platform: $0, state: state) })
    }

    public func yearWheel(childId: String?) async throws -> SkolbrygganKit.YearWheel {
        throw CoreError.notInCore("Client.yearWheel(childId)")
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
        // NOT IN CORE: `Client.markReadByEntity(entityId)`. Until then: the unread feed entries of
        // that entity, marked by id.
        var ids: [Int64] = []
        var offset: UInt32? = 0
        while let o = offset {
            let page = try await call { try await client.changes(unreadOnly: true, offset: o, limit: 200) }
            ids += page.items.filter { $0.entityId == entityId }.map(\.id)
            offset = page.nextOffset
        }
        if !ids.isEmpty { try await markRead(ids: ids) }
    }

    public func loadContent(url: String) async throws -> LoadedContent {
        throw CoreError.notInCore("Client.loadContent(url) -> bytes + media type")
    }

    public func openLink(url: String) async throws -> SessionLink {
        throw CoreError.notInCore("Client.sessionCookies(url) -> cookies for that platform's hosts")
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

    public func assignments(childId: String, offset: Int, limit: Int) async throws -> Page<AssignmentItem> {
        throw CoreError.notInCore("Client.assignments(childId, offset, limit) -> AssignmentPage")
    }

    public func attendance(childId: String, offset: Int, limit: Int) async throws -> Page<AttendanceItem> {
        throw CoreError.notInCore("Client.attendance(childId, offset, limit) -> AttendancePage")
    }

    public func careTimes(childId: String, week: SchoolWeek) async throws -> CareWeek {
        throw CoreError.notInCore("Client.careTimes(childId, week) -> CareWeek (with editable)")
    }

    public func setCareTimes(_ week: CareWeek) async throws -> CareWeek {
        throw CoreError.notInCore("Client.setCareTimes(childId, week, days) -> CareWeek (read back)")
    }

    // MARK: Absence

    public func absenceOptions(childId: String) async throws -> SkolbrygganKit.AbsenceOptions {
        throw CoreError.notInCore("Client.absenceOptions(childId) -> AbsenceOptions (fresh)")
    }

    public func reportAbsence(_ request: AbsenceRequest) async throws -> AbsenceReceipt {
        throw CoreError.notInCore("Client.reportAbsence(childId, date, reason) -> AbsenceReceipt, WriteRefused(reason)")
    }

    public func withdrawAbsence(_ receipt: AbsenceReceipt) async throws {
        throw CoreError.notInCore("Client.withdrawAbsence(receiptId)")
    }

    // MARK: Refresh and the feed

    public func refresh(everything: Bool, force: Bool, progress: @escaping @Sendable (RefreshStep) -> Void) async throws -> RefreshSummary {
        let listener = ProgressForwarder(progress)
        let report = try await call {
            try await client.refresh(options: RefreshOptions(date: today(), everything: everything, force: force), listener: listener)
        }
        if report.sessionExpired { sessionExpired = true }
        return RefreshSummary(fetched: Int(report.fetched), changes: Int(report.changes), sessionExpired: report.sessionExpired,
                              failed: !report.failures.isEmpty)
    }

    public func startBackgroundRefresh(budget: TimeInterval) -> BackgroundRefreshJob {
        // NOT IN CORE: `Client.backgroundRefresh(budgetSeconds) -> (TaskHandle, changes per child,
        // next run)`. Until then: the ordinary refresh, raced against the budget and against
        // cancel(). The generated async call cannot be cancelled, so a cancelled job stops
        // waiting at once and the core finishes (or drops) its write on its own; the cache is
        // consistent either way because the core stores each resource in one transaction.
        let gate = FirstOutcome()
        let refresh = Task {
            do {
                _ = try await self.refresh(everything: true, force: false) { _ in }
                let changes = try await self.changesToNotify()
                gate.resolve(.finished(changes: changes, suggestedNext: nil))
            } catch let e as CoreError {
                gate.resolve(.failed(e))
            } catch {
                gate.resolve(.failed(.other("\(error)")))
            }
        }
        let timer = Task {
            try? await Task.sleep(nanoseconds: UInt64(max(budget, 0) * 1_000_000_000))
            gate.resolve(.cancelled)
        }
        let outer = Task { () -> BackgroundRefreshOutcome in
            let outcome = await gate.value()
            timer.cancel()
            return outcome
        }
        return BackgroundRefreshJob(task: outer) {
            gate.resolve(.cancelled)
            refresh.cancel()
        }
    }

    public func changes(unreadOnly: Bool, offset: Int, limit: Int) async throws -> Page<ChangeEntry> {
        let page = try await call { try await client.changes(unreadOnly: unreadOnly, offset: UInt32(offset), limit: UInt32(limit)) }
        let names = Dictionary((try? await client.children())?.map { ($0.id, $0.firstName) } ?? [], uniquingKeysWith: { a, _ in a })
        return Page(items: page.items.map { RecordMapping.change($0, childName: names[$0.childId] ?? "") }, total: Int(page.total),
                    nextOffset: page.nextOffset.map(Int.init), freshness: SkolbrygganKit.Freshness(stale: false, oldestFetch: nil))
    }

    public func markRead(ids: [Int64]) async throws {
        try await call { try await client.markRead(changeIds: ids) }
    }

    public func changesToNotify() async throws -> [ChangeEntry] {
        // NOT IN CORE: `Client.changesSince(id)` and a notified-watermark. Until then the
        // watermark lives in the app (WatermarkStore) and this reads the unread feed.
        let mark = watermark.notifiedUpTo
        var out: [ChangeEntry] = []
        var offset: Int? = 0
        while let o = offset {
            let page = try await changes(unreadOnly: true, offset: o, limit: 200)
            out += page.items.filter { $0.id > mark }
            offset = page.nextOffset
        }
        return out.sorted { $0.id < $1.id }
    }

    public func markNotified(upTo id: Int64) async throws {
        watermark.notifiedUpTo = max(watermark.notifiedUpTo, id)
    }

    public func events() -> AsyncStream<CoreEvent> {
        guard let changes = try? client.dataChanges() else { return AsyncStream { $0.finish() } }
        return AsyncStream { continuation in
            let task = Task {
                for await change in changes {
                    let event = RecordMapping.event(change)
                    if case .sessionExpired = event { self.sessionExpired = true }
                    continuation.yield(event)
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

/// The first of several outcomes to arrive (the refresh, the budget, a cancel).
final class FirstOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private var outcome: BackgroundRefreshOutcome?
    private var waiters: [CheckedContinuation<BackgroundRefreshOutcome, Never>] = []

    func resolve(_ value: BackgroundRefreshOutcome) {
        lock.lock()
        guard outcome == nil else { lock.unlock(); return }
        outcome = value
        let pending = waiters
        waiters = []
        lock.unlock()
        for w in pending { w.resume(returning: value) }
    }

    func value() async -> BackgroundRefreshOutcome {
        await withCheckedContinuation { c in
            lock.lock()
            if let outcome {
                lock.unlock()
                c.resume(returning: outcome)
            } else {
                waiters.append(c)
                lock.unlock()
            }
        }
    }
}

/// A sign-in on a `PendingLogin`.
final class LiveSignInFlow: SignInFlow, @unchecked Sendable {
    private let login: PendingLogin
    private let onSignedIn: @Sendable () -> Void
    let prompt: SignInPrompt

    init(login: PendingLogin, onSignedIn: @escaping @Sendable () -> Void) {
        self.login = login
        self.onSignedIn = onSignedIn
        let p = try? login.prompt()
        prompt = SignInPrompt(bankIdUniversalLink: p?.bankidUniversalLink, bankIdAppLink: p?.bankidAppLink, frejaLink: p?.frejaLink,
                              qrPayload: p?.qrPayload)
    }

    func cancel() { try? login.cancel() }

    func updates() -> AsyncThrowingStream<SignInUpdate, Error> {
        let events = login.events()
        let onSignedIn = self.onSignedIn
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for try await event in events {
                        switch event {
                        case .update(let u):
                            if let mapped = RecordMapping.signInUpdate(u) { continuation.yield(mapped) }
                        case .done(let user):
                            onSignedIn()
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
