package se.skolbryggan.ui.core

import java.time.Instant
import java.time.LocalDate
import java.time.LocalTime

// The app-side model: immutable values shaped for the screens (Compose treats them as stable).
// Every decision (what is stale, which absence day is allowed, what counts as unread) comes from
// the core; these types only carry it. Upstream text (titles, names, dishes) stays as written.

/** A school platform the core offers. */
enum class Platform { Stockholm, InfoMentor, SchoolSoft, Vklass }

/** A way to log in. */
enum class LoginMethod { BankIdThisDevice, BankIdOtherDevice, Freja }

/** What a platform offers: its login methods and which features it has. */
data class PlatformOffer(
    val platform: Platform,
    val loginMethods: List<LoginMethod>,
    val capabilities: Capabilities,
)

/** Which features a platform has, so screens hide tabs and buttons it lacks. */
data class Capabilities(
    val menu: Boolean = true,
    val absenceReports: Boolean = false,
    val careTimes: Boolean = false,
    val careTimeEdit: Boolean = false,
    val assignments: Boolean = false,
    val attendance: Boolean = false,
)

/** The signed-in guardian. */
data class User(val id: String, val name: String)

/** How fresh a screen's data is, as the core judges it. */
data class Freshness(val stale: Boolean, val fetchedAt: Instant?) {
    companion object {
        /** Fresh data fetched at [at]. */
        fun fresh(at: Instant?) = Freshness(stale = false, fetchedAt = at)
    }
}

/** A platform's session: live, expired (sign in again), or never signed in. */
enum class SessionStatus { Live, Expired, SignedOut }

/** The session of one platform. */
data class PlatformSession(val platform: Platform, val status: SessionStatus)

/** A child of the family. */
data class Child(
    val id: String,
    val firstName: String,
    val lastName: String,
    val platform: Platform,
    val schoolName: String?,
    val className: String?,
    val preschool: Boolean = false,
) {
    /** First and last name. */
    val fullName: String get() = "$firstName $lastName"
}

/** Whether today's absence can be, or has been, reported. */
enum class AbsenceStatus { None, CanReport, Reported, Locked }

/** One child's card on the family home, computed by the core for one date. */
data class HomeCard(
    val child: Child,
    val schoolHours: TimeRange?,
    val careHours: TimeRange?,
    val dayOff: String?,
    val gymClothes: Boolean,
    val bring: List<String>,
    val lunch: List<String>,
    val unreadNews: Int,
    val unreadNotifications: Int,
    val absence: AbsenceStatus,
    val nextEvent: String?,
)

/** A start and end time on one day. */
data class TimeRange(val start: LocalTime, val end: LocalTime)

/** The family home for one date. */
data class Home(
    val date: LocalDate,
    val cards: List<HomeCard>,
    val freshness: Freshness,
    val sessions: List<PlatformSession>,
)

/** A list with its freshness. */
data class Listed<T>(val items: List<T>, val freshness: Freshness)

/** A news item in a list. */
data class NewsSummary(
    val id: String,
    val childId: String,
    val title: String,
    val intro: String?,
    val author: String?,
    val published: Instant,
    val image: NewsImage?,
)

/** A picture in news; [needsSession] means it loads only through the core. */
data class NewsImage(val url: String, val altText: String?, val needsSession: Boolean)

/** An attachment of a news item. */
data class Attachment(val name: String, val url: String)

/** A whole news article: body as Markdown (converted by the core). */
data class Article(val summary: NewsSummary, val bodyMarkdown: String, val attachments: List<Attachment>)

/** The kind of a calendar event (the app names it in the parent's language). */
enum class EventKind { Holiday, StudyDay, ParentMeeting, Excursion, Test, Schedule, Other }

/** A calendar event. [start]/[end] are null for all-day events. */
data class CalendarEvent(
    val id: String,
    val childId: String,
    val title: String,
    val description: String?,
    val location: String?,
    val date: LocalDate,
    val endDate: LocalDate,
    val start: LocalTime?,
    val end: LocalTime?,
    val kind: EventKind,
)

/** A notification from the platform. */
data class NotificationItem(
    val id: String,
    val childId: String,
    val sender: String,
    val message: String,
    val url: String?,
    val created: Instant,
)

/** The lunch of one day. */
data class MenuDay(val date: LocalDate, val dishes: List<String>)

/** A lesson in the timetable. */
data class Lesson(
    val id: String,
    val subject: String,
    val teacher: String?,
    val room: String?,
    val date: LocalDate,
    val start: LocalTime,
    val end: LocalTime,
)

/** A guardian of a classmate, with the ways to reach them. */
data class Guardian(val name: String, val phone: String?, val email: String?)

/** A classmate and their guardians. */
data class Classmate(val id: String, val name: String, val guardians: List<Guardian>)

/** A teacher. */
data class Teacher(val id: String, val name: String, val email: String?, val phone: String?)

/** A contact at the school (head teacher, nurse, office). */
data class SchoolContact(val id: String, val title: String?, val name: String?, val phone: String?, val email: String?)

/** An assignment with its due date. */
data class Assignment(val id: String, val title: String, val subject: String?, val due: LocalDate?, val submitted: Boolean)

/** How a pupil attended one lesson or day. */
enum class AttendanceStatus { Present, AbsentReported, AbsentUnreported, Late }

/** One attendance record. */
data class AttendanceEntry(val date: LocalDate, val subject: String?, val status: AttendanceStatus)

/** Care (fritids/pre-school) times of one day; null [hours] = off. */
data class CareDay(val date: LocalDate, val hours: TimeRange?)

/** A week of care times, and whether the platform still lets them be changed. */
data class CareWeek(val year: Int, val week: Int, val days: List<CareDay>, val editable: Boolean)

/** Which day an absence is for. */
enum class AbsenceDay { Today, Tomorrow }

/** Why a child is absent. */
enum class AbsenceReason { Sick, Leave }

/**
 * Why the platform refused an absence report: the day is locked, the guardian may not report
 * for this child, it is too late today, the platform offers no report for that day (typically
 * only today and tomorrow, on days the child attends), or the school or care unit is closed.
 */
enum class AbsenceRefusal { Locked, NotAllowed, TooLate, NotOffered, Closed }

/** One day the parent may report, or why not (re-read fresh from the platform). */
data class AbsenceOption(val day: AbsenceDay, val date: LocalDate, val refusal: AbsenceRefusal?, val reported: Boolean)

/** The absence offers of one child. */
data class AbsenceOptions(val child: Child, val days: List<AbsenceOption>, val reasons: List<AbsenceReason>)

/** What the school recorded, read back after a report. */
data class AbsenceReadBack(val childName: String, val date: LocalDate, val day: AbsenceDay, val reason: AbsenceReason)

/** The outcome of an absence report. */
sealed interface AbsenceResult {
    /** The school took it; [readBack] is what it recorded. */
    data class Accepted(val readBack: AbsenceReadBack) : AbsenceResult
    /** The school refused it. */
    data class Refused(val refusal: AbsenceRefusal) : AbsenceResult
}

/** What changed, for the what's-new list and notifications. */
enum class ChangeKind { News, NewsUpdated, Event, EventMoved, EventCancelled, Notification, Timetable }

/** One entry of the change feed. */
data class ChangeEntry(
    val id: Long,
    val childId: String?,
    val childName: String?,
    val kind: ChangeKind,
    val title: String,
    val entityId: String?,
    val at: Instant,
    val read: Boolean,
)

/** The school year at a glance. */
data class YearWheel(val from: LocalDate, val to: LocalDate, val events: List<YearEvent>)

/** One mark on the year wheel. */
data class YearEvent(val date: LocalDate, val endDate: LocalDate, val title: String, val kind: EventKind, val childName: String?)

/** How a refresh went. */
sealed interface RefreshOutcome {
    /** Everything refreshed. */
    data object Done : RefreshOutcome
    /** A platform's session expired: the cache stays, the parent must sign in again. */
    data class SessionExpired(val platform: Platform) : RefreshOutcome
    /** The refresh failed (offline, upstream trouble): the cache stays and is shown as stale. */
    data class Failed(val error: CoreError) : RefreshOutcome
}

/** The errors a screen can act on. */
enum class CoreError { Offline, SessionExpired, NotLoggedIn, Unsupported, Other }

/** A core failure carried as an exception through suspend calls. */
class CoreException(val error: CoreError, cause: Throwable? = null) : Exception(error.name, cause)
