package se.skolbryggan.ui.fake

import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.MutableSharedFlow
import kotlinx.coroutines.flow.asSharedFlow
import kotlinx.coroutines.flow.flow
import se.skolbryggan.ui.core.*
import java.time.Instant
import java.time.LocalDate
import java.time.LocalTime
import java.time.ZoneId
import java.time.temporal.IsoFields
import java.util.Base64

/**
 * [SchoolCore] over the in-memory [DemoFamily]: previews, screenshot tests and view-model tests.
 * Writes (absence, care times, mark-read) change its state. The switches below put it into the
 * states a real core reaches: an expired session, a failing refresh, stale data, no children.
 */
class FakeSchoolCore(
    /** The fake's today. */
    val today: LocalDate = LocalDate.of(2026, 12, 1),
    /** A pause before each answer (0 in tests). */
    private val latencyMillis: Long = 0,
) : SchoolCore {
    /** The demo data. */
    val family = DemoFamily(today)

    /** Makes refreshes report this (null: they succeed). */
    var refreshFailure: RefreshOutcome? = null

    /** Makes every read report the data as stale. */
    var stale: Boolean = false

    /** The Stockholm session's state. */
    var stockholmSession: SessionStatus = SessionStatus.Live

    /** Makes every read fail with this error. */
    var readFailure: CoreError? = null

    /** Signs in to a family without children (the empty home). */
    var noChildren: Boolean = false

    /** Elis starts the demo with today's absence already reported (a card in that state). */
    var initialElisReported: Boolean = true

    /** Makes the next absence reports be refused with this reason. */
    var absenceRefusal: AbsenceRefusal? = null

    private var signedIn = false
    private val fetchedAt: Instant = today.atTime(7, 58).atZone(ZoneId.of("Europe/Stockholm")).toInstant()
    private val reported = mutableMapOf<Pair<String, AbsenceDay>, AbsenceReason>()
    private val care = mutableMapOf<String, List<CareDay>>()
    private val readIds = mutableSetOf<Long>()
    private val changed = MutableSharedFlow<Unit>(extraBufferCapacity = 8)

    private suspend fun answer() {
        if (latencyMillis > 0) delay(latencyMillis)
        readFailure?.let { throw CoreException(it) }
    }

    private fun freshness() = Freshness(stale = stale || refreshFailure != null, fetchedAt = fetchedAt)
    private fun childrenNow() = if (noChildren) emptyList() else family.children
    private fun child(id: String): Child = family.children.firstOrNull { it.id == id } ?: throw CoreException(CoreError.Other)
    private fun caps(p: Platform) = if (p == Platform.Stockholm) family.stockholm else family.infoMentor

    override suspend fun platforms(): List<PlatformOffer> = listOf(
        PlatformOffer(Platform.Stockholm, listOf(LoginMethod.BankIdThisDevice, LoginMethod.BankIdOtherDevice, LoginMethod.Freja), family.stockholm),
        PlatformOffer(Platform.InfoMentor, listOf(LoginMethod.BankIdThisDevice, LoginMethod.BankIdOtherDevice), family.infoMentor),
    )

    override suspend fun startLogin(platform: Platform, method: LoginMethod, personalNumber: String?): LoginSession {
        answer()
        val pn = personalNumber?.filter { it.isDigit() }.orEmpty()
        if (pn.isNotEmpty() && pn.length != 12 && pn.length != 10) {
            return FakeLogin(LoginPrompt(null, null, null), listOf(LoginProgress.Failed(LoginFailure.InvalidPersonalNumber)))
        }
        val frames = (0 until 3).map { "bankid.6f1c2d3e-demo.$it." + "%064x".format(it * 7919 + 1) }
        val prompt = when (method) {
            LoginMethod.BankIdThisDevice -> LoginPrompt("bankid:///?autostarttoken=6f1c2d3e-demo&redirect=null", null, null)
            LoginMethod.BankIdOtherDevice -> LoginPrompt(null, frames[0], null)
            LoginMethod.Freja -> LoginPrompt(null, null, "frejaeid://bindUserToTransaction?transactionReference=demo")
        }
        val steps = buildList {
            if (method == LoginMethod.BankIdOtherDevice) frames.forEach { add(LoginProgress.Waiting(it)) } else add(LoginProgress.Waiting(null))
            add(LoginProgress.UserSign)
            add(LoginProgress.Done(USER))
        }
        return FakeLogin(prompt, steps) { signedIn = true }
    }

    override suspend fun loginDemo(): User {
        answer()
        signedIn = true
        return USER
    }

    override suspend fun resumeSessions(): List<User> = if (signedIn) listOf(USER) else emptyList()

    override suspend fun home(date: LocalDate): Home {
        answer()
        val cards = childrenNow().map { c ->
            val reportedToday = reported.containsKey(c.id to AbsenceDay.Today) || (c == family.elis && initialElisReported)
            HomeCard(
                child = c,
                schoolHours = family.schoolHours(c),
                careHours = when {
                    c.preschool -> TimeRange(LocalTime.of(7, 30), LocalTime.of(16, 0))
                    c == family.alva -> TimeRange(LocalTime.of(14, 30), LocalTime.of(16, 30))
                    else -> null
                },
                dayOff = null,
                gymClothes = c == family.alva,
                bring = if (c == family.majken) listOf("Extra vantar") else emptyList(),
                lunch = family.menu().firstOrNull { it.date == date }?.dishes.orEmpty().take(1),
                unreadNews = family.unreadNews[c.id] ?: 0,
                unreadNotifications = family.unreadNotifications[c.id] ?: 0,
                absence = when {
                    reportedToday -> AbsenceStatus.Reported
                    caps(c.platform).absenceReports -> AbsenceStatus.CanReport
                    else -> AbsenceStatus.None
                },
                nextEvent = family.events().filter { it.childId == c.id && !it.date.isBefore(date) }.minByOrNull { it.date }?.title,
            )
        }
        val sessions = listOf(PlatformSession(Platform.Stockholm, stockholmSession), PlatformSession(Platform.InfoMentor, SessionStatus.Live))
        return Home(date, cards, freshness(), sessions)
    }

    override suspend fun children(): List<Child> {
        answer()
        return childrenNow()
    }

    override suspend fun capabilities(platform: Platform): Capabilities = caps(platform)

    override suspend fun news(childId: String): Listed<NewsSummary> {
        answer()
        return Listed(family.news.filter { it.childId == childId }.sortedByDescending { it.published }, freshness())
    }

    override suspend fun article(newsId: String): Article {
        answer()
        val s = family.news.firstOrNull { it.id == newsId } ?: throw CoreException(CoreError.Other)
        val attachments = if (newsId == "n-1") listOf(Attachment("Program lucia.pdf", "https://skolplattformen.stockholm.se/files/lucia.pdf")) else emptyList()
        return Article(s, family.articleBodies[newsId] ?: s.intro.orEmpty(), attachments)
    }

    override suspend fun calendar(childId: String, from: LocalDate, to: LocalDate): Listed<CalendarEvent> {
        answer()
        val events = family.events().filter { it.childId == childId && !it.endDate.isBefore(from) && !it.date.isAfter(to) }
        return Listed(events.sortedBy { it.date }, freshness())
    }

    override suspend fun notifications(childId: String): Listed<NotificationItem> {
        answer()
        return Listed(family.notifications.filter { it.childId == childId }, freshness())
    }

    override suspend fun menu(childId: String, date: LocalDate): List<MenuDay> {
        answer()
        return family.menu()
    }

    override suspend fun timetable(childId: String, date: LocalDate): List<Lesson> {
        answer()
        return family.lessons(child(childId))
    }

    override suspend fun classmates(childId: String): List<Classmate> {
        answer()
        return if (child(childId).preschool) emptyList() else family.classmates
    }

    override suspend fun teachers(childId: String): List<Teacher> {
        answer()
        return family.teachers
    }

    override suspend fun contacts(childId: String): List<SchoolContact> {
        answer()
        return family.contacts
    }

    override suspend fun assignments(childId: String): Listed<Assignment> {
        answer()
        return Listed(if (child(childId) == family.elis) family.assignments else emptyList(), freshness())
    }

    override suspend fun attendance(childId: String): Listed<AttendanceEntry> {
        answer()
        return Listed(if (child(childId).preschool) emptyList() else family.attendance, freshness())
    }

    override suspend fun careWeek(childId: String, date: LocalDate): CareWeek {
        answer()
        val c = child(childId)
        val days = care[childId] ?: family.careDays()
        return CareWeek(date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), days, editable = caps(c.platform).careTimeEdit)
    }

    override suspend fun setCareDay(childId: String, day: CareDay): CareWeek {
        answer()
        if (!caps(child(childId).platform).careTimeEdit) throw CoreException(CoreError.Unsupported)
        care[childId] = (care[childId] ?: family.careDays()).map { if (it.date == day.date) day else it }
        changed.tryEmit(Unit)
        return careWeek(childId, day.date)
    }

    override suspend fun absenceOptions(childId: String): AbsenceOptions {
        answer()
        val c = child(childId)
        val allowed = caps(c.platform).absenceReports
        val days = listOf(AbsenceDay.Today to today, AbsenceDay.Tomorrow to today.plusDays(1)).map { (d, date) ->
            AbsenceOption(d, date, refusal = if (!allowed) AbsenceRefusal.NotAllowed else null, reported = reported.containsKey(childId to d))
        }
        return AbsenceOptions(c, days, listOf(AbsenceReason.Sick, AbsenceReason.Leave))
    }

    override suspend fun reportAbsence(childId: String, day: AbsenceDay, reason: AbsenceReason): AbsenceResult {
        val options = absenceOptions(childId)
        val option = options.days.first { it.day == day }
        val refusal = absenceRefusal ?: option.refusal
        if (refusal != null) return AbsenceResult.Refused(refusal)
        reported[childId to day] = reason
        changed.tryEmit(Unit)
        return AbsenceResult.Accepted(AbsenceReadBack(options.child.firstName, option.date, day, reason))
    }

    override suspend fun withdrawAbsence(childId: String, day: AbsenceDay): AbsenceResult {
        answer()
        val reason = reported.remove(childId to day) ?: return AbsenceResult.Refused(AbsenceRefusal.Locked)
        changed.tryEmit(Unit)
        return AbsenceResult.Accepted(AbsenceReadBack(child(childId).firstName, today, day, reason))
    }

    override suspend fun changes(unreadOnly: Boolean): List<ChangeEntry> {
        answer()
        return family.changes().map { if (it.id in readIds) it.copy(read = true) else it }.filter { !unreadOnly || !it.read }
    }

    override suspend fun markRead(ids: List<Long>) {
        readIds += ids
        changed.tryEmit(Unit)
    }

    override suspend fun markEntityRead(entityId: String) {
        markRead(family.changes().filter { it.entityId == entityId }.map { it.id })
    }

    override suspend fun yearWheel(date: LocalDate): YearWheel {
        answer()
        val start = if (date.monthValue >= 8) LocalDate.of(date.year, 8, 1) else LocalDate.of(date.year - 1, 8, 1)
        val names = family.children.associate { it.id to it.firstName }
        val events = family.events()
            .filter { it.kind != EventKind.Schedule && !it.date.isBefore(start) && it.date.isBefore(start.plusYears(1)) }
            .map { YearEvent(it.date, it.endDate, it.title, it.kind, names[it.childId]) }
            .sortedBy { it.date }
        return YearWheel(start, start.plusYears(1).minusDays(1), events)
    }

    /** A minimal iCalendar of the demo's events in the range (the real core writes the full export). */
    override suspend fun exportIcs(from: LocalDate, to: LocalDate): String {
        answer()
        val day = java.time.format.DateTimeFormatter.BASIC_ISO_DATE
        val events = family.events().filter { !it.date.isBefore(from) && !it.date.isAfter(to) }.joinToString("") {
            "BEGIN:VEVENT\r\nUID:${it.id}\r\nDTSTART;VALUE=DATE:${it.date.format(day)}\r\nDTEND;VALUE=DATE:${it.endDate.plusDays(1).format(day)}\r\nSUMMARY:${it.title}\r\nEND:VEVENT\r\n"
        }
        return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Skolbryggan//demo//SV\r\n${events}END:VCALENDAR\r\n"
    }

    override suspend fun refresh(date: LocalDate): RefreshOutcome {
        if (latencyMillis > 0) delay(latencyMillis)
        val outcome = refreshFailure
            ?: if (stockholmSession == SessionStatus.Expired) RefreshOutcome.SessionExpired(Platform.Stockholm) else RefreshOutcome.Done
        changed.tryEmit(Unit)
        return outcome
    }

    override suspend fun image(url: String): ByteArray? = if (url.endsWith(".jpg")) DEMO_PICTURE else null

    override fun dataChanges(): Flow<Unit> = changed.asSharedFlow()

    override suspend fun signOut() {
        signedIn = false
    }

    override suspend fun forget() {
        signedIn = false
        reported.clear()
        care.clear()
        readIds.clear()
    }

    private class FakeLogin(
        override val prompt: LoginPrompt,
        private val steps: List<LoginProgress>,
        private val onDone: () -> Unit = {},
    ) : LoginSession {
        @Volatile private var cancelled = false

        override fun progress(): Flow<LoginProgress> = flow {
            for (step in steps) {
                if (cancelled) {
                    emit(LoginProgress.Failed(LoginFailure.Cancelled))
                    return@flow
                }
                if (step is LoginProgress.Done) onDone()
                emit(step)
            }
        }

        override fun cancel() {
            cancelled = true
        }
    }

    companion object {
        /** The demo guardian. */
        val USER = User("u-demo", "Karin Lindqvist")

        /** A small drawn picture (a winter sky with candles) for the demo news image. */
        val DEMO_PICTURE: ByteArray = Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUgAAAKAAAABaCAIAAACwpMoFAAACZ0lEQVR42u3RxW4WUBRF4f0QSPHidff+dffiUKMWLFiwYMGCNFgoECxYeBrepWMmTKBJJ+XOOE0O4WTdfNO7zmBrVc4IAtPq3FEEpjV5YwhMa/PHEZiyCiYQmNYVTiIwrS+aQmDaUDyNwLSxZAaBaVPpLALT5rJjCExbyo8jMGVXnEBg2lp5EoFpW9UpBKbt1acRmHbUnEFg2ll7FoFpV905BKbd9ecRmHIyFxCYchsuIjDlNV5CYMpvuozAVNB8BYGpsOUqAlNR6zUEpuK26whMJe03EJhKO24iMJV13kJgKu+6jcBU0X0Hgamy567Zr++ZlXyn7FBWVe89g8WTy9kilB3Kqu67b5ActkUoO5RV0//gbyVXlxg6lB3Kqh14aJBctUUoO5RVN/jIIDlsi1B2KKt+aM5s8eRKvlN2KCsz/BiBqWHPE4Offz5bhLJDWY17nxokh20Ryg5lNe17ZpActkUoO5TVvP+5QXLYFqHsUFbLgRcGyWFbhLJDWa0H5w2Sw7YIZYey2g69NEgO2yKUHcpqP/zKIDlsi1B2KKvjyGuD5LAtQtmhrM6RNwbJYVuEskNZXaNvDZLDtghlh7K6x94ZJIdtEcoOZfWMvzdIDtsilB3K6p34YJActkUoO5TVd/SjQXLYFqHsUFb/5CeD5LAtQtmhrIGpzwbJYVuEskNZg9NfDJLDtghlh7KGZr4aJIdtEcoOZQ3PfjNIDtsilB3KWlj4YZActkUoO5QZmIHxP2NgBgYDg4HBwGBgMDAYmIHBwGBgMDAYGAwMBmZgMDAYGAwMBgYDg4HBwAwMBgYD49/5DXIjJgxeDIp8AAAAAElFTkSuQmCC")
    }
}
