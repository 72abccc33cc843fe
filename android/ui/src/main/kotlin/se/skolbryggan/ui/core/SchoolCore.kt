package se.skolbryggan.ui.core

import kotlinx.coroutines.flow.Flow
import java.time.LocalDate

/**
 * The app-side interface to the core, shaped for the screens (as Element X wraps the Matrix SDK).
 * Two implementations: the real one on the generated bindings (module `bridge`) and
 * [se.skolbryggan.ui.fake.FakeSchoolCore] for previews, screenshots and view-model tests.
 * Failures arrive as [CoreException]; methods are main-safe (implementations switch threads).
 */
interface SchoolCore {
    /** The platforms the core offers, with their login methods and capabilities. */
    suspend fun platforms(): List<PlatformOffer>

    /** Starts a login; [personalNumber] may be blank. */
    suspend fun startLogin(platform: Platform, method: LoginMethod, personalNumber: String?): LoginSession

    /** Logs in to the demo family (no network). */
    suspend fun loginDemo(): User

    /** Resumes stored sessions; empty when nobody is signed in. */
    suspend fun resumeSessions(): List<User>

    /** The family home for [date]: one card per child, freshness and session states. */
    suspend fun home(date: LocalDate): Home

    /** The family's children. */
    suspend fun children(): List<Child>

    /** What [platform] offers (for gating tabs and buttons). */
    suspend fun capabilities(platform: Platform): Capabilities

    /** News of one child, newest first. */
    suspend fun news(childId: String): Listed<NewsSummary>

    /** A whole news article. */
    suspend fun article(newsId: String): Article

    /** Calendar events of one child between [from] and [to]. */
    suspend fun calendar(childId: String, from: LocalDate, to: LocalDate): Listed<CalendarEvent>

    /** Notifications of one child, newest first. */
    suspend fun notifications(childId: String): Listed<NotificationItem>

    /** The lunch menu of the week containing [date]. */
    suspend fun menu(childId: String, date: LocalDate): List<MenuDay>

    /** The timetable of the week containing [date]. */
    suspend fun timetable(childId: String, date: LocalDate): List<Lesson>

    /** Classmates with their guardians. */
    suspend fun classmates(childId: String): List<Classmate>

    /** The child's teachers. */
    suspend fun teachers(childId: String): List<Teacher>

    /** The school's contacts. */
    suspend fun contacts(childId: String): List<SchoolContact>

    /** Assignments of one child. */
    suspend fun assignments(childId: String): Listed<Assignment>

    /** Attendance records of one child. */
    suspend fun attendance(childId: String): Listed<AttendanceEntry>

    /** Care times of the week containing [date]. */
    suspend fun careWeek(childId: String, date: LocalDate): CareWeek

    /** Sets one day's care times (where the platform allows). */
    suspend fun setCareDay(childId: String, day: CareDay): CareWeek

    /** The absence offers of one child, read fresh from the platform. */
    suspend fun absenceOptions(childId: String): AbsenceOptions

    /** Reports an absence; the core re-reads the offers first and reads the result back. */
    suspend fun reportAbsence(childId: String, day: AbsenceDay, reason: AbsenceReason): AbsenceResult

    /** Withdraws today's or tomorrow's report. */
    suspend fun withdrawAbsence(childId: String, day: AbsenceDay): AbsenceResult

    /** The change feed, newest first. */
    suspend fun changes(unreadOnly: Boolean): List<ChangeEntry>

    /** Marks change-feed entries read. */
    suspend fun markRead(ids: List<Long>)

    /** Marks every change-feed entry of one entity read (opening an article clears its entry). */
    suspend fun markEntityRead(entityId: String)

    /** The school year at a glance, for the year containing [date]. */
    suspend fun yearWheel(date: LocalDate): YearWheel

    /** The family's calendar from [from] to [to] (inclusive) as iCalendar (RFC 5545) text, as the core writes it. */
    suspend fun exportIcs(from: LocalDate, to: LocalDate): String

    /** Refreshes what the screens for [date] need. Never throws for upstream trouble. */
    suspend fun refresh(date: LocalDate): RefreshOutcome

    /** A news picture's bytes through the core (the platform's session), or null. */
    suspend fun image(url: String): ByteArray?

    /** Data changes pushed by the core (after a refresh or a write). */
    fun dataChanges(): Flow<Unit>

    /** Signs out of every platform (the cache stays). */
    suspend fun signOut()

    /** Signs out and deletes everything on this device. */
    suspend fun forget()
}

/** A login in progress. */
interface LoginSession {
    /** The first prompt: the BankID autostart link and the first QR payload. */
    val prompt: LoginPrompt

    /** Login progress until [LoginProgress.Done], [LoginProgress.Failed] or cancellation. */
    fun progress(): Flow<LoginProgress>

    /** Cancels the login. */
    fun cancel()
}

/** What the sign-in screen shows first. */
data class LoginPrompt(val bankIdAppLink: String?, val qrPayload: String?, val frejaLink: String?)

/** One step of a login. */
sealed interface LoginProgress {
    /** Waiting for the parent; [qrPayload] is the current QR frame (other device). */
    data class Waiting(val qrPayload: String?) : LoginProgress
    /** The parent opened BankID and is signing. */
    data object UserSign : LoginProgress
    /** Logged in. */
    data class Done(val user: User) : LoginProgress
    /** The login failed. */
    data class Failed(val reason: LoginFailure) : LoginProgress
}

/** Why a login failed. */
enum class LoginFailure { Cancelled, TimedOut, InvalidPersonalNumber, Rejected, Other }
