// An in-memory SchoolCore over the demo family, for previews, UI tests and the view-model tests.
// It behaves like the core (sessions expire, writes are read back, refreshes add to the feed) but
// decides nothing the real core would not.

import Foundation

/// The in-memory core.
public final class DemoSchoolCore: SchoolCore, @unchecked Sendable {
    private let lock = NSLock()
    private var family: DemoFamily
    private var sessions: [SchoolPlatformID: SessionState] = [:]
    private var feed: [ChangeEntry] = []
    private var notifiedUpTo: Int64 = 0
    private var receipts: [String: AbsenceReceipt] = [:]
    private var care: [String: CareWeek] = [:]
    private var lastRefresh: Date?
    private var listeners: [UUID: AsyncStream<CoreEvent>.Continuation] = [:]
    private var refreshCount = 0
    private var chosenOrganisation: [SchoolPlatformID: String] = [:]

    /// Seconds each refresh step takes (tests of cancellation set it).
    public var stepDelay: TimeInterval = 0
    /// Whether the next refresh finds the session expired.
    public var expireOnNextRefresh = false
    /// Whether the next refresh fails for being offline.
    public var offlineOnNextRefresh = false
    /// Whether the keystore is locked (as on a phone before first unlock).
    public var keystoreLocked = false

    /// A core over `family`.
    public init(family: DemoFamily = DemoFamily()) {
        self.family = family
    }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    private func requireSignedIn() throws {
        if keystoreLocked { throw CoreError.keystoreUnavailable }
        guard locked({ !sessions.isEmpty }) else { throw CoreError.notSignedIn }
    }

    private func emit(_ event: CoreEvent) {
        for c in locked({ Array(listeners.values) }) { c.yield(event) }
    }

    private func child(_ id: String) throws -> ChildProfile {
        guard let c = family.children.first(where: { $0.id == id }) else { throw CoreError.other("no child \(id)") }
        return c
    }

    private func name(_ childId: String) -> String {
        family.children.first { $0.id == childId }?.firstName ?? ""
    }

    // MARK: Test controls

    /// Adds a feed entry as a refresh would (what the school changed upstream).
    public func schoolChanged(childId: String, kind: ChangeKindItem, entityId: String, title: String) {
        let entry = locked { () -> ChangeEntry in
            let id = (feed.map(\.id).max() ?? 0) + 1
            let e = ChangeEntry(id: id, childId: childId, childName: name(childId), kind: kind, entityId: entityId, title: title,
                                at: Date(), read: false)
            feed.append(e)
            return e
        }
        _ = entry
    }

    /// Moves or cancels a school event (for the calendar-sync tests).
    public func replaceEvents(_ events: [CalendarItem]) {
        locked { family.events = events }
    }

    // MARK: Sessions

    public func platforms() async throws -> [PlatformOffer] {
        [
            PlatformOffer(platform: .stockholm, methods: [.bankIdThisDevice, .bankIdOtherDevice, .freja], reportsAbsence: false, editsCareTimes: false, hasMenu: true),
            PlatformOffer(platform: .infoMentor, methods: [.bankIdThisDevice, .bankIdOtherDevice], reportsAbsence: true, editsCareTimes: true, hasMenu: true),
            PlatformOffer(platform: .schoolSoft, methods: [.bankIdThisDevice, .bankIdOtherDevice, .password], reportsAbsence: true,
                          editsCareTimes: false, hasMenu: true, label: "SchoolSoft", organisationRequired: true),
        ]
    }

    public func sessionStates() async throws -> [SessionStatus] {
        let name = "\(family.guardian.firstName) \(family.guardian.lastName)"
        return locked { sessions.map { SessionStatus(platform: $0.key, state: $0.value, user: $0.value == .live ? name : nil) } }
            .sorted { $0.platform.rawValue < $1.platform.rawValue }
    }

    /// The demo's organisations (the choice SchoolSoft asks for).
    public static let organisations = [OrganisationItem(id: "demo-skolgrupp", name: "Demo Skolgrupp"),
                                       OrganisationItem(id: "demo-kommun", name: "Demo kommun")]

    public func organisations(platform: SchoolPlatformID, query: String) async throws -> [OrganisationItem] {
        let offer = try await platforms().first { $0.platform == platform }
        guard offer?.organisationRequired == true else { return [] }
        let q = query.trimmingCharacters(in: .whitespaces).lowercased()
        return DemoSchoolCore.organisations.filter { q.isEmpty || $0.name.lowercased().contains(q) }
    }

    public func chooseOrganisation(platform: SchoolPlatformID, organisationId: String) async throws {
        guard DemoSchoolCore.organisations.contains(where: { $0.id == organisationId }) else {
            throw CoreError.invalidInput("unknown organisation")
        }
        locked { chosenOrganisation[platform] = organisationId }
    }

    public func resumeSessions() async throws -> [SessionStatus] {
        if keystoreLocked { throw CoreError.keystoreUnavailable }
        return locked { sessions.map { SessionStatus(platform: $0.key, state: $0.value) }.sorted { $0.platform.rawValue < $1.platform.rawValue } }
    }

    public func startSignIn(platform: SchoolPlatformID, method: SignInMethod) async throws -> SignInFlow {
        let offer = try await platforms().first { $0.platform == platform }
        let number: String?
        let kind: SignInMethodKind
        switch method {
        case .bankIdThisDevice(let pn): number = pn; kind = .bankIdThisDevice
        case .bankIdOtherDevice(let pn): number = pn; kind = .bankIdOtherDevice
        case .freja: number = nil; kind = .freja
        case .password(let user, let password):
            number = nil; kind = .password
            if user.isEmpty || password.isEmpty { throw CoreError.signIn(.rejected) }
        }
        guard offer?.methods.contains(kind) == true else { throw CoreError.signIn(.methodNotSupported) }
        if offer?.organisationRequired == true, locked({ chosenOrganisation[platform] }) == nil {
            throw CoreError.invalidInput("choose an organisation first")
        }
        if let n = number?.filter(\.isNumber), !n.isEmpty, n.count != 12 { throw CoreError.signIn(.invalidPersonalNumber) }
        return DemoSignInFlow(kind: kind) { [weak self] in
            guard let self else { return GuardianProfile(firstName: "", lastName: "") }
            self.locked {
                for c in self.family.children { self.sessions[c.platform] = .live }
            }
            self.emit(.signedIn)
            return self.family.guardian
        }
    }

    public func signInDemo() async throws -> GuardianProfile {
        locked { for c in family.children { sessions[c.platform] = .live } }
        emit(.signedIn)
        return family.guardian
    }

    public func signOut() async throws {
        locked { sessions = [:] }
        emit(.signedOut)
    }

    public func forget() async throws {
        locked {
            sessions = [:]
            feed = []
            receipts = [:]
            care = [:]
            lastRefresh = nil
        }
        emit(.signedOut)
    }

    // MARK: Home and year

    private var freshness: Freshness {
        locked { Freshness(stale: lastRefresh == nil || sessions.values.contains(.expired), oldestFetch: lastRefresh) }
    }

    public func familyHome(date: String?) async throws -> FamilyHome {
        try requireSignedIn()
        let day = date ?? family.today
        let weekday = (SchoolDay.date(day).map { SchoolWeek.calendar.component(.weekday, from: $0) } ?? 2) + 5
        let isoWeekday = (weekday % 7) + 1 // 1 = Monday
        let at = { (hour: Int, minute: Int) in (SchoolDay.date(day) ?? Date()).addingTimeInterval(TimeInterval(hour * 3600 + minute * 60)) }
        let unreadFeed = locked { feed.filter { !$0.read } }
        let cards = family.children.map { child -> HomeCard in
            let weekend = isoWeekday > 5
            let hours: DayHours
            if weekend {
                hours = .none
            } else if child.schoolForms.contains(.preschool) {
                hours = .care(start: at(7, 30), end: at(16, 0))
            } else {
                hours = .school(start: at(8, 15), end: at(child.schoolForms.contains(.preschoolClass) ? 13 : 14, 30))
            }
            let receipt = locked { receipts.values.first { $0.childId == child.id && $0.date == day } }
            let reports = child.platform == .infoMentor
            let absence: AbsenceState = receipt.map { .reported(canWithdraw: $0.canWithdraw) } ?? (reports ? .canReport : .locked)
            let next = family.events.filter { $0.childId == child.id }.min { start($0) < start($1) }
            return HomeCard(child: child, hours: hours, dayOff: nil,
                            bringGymClothes: child.id == "demo-ella" && isoWeekday == 4,
                            bring: child.id == "demo-noah" && isoWeekday == 3 ? ["Matsäck", "Stövlar"] : [],
                            lunch: weekend || child.schoolForms.contains(.preschool) ? [] : family.lunch[isoWeekday] ?? [],
                            unreadNews: family.news.filter { $0.childId == child.id && $0.unread }.count
                                + unreadFeed.filter { $0.childId == child.id && ($0.kind == .newsAdded || $0.kind == .newsUpdated) }.count,
                            unreadNotifications: unreadFeed.filter { $0.childId == child.id && $0.kind == .notificationAdded }.count,
                            absence: absence, nextEvent: next)
        }
        let status = locked { sessions.map { SessionStatus(platform: $0.key, state: $0.value) }.sorted { $0.platform.rawValue < $1.platform.rawValue } }
        return FamilyHome(date: day, cards: cards, freshness: freshness, sessions: status)
    }

    private func start(_ e: CalendarItem) -> String {
        switch e.when {
        case .allDay(let s, _): return s
        case .timed(let s, _): return SchoolDay.string(s)
        }
    }

    public func yearWheel(childId: String?) async throws -> YearWheel {
        try requireSignedIn()
        let terms = [
            YearWheelEntry(id: "term-autumn", childId: nil, title: "Hösttermin", start: "2026-08-18", end: "2026-12-18", category: .term),
            YearWheelEntry(id: "term-spring", childId: nil, title: "Vårtermin", start: "2027-01-07", end: "2027-06-11", category: .term),
            YearWheelEntry(id: "sportlov", childId: nil, title: "Sportlov", start: "2027-02-22", end: "2027-02-26", category: .holiday),
        ]
        let events = family.events.filter { childId == nil || $0.childId == childId }.map { e -> YearWheelEntry in
            let (s, end): (String, String)
            switch e.when {
            case .allDay(let a, let b): (s, end) = (a, b)
            case .timed(let a, let b): (s, end) = (SchoolDay.string(a), SchoolDay.string(b))
            }
            let category: YearWheelCategory
            switch e.category {
            case .holiday: category = .holiday
            case .studyDay: category = .studyDay
            case .parentMeeting: category = .parentMeeting
            case .test: category = .test
            case .excursion: category = .excursion
            case .schedule, .other: category = .other
            }
            return YearWheelEntry(id: e.id, childId: e.childId, title: e.title, start: s, end: end, category: category)
        }
        let deadlines = (childId.map { family.assignments[$0] ?? [] } ?? family.assignments.values.flatMap { $0 })
            .compactMap { a in a.due.map { YearWheelEntry(id: a.id, childId: childId, title: a.title, start: $0, end: $0, category: .deadline) } }
        return YearWheel(start: "2026-08-18", end: "2027-06-11", entries: (terms + events + deadlines).sorted { $0.start < $1.start },
                         weeks: 43, cachedWeeks: locked { lastRefresh == nil ? 0 : 43 })
    }

    public func refreshYearWheel() async throws -> RefreshSummary {
        try await refresh(everything: true, force: false) { _ in }
    }

    // MARK: Child detail

    public func children() async throws -> [ChildProfile] {
        try requireSignedIn()
        return family.children
    }

    private func page<T>(_ all: [T], _ offset: Int, _ limit: Int) -> Page<T> {
        let limit = limit == 0 ? 50 : limit
        let start = min(offset, all.count), end = min(start + limit, all.count)
        return Page(items: Array(all[start..<end]), total: all.count, nextOffset: end < all.count ? end : nil, freshness: freshness)
    }

    public func news(childId: String, offset: Int, limit: Int) async throws -> Page<NewsSummaryItem> {
        try requireSignedIn()
        return page(family.news.filter { $0.childId == childId }.sorted { $0.published > $1.published }, offset, limit)
    }

    public func article(id: String) async throws -> Article {
        try requireSignedIn()
        guard let summary = family.news.first(where: { $0.id == id }) else { throw CoreError.other("no news item \(id)") }
        return Article(summary: summary, bodyMarkdown: family.bodies[id] ?? "", attachments: id == "news-ella-1" ? [AttachmentItem(name: "Program.pdf", url: "https://demo.skolbryggan.se/program.pdf")] : [])
    }

    public func markEntityRead(entityId: String) async throws {
        locked {
            for i in family.news.indices where family.news[i].id == entityId { family.news[i].unread = false }
            for i in feed.indices where feed[i].entityId == entityId { feed[i].read = true }
        }
    }

    public func loadContent(url: String) async throws -> LoadedContent {
        try requireSignedIn()
        // A 1×1 PNG: the demo's pictures are all this one.
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
                        0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
                        0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0,
                        0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
                        0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82])
        guard url.hasPrefix("https://demo.skolbryggan.se/") else { throw CoreError.invalidInput("not a platform host") }
        return LoadedContent(bytes: png, mediaType: "image/png")
    }

    public func openLink(url: String) async throws -> SessionLink {
        try requireSignedIn()
        let host = URL(string: url)?.host ?? ""
        // As the core: a third-party link never gets a session cookie.
        guard host == "demo.skolbryggan.se" else { throw CoreError.invalidInput("not a platform host") }
        return SessionLink(url: url, cookies: [SessionCookie(name: "demo-session", value: "demo", domain: host, path: "/", httpOnly: true)])
    }

    public func calendar(childId: String?, from: String, to: String) async throws -> Page<CalendarItem> {
        try requireSignedIn()
        let events = locked { family.events }.filter { e in
            guard childId == nil || e.childId == childId else { return false }
            let (s, end): (String, String)
            switch e.when {
            case .allDay(let a, let b): (s, end) = (a, b)
            case .timed(let a, let b): (s, end) = (SchoolDay.string(a), SchoolDay.string(b))
            }
            return s <= to && end >= from
        }.sorted { start($0) < start($1) }
        return page(events, 0, 500)
    }

    public func notifications(childId: String, offset: Int, limit: Int) async throws -> Page<NotificationItem> {
        try requireSignedIn()
        return page(family.notifications.filter { $0.childId == childId }, offset, limit)
    }

    private func weekDays(_ week: SchoolWeek) -> [String] {
        var c = DateComponents()
        c.yearForWeekOfYear = week.year
        c.weekOfYear = week.week
        c.weekday = 2
        guard let monday = SchoolWeek.calendar.date(from: c) else { return [] }
        return (0..<5).map { SchoolDay.adding($0, to: SchoolDay.string(monday)) }
    }

    public func menu(childId: String, week: SchoolWeek) async throws -> [MenuDayItem] {
        let c = try child(childId)
        try requireSignedIn()
        if c.schoolForms.contains(.preschool) { return [] }
        return weekDays(week).enumerated().map { MenuDayItem(date: $0.element, dishes: family.lunch[$0.offset + 1] ?? []) }
    }

    public func timetable(childId: String, week: SchoolWeek) async throws -> [LessonItem] {
        let c = try child(childId)
        try requireSignedIn()
        guard c.schoolForms.contains(.compulsory) || c.schoolForms.contains(.preschoolClass) else { return [] }
        let subjects = ["Svenska", "Matematik", "Idrott och hälsa", "Engelska", "Bild"]
        return weekDays(week).enumerated().flatMap { (i, day) -> [LessonItem] in
            let base = SchoolDay.date(day) ?? Date()
            return (0..<3).map { n in
                let start = base.addingTimeInterval(TimeInterval((8 * 60 + 15 + n * 100) * 60))
                return LessonItem(id: "\(childId)-\(day)-\(n)", subject: subjects[(i + n) % subjects.count], teacher: "Jonas Ek",
                                  room: "3B", start: start, end: start.addingTimeInterval(80 * 60))
            }
        }
    }

    public func classmates(childId: String) async throws -> [ClassmateItem] {
        try requireSignedIn()
        return family.classmates[childId] ?? []
    }

    public func teachers(childId: String) async throws -> [TeacherItem] {
        try requireSignedIn()
        return family.teachers[childId] ?? []
    }

    public func contacts(childId: String) async throws -> [ContactItem] {
        try requireSignedIn()
        return family.contacts[childId] ?? []
    }

    public func assignments(childId: String, offset: Int, limit: Int) async throws -> Page<AssignmentItem> {
        try requireSignedIn()
        return page(family.assignments[childId] ?? [], offset, limit)
    }

    public func attendance(childId: String, offset: Int, limit: Int) async throws -> Page<AttendanceItem> {
        try requireSignedIn()
        return page(family.attendance[childId] ?? [], offset, limit)
    }

    private func careKey(_ childId: String, _ week: SchoolWeek) -> String { "\(childId)/\(week.year)-\(week.week)" }

    public func careTimes(childId: String, week: SchoolWeek) async throws -> CareWeek {
        let c = try child(childId)
        try requireSignedIn()
        guard c.schoolForms.contains(.preschool) || c.schoolForms.contains(.afterSchool) else {
            return CareWeek(childId: childId, week: week, days: [], editable: false)
        }
        if let saved = locked({ care[careKey(childId, week)] }) { return saved }
        let current = SchoolWeek.containing(family.today) ?? week
        let editable = (week.year, week.week) > (current.year, current.week)
        let days = weekDays(week).map { CareDay(date: $0, start: c.schoolForms.contains(.preschool) ? "07:30" : "13:30", end: "16:00") }
        return CareWeek(childId: childId, week: week, days: days, editable: editable)
    }

    public func setCareTimes(_ week: CareWeek) async throws -> CareWeek {
        let current = try await careTimes(childId: week.childId, week: week.week)
        guard current.editable else { throw CoreError.careTimesRefused(.locked) }
        locked { care[careKey(week.childId, week.week)] = week }
        emit(.refreshed(changes: 0))
        return week
    }

    // MARK: Absence

    public func absenceOptions(childId: String) async throws -> AbsenceOptions {
        let c = try child(childId)
        try requireSignedIn()
        let days = [family.today, SchoolDay.adding(1, to: family.today)].map { day -> AbsenceDayOption in
            let existing = locked { receipts.values.first { $0.childId == childId && $0.date == day } }
            let refusal: AbsenceRefusal? = c.platform == .infoMentor ? nil : .notAllowed
            return AbsenceDayOption(date: day, refusal: refusal, existing: existing)
        }
        return AbsenceOptions(childId: childId, days: days, reasons: c.platform == .infoMentor ? [.sick, .leave] : [])
    }

    public func reportAbsence(_ request: AbsenceRequest) async throws -> AbsenceReceipt {
        let options = try await absenceOptions(childId: request.childId)
        guard let day = options.days.first(where: { $0.date == request.date }) else { throw CoreError.absenceRefused(.notOffered) }
        if let refusal = day.refusal { throw CoreError.absenceRefused(refusal) }
        if let existing = day.existing { return existing } // idempotent under retry
        let receipt = AbsenceReceipt(id: "absence-\(request.childId)-\(request.date)", childId: request.childId, date: request.date,
                                     reason: request.reason, canWithdraw: true)
        locked { receipts[receipt.id] = receipt }
        emit(.refreshed(changes: 0))
        return receipt
    }

    public func withdrawAbsence(_ receipt: AbsenceReceipt) async throws {
        try requireSignedIn()
        guard receipt.canWithdraw else { throw CoreError.absenceRefused(.locked) }
        locked { receipts[receipt.id] = nil }
        emit(.refreshed(changes: 0))
    }

    // MARK: Refresh and the feed

    public func refresh(everything: Bool, force: Bool, progress: @escaping @Sendable (RefreshStep) -> Void) async throws -> RefreshSummary {
        try requireSignedIn()
        if offlineOnNextRefresh {
            offlineOnNextRefresh = false
            throw CoreError.offline
        }
        if expireOnNextRefresh {
            expireOnNextRefresh = false
            locked { for k in sessions.keys { sessions[k] = .expired } }
            emit(.sessionExpired(nil))
            return RefreshSummary(fetched: 0, changes: 0, sessionExpired: true, failed: true)
        }
        let steps = 4
        // Everything is staged and stored at the end, as the core stores each resource whole.
        for i in 1...steps {
            if stepDelay > 0 { try await Task.sleep(nanoseconds: UInt64(stepDelay * 1_000_000_000)) }
            try Task.checkCancellation()
            progress(RefreshStep(done: i, total: steps))
        }
        let count = locked { () -> Int in
            refreshCount += 1
            lastRefresh = Date()
            return refreshCount
        }
        if count > 1 {
            schoolChanged(childId: "demo-ella", kind: .newsAdded, entityId: "news-ella-\(count + 10)", title: "Nyhet \(count)")
        }
        emit(.refreshed(changes: count > 1 ? 1 : 0))
        return RefreshSummary(fetched: steps, changes: count > 1 ? 1 : 0, sessionExpired: false, failed: false)
    }

    public func startBackgroundRefresh(budget: TimeInterval) -> BackgroundRefreshJob {
        let task = Task { () -> BackgroundRefreshOutcome in
            do {
                _ = try await self.refresh(everything: true, force: false) { _ in }
                return .finished(changes: try await self.changesToNotify(), suggestedNext: Date().addingTimeInterval(3600))
            } catch is CancellationError {
                return .cancelled
            } catch let e as CoreError {
                return e == .cancelled ? .cancelled : .failed(e)
            } catch {
                return .failed(.other("\(error)"))
            }
        }
        return BackgroundRefreshJob(task: task)
    }

    public func changes(unreadOnly: Bool, offset: Int, limit: Int) async throws -> Page<ChangeEntry> {
        try requireSignedIn()
        let all = locked { feed }.filter { !unreadOnly || !$0.read }.sorted { $0.id > $1.id }
        return page(all, offset, limit)
    }

    public func change(id: Int64) async throws -> ChangeEntry? {
        try requireSignedIn()
        return locked { feed.first { $0.id == id } }
    }

    public func markRead(ids: [Int64]) async throws {
        locked { for i in feed.indices where ids.contains(feed[i].id) { feed[i].read = true } }
    }

    public func changesToNotify() async throws -> [ChangeEntry] {
        locked { feed.filter { $0.id > notifiedUpTo && !$0.read }.sorted { $0.id < $1.id } }
    }

    public func markNotified(upTo id: Int64) async throws {
        locked { notifiedUpTo = max(notifiedUpTo, id) }
    }

    public func events() -> AsyncStream<CoreEvent> {
        let id = UUID()
        return AsyncStream { continuation in
            self.locked { self.listeners[id] = continuation }
            continuation.onTermination = { [weak self] _ in
                guard let self else { return }
                self.locked { self.listeners[id] = nil }
            }
        }
    }
}

/// A demo sign-in: pending with a QR frame, a second frame, user-sign, signed in.
final class DemoSignInFlow: SignInFlow, @unchecked Sendable {
    let prompt: SignInPrompt
    private let finish: @Sendable () -> GuardianProfile
    private let lock = NSLock()
    private var cancelled = false
    private let kind: SignInMethodKind

    init(kind: SignInMethodKind, finish: @escaping @Sendable () -> GuardianProfile) {
        self.kind = kind
        self.finish = finish
        let qr = kind == .bankIdOtherDevice ? "bankid.demo-token.0.frame0" : nil
        prompt = SignInPrompt(bankIdUniversalLink: kind == .bankIdThisDevice ? "https://app.bankid.com/?autostarttoken=demo-token&redirect=null" : nil,
                              bankIdAppLink: kind == .bankIdThisDevice ? "bankid:///?autostarttoken=demo-token&redirect=null" : nil,
                              frejaLink: kind == .freja ? "frejaeid://bindUserToTransaction?transactionReference=demo" : nil,
                              qrPayload: qr)
    }

    func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
    }

    private var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    func updates() -> AsyncThrowingStream<SignInUpdate, Error> {
        let qr = kind == .bankIdOtherDevice
        return AsyncThrowingStream { continuation in
            let task = Task {
                let steps: [SignInUpdate] = [.pending(qrPayload: qr ? "bankid.demo-token.1.frame1" : nil),
                                             .pending(qrPayload: qr ? "bankid.demo-token.2.frame2" : nil),
                                             .userSign(qrPayload: nil), .signed]
                for step in steps {
                    try? await Task.sleep(nanoseconds: 20_000_000)
                    if self.isCancelled || Task.isCancelled {
                        continuation.finish(throwing: CoreError.cancelled)
                        return
                    }
                    continuation.yield(step)
                }
                continuation.yield(.signedIn(self.finish()))
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
