package se.skolbryggan.bridge

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import se.skolbryggan.Client
import se.skolbryggan.ClientBuilder
import se.skolbryggan.SecretStore
import se.skolbryggan.WriteRefusalReason
import se.skolbryggan.ui.core.AbsenceDay
import se.skolbryggan.ui.core.AbsenceReadBack
import se.skolbryggan.ui.core.AbsenceReason
import se.skolbryggan.ui.core.AbsenceRefusal
import se.skolbryggan.ui.core.AbsenceResult
import se.skolbryggan.ui.core.CoreError
import se.skolbryggan.ui.core.CoreException
import se.skolbryggan.ui.core.LoginMethod
import se.skolbryggan.ui.viewmodel.AbsencePhase
import se.skolbryggan.ui.viewmodel.AbsenceViewModel
import se.skolbryggan.ui.viewmodel.AppViewModel
import se.skolbryggan.ui.viewmodel.BannerState
import se.skolbryggan.ui.viewmodel.ChildTab
import se.skolbryggan.ui.viewmodel.Destination
import se.skolbryggan.ui.viewmodel.HomeViewModel
import se.skolbryggan.ui.viewmodel.Loadable
import se.skolbryggan.ui.viewmodel.Section
import se.skolbryggan.ui.viewmodel.TabContent
import java.nio.file.Path
import java.time.LocalDate
import java.util.concurrent.ConcurrentHashMap

/** The ui module's view models over the real library (JNA) and the core's demo family. */
class RealCoreViewModelTest {
    private val today = LocalDate.of(2026, 11, 25)
    private val scope = CoroutineScope(SupervisorJob() + Dispatchers.Default)

    private class MapStore : SecretStore {
        val values = ConcurrentHashMap<String, ByteArray>()
        override fun get(key: String): ByteArray? = values[key]
        override fun set(key: String, value: ByteArray) { values[key] = value }
        override fun delete(key: String) { values.remove(key) }
    }

    private fun client(dir: Path, day: LocalDate = today): Client = runBlocking {
        ClientBuilder(dir.resolve("data").toString()).fixedToday(day.toString()).secretStore(MapStore()).build()
    }

    private fun <T> StateFlow<T>.await(what: String, predicate: (T) -> Boolean): T = runBlocking {
        try {
            withTimeout(30_000) { first(predicate) }
        } catch (e: Exception) {
            throw AssertionError("never reached: $what; last state $value", e)
        }
    }

    @AfterEach
    fun stop() = scope.cancel()

    @Test
    fun signInHomeChildArticleSignOutThroughTheRealCore(@TempDir dir: Path) {
        val core = FfiSchoolCore(client(dir))
        val app = AppViewModel(core, scope) { today }
        app.start()
        app.stack.await("sign-in") { it.lastOrNull() is Destination.SignIn }
        val signIn = app.current as Destination.SignIn
        signIn.model.state.await("platforms") { it.platforms.isNotEmpty() }
        signIn.model.personalNumber(DEMO_PN)
        signIn.model.start(LoginMethod.BankIdThisDevice)
        app.stack.await("home after BankID (demo)") { it.lastOrNull() is Destination.Home }

        val home = (app.current as Destination.Home).model
        val loaded = home.state.await("home cards") { s -> !s.refreshing && (s.home.valueOrNull?.cards?.isNotEmpty() == true) }
        val cards = loaded.home.valueOrNull!!.cards
        assertTrue(cards.all { it.child.firstName.isNotBlank() }, cards.toString())

        app.openChild(cards.first().child.id)
        val child = (app.current as Destination.Child).model
        val news = child.state.await("news tab") { it.content is Loadable.Loaded }.content.valueOrNull
        val items = assertInstanceOf(TabContent.News::class.java, news).items.items
        assertTrue(items.isNotEmpty(), "the demo child has news")
        child.select(ChildTab.Timetable)
        child.state.await("timetable") { it.tab == ChildTab.Timetable && it.content is Loadable.Loaded }

        app.openArticle(items.first().id)
        val article = (app.current as Destination.Article).model
        val content = article.state.await("article") { it is Loadable.Loaded }.valueOrNull!!
        assertEquals(items.first().title, content.article.summary.title)
        assertTrue(content.article.bodyMarkdown.isNotBlank())

        assertTrue(app.back() && app.back())
        app.openSection(Section.Settings)
        (app.current as Destination.Settings).model.signOut()
        app.stack.await("sign-in after sign-out") { it.lastOrNull() is Destination.SignIn }
    }

    @Test
    fun aFailingRefreshKeepsTheCacheUnderAStaleBanner(@TempDir dir: Path) {
        val c = client(dir)
        val core = FfiSchoolCore(c)
        runBlocking { core.loginDemo() }
        val home = HomeViewModel(core, scope) { today }
        home.refresh()
        home.state.await("cards") { !it.refreshing && it.home.valueOrNull?.cards?.isNotEmpty() == true }
        assertEquals(BannerState.None, home.state.value.banner)
        runBlocking { core.signOut() }
        home.refresh()
        val s = home.state.await("stale banner") { !it.refreshing && it.banner != BannerState.None }
        assertEquals(BannerState.Stale, s.banner)
        assertTrue(s.home.valueOrNull?.cards?.isNotEmpty() == true, "the cache stays on screen")
    }

    @Test
    fun whatTheFfiLacksIsATypedUnsupported(@TempDir dir: Path) {
        val core = FfiSchoolCore(client(dir))
        runBlocking {
            core.loginDemo()
            core.refresh(today)
            val id = core.children().first().id
            for (call in listOf<suspend () -> Any?>({ core.assignments(id) }, { core.careWeek(id, today) }, { core.attendance(id) }, { core.image("https://example.se/a.jpg") })) {
                val e = runCatching { call() }.exceptionOrNull()
                assertEquals(CoreError.Unsupported, (e as CoreException).error)
            }
        }
    }

    @Test
    fun anAbsenceIsReportedReadBackAndWithdrawnThroughTheRealCore(@TempDir dir: Path) {
        val core = FfiSchoolCore(client(dir)) { today }
        runBlocking {
            core.loginDemo()
            core.refresh(today)
            val child = core.children().first { !it.preschool }
            val before = core.absenceOptions(child.id)
            assertEquals(listOf(AbsenceDay.Today, AbsenceDay.Tomorrow), before.days.map { it.day })
            assertEquals(listOf(today, today.plusDays(1)), before.days.map { it.date })
            assertEquals(listOf(null, null), before.days.map { it.refusal }, "a school Wednesday and Thursday are offered")
            assertEquals(listOf(AbsenceReason.Sick), before.reasons)

            val sent = assertInstanceOf(AbsenceResult.Accepted::class.java, core.reportAbsence(child.id, AbsenceDay.Tomorrow, AbsenceReason.Sick))
            assertEquals(AbsenceReadBack(child.firstName, today.plusDays(1), AbsenceDay.Tomorrow, AbsenceReason.Sick), sent.readBack)
            assertEquals(listOf(false, true), core.absenceOptions(child.id).days.map { it.reported })

            assertInstanceOf(AbsenceResult.Accepted::class.java, core.withdrawAbsence(child.id, AbsenceDay.Tomorrow))
            assertEquals(listOf(false, false), core.absenceOptions(child.id).days.map { it.reported })

            val leave = runCatching { core.reportAbsence(child.id, AbsenceDay.Today, AbsenceReason.Leave) }.exceptionOrNull()
            assertEquals(CoreError.Unsupported, (leave as CoreException).error)
        }
    }

    @Test
    fun aDayTheCoreDoesNotOfferIsRefusedWithNotOffered(@TempDir dir: Path) {
        // A Saturday: neither it nor Sunday is a school day, so the core offers no report.
        val saturday = today.with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.SATURDAY))
        val core = FfiSchoolCore(client(dir, saturday)) { saturday }
        runBlocking {
            core.loginDemo()
            core.refresh(saturday)
            val child = core.children().first()
            val options = core.absenceOptions(child.id)
            assertEquals(listOf(AbsenceRefusal.NotOffered, AbsenceRefusal.NotOffered), options.days.map { it.refusal })
            // The screen would not offer the button; the core is asked anyway and refuses with its reason.
            assertEquals(AbsenceResult.Refused(AbsenceRefusal.NotOffered), core.reportAbsence(child.id, AbsenceDay.Today, AbsenceReason.Sick))
        }
        // And the absence screen's view model shows that refusal.
        val absence = AbsenceViewModel(core, scope, runBlocking { core.children().first().id })
        absence.load()
        absence.state.await("offers") { it.options is Loadable.Loaded }
        absence.askConfirm()
        absence.send()
        assertEquals(AbsencePhase.Refused(AbsenceRefusal.NotOffered), absence.state.await("refused") { it.phase is AbsencePhase.Refused }.phase)
    }

    @Test
    fun theYearWheelAndItsIcsComeFromTheRealCore(@TempDir dir: Path) {
        val c = client(dir)
        val core = FfiSchoolCore(c) { today }
        runBlocking {
            core.loginDemo()
            c.refreshYearWheel(today.toString())
            val wheel = core.yearWheel(today)
            // The school year containing 25 November 2026: 1 August 2026 – 31 July 2027.
            assertEquals(LocalDate.of(2026, 8, 1) to LocalDate.of(2027, 7, 31), wheel.from to wheel.to)
            assertTrue(wheel.events.isNotEmpty(), "the demo family's year has entries")
            assertTrue(wheel.events.all { !it.date.isBefore(wheel.from) && !it.endDate.isAfter(wheel.to) && !it.endDate.isBefore(it.date) }, wheel.events.toString())
            assertTrue(wheel.events.any { it.kind == se.skolbryggan.ui.core.EventKind.Holiday }, "a school year has holidays")
            val ics = core.exportIcs(wheel.from, wheel.to)
            assertTrue(ics.startsWith("BEGIN:VCALENDAR") && ics.contains("BEGIN:VEVENT"), ics.take(200))
        }
    }

    @Test
    fun everyRefusalTheCoreTypesHasItsOwnScreenReason() {
        val mapped = WriteRefusalReason.entries.associateWith(AbsenceMapping::refusal)
        assertEquals(
            mapOf(
                WriteRefusalReason.LOCKED to AbsenceRefusal.Locked,
                WriteRefusalReason.NOT_ALLOWED to AbsenceRefusal.NotAllowed,
                WriteRefusalReason.NOT_OFFERED to AbsenceRefusal.NotOffered,
                WriteRefusalReason.CLOSED to AbsenceRefusal.Closed,
            ),
            mapped,
        )
        fun offer(canReport: Boolean, reported: Boolean, locked: Boolean) =
            se.skolbryggan.AbsenceOption("c", today.toString(), canReport, reported, reported, locked)
        assertEquals(AbsenceRefusal.Locked, AbsenceMapping.option(AbsenceDay.Today, today, offer(false, false, true)).refusal)
        assertEquals(AbsenceRefusal.NotAllowed, AbsenceMapping.option(AbsenceDay.Today, today, offer(false, false, false)).refusal)
        assertEquals(null, AbsenceMapping.option(AbsenceDay.Today, today, offer(false, true, true)).refusal)
        assertEquals(AbsenceRefusal.NotOffered, AbsenceMapping.option(AbsenceDay.Today, today, null).refusal)
    }

    private companion object {
        const val DEMO_PN = "121212121212"
    }
}
