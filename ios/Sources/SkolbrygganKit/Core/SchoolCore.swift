// The app-side protocol over the core, shaped for the screens. `LiveSchoolCore` (module
// SkolbrygganLive) implements it on the generated bindings, `DemoSchoolCore` in memory.
// Every decision stays in the core: implementations map, they do not compute.

import Foundation

/// Everything the screens need from the core.
public protocol SchoolCore: AnyObject, Sendable {
    // MARK: Sessions

    /// Every platform the core offers, with its sign-in methods and capabilities.
    func platforms() async throws -> [PlatformOffer]
    /// Restores the saved sessions at app start; returns each platform's state (empty: none saved).
    func resumeSessions() async throws -> [SessionStatus]
    /// Each platform's session now (live as whom, expired, not signed in), without a network call.
    func sessionStates() async throws -> [SessionStatus]
    /// The organisations of `platform` whose name contains `query` (empty for a platform with one).
    func organisations(platform: SchoolPlatformID, query: String) async throws -> [OrganisationItem]
    /// Chooses the organisation the next sign-in on `platform` goes to (kept with the session).
    func chooseOrganisation(platform: SchoolPlatformID, organisationId: String) async throws
    /// Starts signing in; show the flow's prompt, then follow its updates.
    func startSignIn(platform: SchoolPlatformID, method: SignInMethod) async throws -> SignInFlow
    /// Signs in to the demo family (no network).
    func signInDemo() async throws -> GuardianProfile
    /// Signs out of every platform (the cache stays readable).
    func signOut() async throws
    /// Signs out and forgets everything on this phone.
    func forget() async throws

    // MARK: Home and year

    /// The home cards for `date` (`YYYY-MM-DD`, nil: today).
    func familyHome(date: String?) async throws -> FamilyHome
    /// The school year at a glance (one child, or the family), from the cache.
    func yearWheel(childId: String?) async throws -> YearWheel
    /// Fetches the calendars of the whole school year (what the year wheel shows).
    func refreshYearWheel() async throws -> RefreshSummary

    // MARK: Child detail

    /// The children.
    func children() async throws -> [ChildProfile]
    /// A page of one child's news, newest first.
    func news(childId: String, offset: Int, limit: Int) async throws -> Page<NewsSummaryItem>
    /// The full article.
    func article(id: String) async throws -> Article
    /// Marks what the feed says about an entity (an article, a notification) read.
    func markEntityRead(entityId: String) async throws
    /// An image or attachment loaded through the core (with the platform's session).
    func loadContent(url: String) async throws -> LoadedContent
    /// A platform link with the cookies a web view needs (only for that platform's hosts).
    func openLink(url: String) async throws -> SessionLink
    /// Calendar events touching `from`…`to` (one child, or every child).
    func calendar(childId: String?, from: String, to: String) async throws -> Page<CalendarItem>
    /// A page of one child's notifications, newest first.
    func notifications(childId: String, offset: Int, limit: Int) async throws -> Page<NotificationItem>
    /// A week's lunch.
    func menu(childId: String, week: SchoolWeek) async throws -> [MenuDayItem]
    /// A week's lessons.
    func timetable(childId: String, week: SchoolWeek) async throws -> [LessonItem]
    /// Classmates with their guardians.
    func classmates(childId: String) async throws -> [ClassmateItem]
    /// Teachers.
    func teachers(childId: String) async throws -> [TeacherItem]
    /// School contacts.
    func contacts(childId: String) async throws -> [ContactItem]
    /// A page of assignments.
    func assignments(childId: String, offset: Int, limit: Int) async throws -> Page<AssignmentItem>
    /// A page of attendance records, newest first.
    func attendance(childId: String, offset: Int, limit: Int) async throws -> Page<AttendanceItem>
    /// A week of care times.
    func careTimes(childId: String, week: SchoolWeek) async throws -> CareWeek
    /// Sets a week of care times (where allowed); returns what the platform recorded.
    func setCareTimes(_ week: CareWeek) async throws -> CareWeek

    // MARK: Absence

    /// Fresh absence options for a child.
    func absenceOptions(childId: String) async throws -> AbsenceOptions
    /// Reports an absence; returns what the school recorded (read back). Throws
    /// `CoreError.absenceRefused` with the reason when the platform says no.
    func reportAbsence(_ request: AbsenceRequest) async throws -> AbsenceReceipt
    /// Withdraws a report.
    func withdrawAbsence(_ receipt: AbsenceReceipt) async throws

    // MARK: Refresh and the feed

    /// Fetches what is stale: the week around today, or (`everything`) the whole cached range;
    /// `force` (pull to refresh) fetches even what is fresh.
    func refresh(everything: Bool, force: Bool, progress: @escaping @Sendable (RefreshStep) -> Void) async throws -> RefreshSummary
    /// Starts the background refresh within `budget` seconds; keep the job to cancel it.
    func startBackgroundRefresh(budget: TimeInterval) -> BackgroundRefreshJob
    /// A page of the change feed, newest first.
    func changes(unreadOnly: Bool, offset: Int, limit: Int) async throws -> Page<ChangeEntry>
    /// One feed entry by id (a notification's deep link); nil when unknown or trimmed.
    func change(id: Int64) async throws -> ChangeEntry?
    /// Marks feed entries read.
    func markRead(ids: [Int64]) async throws
    /// Feed entries not yet announced by a local notification, oldest first.
    func changesToNotify() async throws -> [ChangeEntry]
    /// Records that entries up to `id` were announced.
    func markNotified(upTo id: Int64) async throws
    /// Notices that cached data changed, until the stream is dropped.
    func events() -> AsyncStream<CoreEvent>
}

extension SchoolCore {
    /// Refreshes the week around today.
    public func refresh(force: Bool, progress: @escaping @Sendable (RefreshStep) -> Void) async throws -> RefreshSummary {
        try await refresh(everything: false, force: force, progress: progress)
    }
}

/// A sign-in in progress.
public protocol SignInFlow: AnyObject, Sendable {
    /// What to show first (links to open, the first QR payload).
    var prompt: SignInPrompt { get }
    /// Every update, then `.signedIn`; a failed sign-in throws its `CoreError`. Dropping the
    /// stream cancels the sign-in.
    func updates() -> AsyncThrowingStream<SignInUpdate, Error>
    /// Cancels the sign-in.
    func cancel()
}

/// What the sign-in screen shows first.
public struct SignInPrompt: Sendable, Hashable {
    /// BankID's universal link (with the autostart token and the return URL to fill in).
    public var bankIdUniversalLink: String?
    /// BankID's app link.
    public var bankIdAppLink: String?
    /// Freja's link.
    public var frejaLink: String?
    /// The first QR payload.
    public var qrPayload: String?
    /// A prompt.
    public init(bankIdUniversalLink: String?, bankIdAppLink: String?, frejaLink: String?, qrPayload: String?) {
        self.bankIdUniversalLink = bankIdUniversalLink
        self.bankIdAppLink = bankIdAppLink
        self.frejaLink = frejaLink
        self.qrPayload = qrPayload
    }

    /// The BankID link that brings the user back to `returnURL` (the app's universal link):
    /// BankID takes the return address in its `redirect` parameter.
    public func bankIdLink(returningTo returnURL: String) -> URL? {
        guard let link = bankIdUniversalLink, var parts = URLComponents(string: link) else { return nil }
        var items = (parts.queryItems ?? []).filter { $0.name != "redirect" }
        items.append(URLQueryItem(name: "redirect", value: returnURL))
        parts.queryItems = items
        return parts.url
    }
}

/// A step of a sign-in.
public enum SignInUpdate: Sendable, Hashable {
    /// Waiting for the user to open the app.
    case pending(qrPayload: String?)
    /// The user is identifying in the app.
    case userSign(qrPayload: String?)
    /// Signed by the identity provider; the platform's session is being set up.
    case signed
    /// Signed in.
    case signedIn(GuardianProfile)
}

/// A background refresh in progress. Keep it to cancel it when iOS ends the task.
public final class BackgroundRefreshJob: @unchecked Sendable {
    private let task: Task<BackgroundRefreshOutcome, Never>
    private let onCancel: @Sendable () -> Void

    /// A job over `task`; `onCancel` also tells the core to stop.
    public init(task: Task<BackgroundRefreshOutcome, Never>, onCancel: @escaping @Sendable () -> Void = {}) {
        self.task = task
        self.onCancel = onCancel
    }

    /// Stops the refresh now.
    public func cancel() {
        onCancel()
        task.cancel()
    }

    /// Waits for the outcome.
    public func outcome() async -> BackgroundRefreshOutcome {
        await task.value
    }
}
