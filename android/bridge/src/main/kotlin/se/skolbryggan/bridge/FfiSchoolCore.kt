package se.skolbryggan.bridge

import kotlinx.coroutines.channels.awaitClose
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.callbackFlow
import kotlinx.coroutines.launch
import se.skolbryggan.Client
import se.skolbryggan.DataChange
import se.skolbryggan.DataChangedListener
import se.skolbryggan.EventTiming
import se.skolbryggan.FailureKind
import se.skolbryggan.LoginFailureReason
import se.skolbryggan.LoginListener
import se.skolbryggan.LoginState
import se.skolbryggan.LoginUpdate
import se.skolbryggan.PendingLogin
import se.skolbryggan.SchoolPlatform
import se.skolbryggan.SkolbrygganException
import se.skolbryggan.Week
import se.skolbryggan.ui.core.AbsenceDay
import se.skolbryggan.ui.core.AbsenceOptions
import se.skolbryggan.ui.core.AbsenceReadBack
import se.skolbryggan.ui.core.AbsenceReason
import se.skolbryggan.ui.core.AbsenceResult
import se.skolbryggan.ui.core.AbsenceStatus
import se.skolbryggan.ui.core.Article
import se.skolbryggan.ui.core.Assignment
import se.skolbryggan.ui.core.Attachment
import se.skolbryggan.ui.core.AttendanceEntry
import se.skolbryggan.ui.core.CalendarEvent
import se.skolbryggan.ui.core.Capabilities
import se.skolbryggan.ui.core.CareDay
import se.skolbryggan.ui.core.CareWeek
import se.skolbryggan.ui.core.ChangeEntry
import se.skolbryggan.ui.core.ChangeKind
import se.skolbryggan.ui.core.Child
import se.skolbryggan.ui.core.Classmate
import se.skolbryggan.ui.core.CoreError
import se.skolbryggan.ui.core.CoreException
import se.skolbryggan.ui.core.EventKind
import se.skolbryggan.ui.core.Freshness
import se.skolbryggan.ui.core.Guardian
import se.skolbryggan.ui.core.Home
import se.skolbryggan.ui.core.HomeCard
import se.skolbryggan.ui.core.Lesson
import se.skolbryggan.ui.core.Listed
import se.skolbryggan.ui.core.LoginFailure
import se.skolbryggan.ui.core.LoginMethod
import se.skolbryggan.ui.core.LoginProgress
import se.skolbryggan.ui.core.LoginPrompt
import se.skolbryggan.ui.core.LoginSession
import se.skolbryggan.ui.core.MenuDay
import se.skolbryggan.ui.core.NewsImage
import se.skolbryggan.ui.core.NewsSummary
import se.skolbryggan.ui.core.NotificationItem
import se.skolbryggan.ui.core.Platform
import se.skolbryggan.ui.core.PlatformOffer
import se.skolbryggan.ui.core.RefreshOutcome
import se.skolbryggan.ui.core.SchoolContact
import se.skolbryggan.ui.core.SchoolCore
import se.skolbryggan.ui.core.Teacher
import se.skolbryggan.ui.core.TimeRange
import se.skolbryggan.ui.core.User
import se.skolbryggan.ui.core.YearWheel
import java.time.Instant
import java.time.LocalDate
import java.time.ZoneId
import java.time.temporal.IsoFields

/**
 * [SchoolCore] on the generated bindings. It maps records and errors and computes nothing that
 * belongs in the core: where today's FFI has no call (see [Gap]), the method throws
 * [CoreError.Unsupported] or returns only what the FFI states, and the screens hide what it gates.
 */
class FfiSchoolCore(
    private val client: Client,
    /** Today in Stockholm; a test whose client has a fixed day passes the same day here. */
    private val today: () -> LocalDate = { LocalDate.now(ZoneId.of("Europe/Stockholm")) },
) : SchoolCore {
    private val zone = ZoneId.of("Europe/Stockholm")

    private inline fun <T> ffi(block: () -> T): T = try {
        block()
    } catch (e: SkolbrygganException) {
        throw CoreException(error(e), e)
    }

    private fun error(e: SkolbrygganException): CoreError = when (e) {
        is SkolbrygganException.Network,
        is SkolbrygganException.Offline,
        is SkolbrygganException.Timeout -> CoreError.Offline
        is SkolbrygganException.SessionExpired -> CoreError.SessionExpired
        is SkolbrygganException.NotLoggedIn -> CoreError.NotLoggedIn
        is SkolbrygganException.Unsupported -> CoreError.Unsupported
        else -> CoreError.Other
    }

    private fun gap(name: Gap): Nothing = throw CoreException(CoreError.Unsupported, UnsupportedOperationException(name.needs))

    private fun platform(p: SchoolPlatform) = when (p) {
        // Skola24 serves Stockholm's timetables behind Stockholm's login.
        SchoolPlatform.STOCKHOLM, SchoolPlatform.SKOLA24 -> Platform.Stockholm
        SchoolPlatform.INFO_MENTOR -> Platform.InfoMentor
        SchoolPlatform.SCHOOL_SOFT -> Platform.SchoolSoft
        SchoolPlatform.VKLASS -> Platform.Vklass
    }

    private fun platform(p: Platform) = when (p) {
        Platform.Stockholm -> SchoolPlatform.STOCKHOLM
        Platform.InfoMentor -> SchoolPlatform.INFO_MENTOR
        Platform.SchoolSoft -> SchoolPlatform.SCHOOL_SOFT
        Platform.Vklass -> SchoolPlatform.VKLASS
    }

    private fun freshness(f: se.skolbryggan.Freshness) = Freshness(f.stale, f.oldestFetch)

    private fun week(date: LocalDate) = Week(date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR).toUInt())

    private fun child(c: se.skolbryggan.Child) = Child(
        id = c.id,
        firstName = c.firstName,
        lastName = c.lastName,
        platform = platform(c.platform),
        schoolName = c.schoolName,
        className = c.className,
        preschool = c.schoolForms.isNotEmpty() && c.schoolForms.all { it is se.skolbryggan.SchoolForm.Forskola },
    )

    private fun user(u: se.skolbryggan.User) = User(u.id, "${u.firstName} ${u.lastName}".trim())

    // Gap: Capabilities. The FFI names its platforms (SchoolPlatform) but not their login
    // methods; every method is offered and the core answers Unsupported where a platform lacks it.
    override suspend fun platforms(): List<PlatformOffer> = SchoolPlatform.entries.filter { it != SchoolPlatform.SKOLA24 }.map {
        PlatformOffer(platform(it), LoginMethod.entries, Capabilities())
    }

    override suspend fun startLogin(platform: Platform, method: LoginMethod, personalNumber: String?): LoginSession = ffi {
        val m = when (method) {
            LoginMethod.BankIdThisDevice -> se.skolbryggan.LoginMethod.BankIdSameDevice(personalNumber)
            LoginMethod.BankIdOtherDevice -> se.skolbryggan.LoginMethod.BankIdOtherDevice(personalNumber)
            LoginMethod.Freja -> se.skolbryggan.LoginMethod.Freja
        }
        FfiLogin(client.startLogin(platform(platform), m))
    }

    override suspend fun loginDemo(): User = ffi { user(client.loginDemo()) }

    override suspend fun resumeSessions(): List<User> = ffi { client.resumeSessions().map(::user) }

    /**
     * Home cards from the core's week overview (the day's ChildDay per child, as the core computed
     * it). Gap: FamilyHome — unread counts, absence state, care hours and per-platform sessions
     * are not in the FFI, so the cards show none of them.
     */
    override suspend fun home(date: LocalDate): Home = ffi {
        val children = client.children().associateBy { it.id }
        val overview = client.weekOverview(date.toString())
        val day = overview.days.firstOrNull { it.date == date.toString() }
        val cards = day?.children.orEmpty().mapNotNull { d ->
            val c = children[d.childId] ?: return@mapNotNull null
            val first = d.firstLesson
            val last = d.lastLessonEnd
            HomeCard(
                child = child(c),
                schoolHours = if (first != null && last != null) TimeRange(first.atZone(zone).toLocalTime(), last.atZone(zone).toLocalTime()) else null,
                careHours = null,
                dayOff = d.dayOff,
                gymClothes = d.bringGymClothes,
                bring = emptyList(),
                lunch = d.lunch,
                unreadNews = 0,
                unreadNotifications = 0,
                absence = AbsenceStatus.None,
                nextEvent = d.events.firstOrNull()?.title,
            )
        }
        Home(date, cards, freshness(overview.freshness), emptyList())
    }

    override suspend fun children(): List<Child> = ffi { client.children().map(::child) }

    // Gap: Capabilities per platform — until then only what every platform reads today.
    override suspend fun capabilities(platform: Platform): Capabilities = Capabilities()

    override suspend fun news(childId: String): Listed<NewsSummary> = ffi {
        val page = client.news(childId, 0u, PAGE)
        Listed(page.items.map(::news), freshness(page.freshness))
    }

    private fun news(n: se.skolbryggan.NewsSummary) = NewsSummary(
        n.id, n.childId, n.title, n.intro, n.author, n.published,
        n.image?.let { NewsImage(it.url, it.altText, it.needsSession) },
    )

    override suspend fun article(newsId: String): Article = ffi {
        val item = client.newsArticle(newsId)
        Article(news(item.summary), item.bodyMarkdown, item.attachments.map { Attachment(it.name, it.url) })
    }

    override suspend fun calendar(childId: String, from: LocalDate, to: LocalDate): Listed<CalendarEvent> = ffi {
        val page = client.calendar(from.toString(), to.toString(), childId, 0u, PAGE)
        Listed(page.items.map { e ->
            val (d1, d2, t1, t2) = when (val t = e.timing) {
                is EventTiming.AllDay -> listOf(LocalDate.parse(t.start), LocalDate.parse(t.end), null, null)
                is EventTiming.Timed -> t.start.atZone(zone).let { s -> t.end.atZone(zone).let { f -> listOf(s.toLocalDate(), f.toLocalDate(), s.toLocalTime(), f.toLocalTime()) } }
            }
            CalendarEvent(e.id, e.childId, e.title, e.description, e.location, d1 as LocalDate, d2 as LocalDate, t1 as java.time.LocalTime?, t2 as java.time.LocalTime?, kind(e.kind))
        }, freshness(page.freshness))
    }

    private fun kind(k: se.skolbryggan.EventKind) = when (k) {
        se.skolbryggan.EventKind.HOLIDAY -> EventKind.Holiday
        se.skolbryggan.EventKind.STUDY_DAY -> EventKind.StudyDay
        se.skolbryggan.EventKind.PARENT_MEETING -> EventKind.ParentMeeting
        se.skolbryggan.EventKind.EXCURSION -> EventKind.Excursion
        se.skolbryggan.EventKind.TEST -> EventKind.Test
        se.skolbryggan.EventKind.SCHEDULE -> EventKind.Schedule
        se.skolbryggan.EventKind.OTHER -> EventKind.Other
    }

    override suspend fun notifications(childId: String): Listed<NotificationItem> = ffi {
        val page = client.notifications(childId, 0u, PAGE)
        Listed(page.items.map { NotificationItem(it.id, it.childId, it.sender, it.message, it.url, it.created) }, freshness(page.freshness))
    }

    override suspend fun menu(childId: String, date: LocalDate): List<MenuDay> = ffi {
        client.menu(week(date), childId).map { MenuDay(LocalDate.parse(it.date), it.dishes) }
    }

    override suspend fun timetable(childId: String, date: LocalDate): List<Lesson> = ffi {
        client.timetable(week(date), childId).map {
            val start = it.start.atZone(zone)
            Lesson(it.id, it.subjectName, it.teacher, it.room, start.toLocalDate(), start.toLocalTime(), it.end.atZone(zone).toLocalTime())
        }
    }

    override suspend fun classmates(childId: String): List<Classmate> = ffi {
        client.classmates(childId).map { c ->
            Classmate(c.id, "${c.firstName} ${c.lastName}".trim(), c.guardians.map { Guardian("${it.firstName} ${it.lastName}".trim(), it.mobile, it.email) })
        }
    }

    override suspend fun teachers(childId: String): List<Teacher> = ffi {
        client.teachers(childId).map { Teacher(it.id, "${it.firstName} ${it.lastName}".trim(), it.email, it.phone) }
    }

    override suspend fun contacts(childId: String): List<SchoolContact> = ffi {
        client.contacts(childId).map { SchoolContact(it.id, it.title, it.name, it.phone, it.email) }
    }

    override suspend fun assignments(childId: String): Listed<Assignment> = gap(Gap.Assignments)
    override suspend fun attendance(childId: String): Listed<AttendanceEntry> = gap(Gap.Attendance)
    override suspend fun careWeek(childId: String, date: LocalDate): CareWeek = gap(Gap.CareTimes)
    override suspend fun setCareDay(childId: String, day: CareDay): CareWeek = gap(Gap.SetCareTimes)

    private suspend fun childOf(childId: String): Child =
        ffi { client.children().firstOrNull { it.id == childId } }?.let(::child) ?: throw CoreException(CoreError.Other)

    private suspend fun offers(childId: String) = ffi { client.absenceOptions(childId).options.filter { it.childId == childId } }

    /** Today's and tomorrow's offers as the core holds them; the core reports sickness only. */
    override suspend fun absenceOptions(childId: String): AbsenceOptions {
        val child = childOf(childId)
        val offers = offers(childId)
        val days = AbsenceDay.entries.map { d ->
            val date = AbsenceMapping.date(d, today())
            AbsenceMapping.option(d, date, AbsenceMapping.offer(offers, date))
        }
        return AbsenceOptions(child, days, listOf(AbsenceReason.Sick))
    }

    /**
     * Asks the core (which reads the offers fresh and refuses with its reason), then reads the
     * offers back: accepted only when they show the day reported.
     */
    override suspend fun reportAbsence(childId: String, day: AbsenceDay, reason: AbsenceReason): AbsenceResult =
        if (reason != AbsenceReason.Sick) gap(Gap.AbsenceLeave) else writeAbsence(childId, day, absent = true)

    /** As [reportAbsence], withdrawing: accepted when the read-back shows the day no longer reported. */
    override suspend fun withdrawAbsence(childId: String, day: AbsenceDay): AbsenceResult = writeAbsence(childId, day, absent = false)

    private suspend fun writeAbsence(childId: String, day: AbsenceDay, absent: Boolean): AbsenceResult {
        val date = AbsenceMapping.date(day, today())
        try {
            client.reportAbsence(childId, date.toString(), absent)
        } catch (e: SkolbrygganException.WriteRefused) {
            return AbsenceResult.Refused(AbsenceMapping.refusal(e.reason))
        } catch (e: SkolbrygganException) {
            throw CoreException(error(e), e)
        }
        val back = AbsenceMapping.offer(offers(childId), date)
        if (back == null || back.alreadyReported != absent) {
            throw CoreException(CoreError.Other, IllegalStateException("the platform's read-back does not show the change"))
        }
        return AbsenceResult.Accepted(AbsenceReadBack(childOf(childId).firstName, date, day, AbsenceReason.Sick))
    }

    override suspend fun markEntityRead(entityId: String) = gap(Gap.MarkEntityRead)
    /** The school year around [date] from the cached calendars (the core classifies the entries). */
    override suspend fun yearWheel(date: LocalDate): YearWheel = ffi { YearWheelMapping.wheel(client.yearWheel(date.toString())) }

    /** The cached events of the range as the core writes them (no lessons, every child). */
    override suspend fun exportIcs(from: LocalDate, to: LocalDate): String = ffi { client.exportIcs(from.toString(), to.toString(), false) }
    override suspend fun image(url: String): ByteArray? = gap(Gap.Image)

    override suspend fun changes(unreadOnly: Boolean): List<ChangeEntry> = ffi {
        val names = client.children().associate { it.id to it.firstName }
        client.changes(unreadOnly, 0u, PAGE).items.map {
            ChangeEntry(it.id, it.childId, names[it.childId], change(it.kind), it.title, it.entityId, it.at, it.read)
        }
    }

    private fun change(k: se.skolbryggan.ChangeKind) = when (k) {
        se.skolbryggan.ChangeKind.NEWS_ADDED -> ChangeKind.News
        se.skolbryggan.ChangeKind.NEWS_UPDATED -> ChangeKind.NewsUpdated
        se.skolbryggan.ChangeKind.NOTIFICATION_ADDED -> ChangeKind.Notification
        se.skolbryggan.ChangeKind.EVENT_ADDED -> ChangeKind.Event
        se.skolbryggan.ChangeKind.EVENT_MOVED -> ChangeKind.EventMoved
        se.skolbryggan.ChangeKind.EVENT_CANCELLED -> ChangeKind.EventCancelled
        else -> ChangeKind.Timetable
    }

    override suspend fun markRead(ids: List<Long>) = ffi { client.markRead(ids) }

    /** What the home cards of [date] show: the week, care times, attendance, absence offers, the calendars ahead. */
    override suspend fun refresh(date: LocalDate): RefreshOutcome = try {
        val report = client.refreshHome(date.toString(), null)
        val expired = report.failures.firstOrNull { it.kind == FailureKind.SESSION_EXPIRED }
        when {
            report.sessionExpired -> RefreshOutcome.SessionExpired(expired?.provider?.let(::providerPlatform) ?: Platform.Stockholm)
            report.failures.any { it.kind == FailureKind.NETWORK } -> RefreshOutcome.Failed(CoreError.Offline)
            report.failures.isNotEmpty() -> RefreshOutcome.Failed(CoreError.Other)
            else -> RefreshOutcome.Done
        }
    } catch (e: SkolbrygganException) {
        if (e is SkolbrygganException.SessionExpired) RefreshOutcome.SessionExpired(Platform.Stockholm) else RefreshOutcome.Failed(error(e))
    }

    private fun providerPlatform(provider: String) = when {
        provider.contains("mentor", ignoreCase = true) -> Platform.InfoMentor
        provider.equals("schoolsoft", ignoreCase = true) -> Platform.SchoolSoft
        provider.equals("vklass", ignoreCase = true) -> Platform.Vklass
        else -> Platform.Stockholm
    }

    override fun dataChanges(): Flow<Unit> = callbackFlow {
        val handle = client.subscribeChanges(object : DataChangedListener {
            override fun onDataChanged(change: DataChange) {
                trySend(Unit)
            }
        })
        awaitClose { handle.cancel() }
    }

    override suspend fun signOut() = ffi { client.logout() }

    override suspend fun forget() = ffi { client.forget() }

    private inner class FfiLogin(private val pending: PendingLogin) : LoginSession {
        override val prompt: LoginPrompt = pending.prompt().let { LoginPrompt(it.bankidAppLink, it.qrPayload, it.frejaLink) }

        override fun progress(): Flow<LoginProgress> = callbackFlow {
            val listener = object : LoginListener {
                override fun onUpdate(update: LoginUpdate) {
                    val step = when (val s = update.state) {
                        LoginState.Pending -> LoginProgress.Waiting(update.qrPayload)
                        LoginState.UserSign -> LoginProgress.UserSign
                        is LoginState.Failed -> LoginProgress.Failed(failure(s.reason))
                        LoginState.Cancelled -> LoginProgress.Failed(LoginFailure.Cancelled)
                        LoginState.Signed, LoginState.Complete -> null
                    }
                    if (step != null) trySend(step)
                }
            }
            val job = launch {
                try {
                    send(LoginProgress.Done(user(pending.complete(listener, null))))
                } catch (e: SkolbrygganException) {
                    val reason = (e as? SkolbrygganException.LoginFailed)?.reason?.let(::failure)
                        ?: if (e is SkolbrygganException.Cancelled) LoginFailure.Cancelled else LoginFailure.Other
                    send(LoginProgress.Failed(reason))
                }
                close()
            }
            awaitClose { job.cancel() }
        }

        override fun cancel() = pending.cancel()
    }

    private fun failure(r: LoginFailureReason) = when (r) {
        LoginFailureReason.CancelledByUser -> LoginFailure.Cancelled
        LoginFailureReason.TimedOut -> LoginFailure.TimedOut
        LoginFailureReason.InvalidPersonalNumber -> LoginFailure.InvalidPersonalNumber
        is LoginFailureReason.Rejected -> LoginFailure.Rejected
        else -> LoginFailure.Other
    }

    private companion object {
        const val PAGE = 200u
    }
}

/** What today's FFI lacks for a [SchoolCore] method, and the call it needs (issue 13). */
enum class Gap(val needs: String) {
    Assignments("Client.assignments(childId, offset, limit) -> AssignmentPage with freshness"),
    Attendance("Client.attendance(childId, offset, limit) -> AttendancePage with freshness"),
    CareTimes("Client.careTimes(childId, week) -> CareWeek { days, editable }"),
    SetCareTimes("Client.setCareTimes(childId, day) -> CareWeek, typed refusal"),
    AbsenceLeave("Client.reportAbsence(childId, day, reason): the core reports sickness only"),
    MarkEntityRead("Client.markReadByEntity(entityId)"),
    Image("Client.loadImage(url) -> bytes + media type through the platform's session"),
}
