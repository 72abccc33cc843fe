package se.skolbryggan.bridge

import java.nio.file.Path
import java.time.LocalDate
import java.util.concurrent.ConcurrentHashMap
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
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import se.skolbryggan.Client
import se.skolbryggan.ClientBuilder
import se.skolbryggan.LoginListener
import se.skolbryggan.LoginMethod as FfiLoginMethod
import se.skolbryggan.LoginOptions
import se.skolbryggan.LoginUpdate
import se.skolbryggan.SchoolPlatform
import se.skolbryggan.SecretStore
import se.skolbryggan.testing.TestEmulator
import se.skolbryggan.ui.core.AbsenceDay
import se.skolbryggan.ui.core.LoginMethod
import se.skolbryggan.ui.core.Platform
import se.skolbryggan.ui.viewmodel.AbsencePhase
import se.skolbryggan.ui.viewmodel.AppViewModel
import se.skolbryggan.ui.viewmodel.BannerState
import se.skolbryggan.ui.viewmodel.Destination
import se.skolbryggan.ui.viewmodel.HomeViewModel
import se.skolbryggan.ui.viewmodel.Loadable
import se.skolbryggan.ui.viewmodel.Section
import se.skolbryggan.ui.viewmodel.TabContent

/**
 * The ui module's view models over the real library pointed at the upstream emulator (the real
 * providers over HTTPS on loopback, its throwaway CA trusted through `ClientBuilder.emulator`):
 * the parent's walk as state transitions, an expired session's banner, a failing refresh's
 * stale banner. The client and the emulator share one fixed day.
 */
class EmulatorViewModelTest {
    private val today = LocalDate.of(2026, 11, 25)
    private val scope = CoroutineScope(SupervisorJob() + Dispatchers.Default)
    private lateinit var emulator: TestEmulator

    private class MapStore : SecretStore {
        val values = ConcurrentHashMap<String, ByteArray>()
        override fun get(key: String): ByteArray? = values[key]
        override fun set(key: String, value: ByteArray) { values[key] = value }
        override fun delete(key: String) { values.remove(key) }
    }

    @BeforeEach
    fun start() {
        emulator = TestEmulator.start()
        emulator.control("POST", "today", """{"date":"$today"}""")
    }

    @AfterEach
    fun stop() {
        scope.cancel()
        emulator.close()
    }

    private fun client(dir: Path): Client = runBlocking {
        ClientBuilder(dir.resolve("data").toString()).fixedToday(today.toString()).secretStore(MapStore())
            .emulator(emulator.address, emulator.caPem).build()
    }

    private fun <T> StateFlow<T>.await(what: String, predicate: (T) -> Boolean): T = runBlocking {
        try {
            withTimeout(60_000) { first(predicate) }
        } catch (e: Exception) {
            throw AssertionError("never reached: $what; last state $value", e)
        }
    }

    @Test
    fun signInHomeChildArticleAbsenceSignOutAgainstTheEmulator(@TempDir dir: Path) {
        val core = FfiSchoolCore(client(dir)) { today }
        val app = AppViewModel(core, scope) { today }
        app.start()
        app.stack.await("sign-in") { it.lastOrNull() is Destination.SignIn }
        val signIn = (app.current as Destination.SignIn).model
        signIn.state.await("platforms") { s -> s.platforms.any { it.platform == Platform.InfoMentor } }
        signIn.choose(Platform.InfoMentor)
        signIn.personalNumber(TestEmulator.GUARDIAN)
        signIn.start(LoginMethod.BankIdThisDevice)
        app.stack.await("home after BankID at the emulator") { it.lastOrNull() is Destination.Home }

        val home = (app.current as Destination.Home).model
        val loaded = home.state.await("home cards") { s -> !s.refreshing && s.home.valueOrNull?.cards?.isNotEmpty() == true }
        assertEquals(BannerState.None, loaded.banner)
        val cards = loaded.home.valueOrNull!!.cards
        assertTrue(cards.all { it.child.platform == Platform.InfoMentor && it.child.firstName.isNotBlank() }, cards.toString())

        // A child whose news the emulator serves, then one of its articles.
        var article: String? = null
        for (card in cards) {
            app.openChild(card.child.id)
            val child = (app.current as Destination.Child).model
            val content = child.state.await("news of ${card.child.firstName}") { it.content !is Loadable.Loading }.content
            val items = (content.valueOrNull as? TabContent.News)?.items?.items.orEmpty()
            if (items.isNotEmpty()) {
                app.openArticle(items.first().id)
                val opened = (app.current as Destination.Article).model.state.await("article") { it !is Loadable.Loading }
                val body = opened.valueOrNull ?: throw AssertionError("the article did not load: $opened")
                assertEquals(items.first().title, body.article.summary.title)
                article = body.article.bodyMarkdown
                assertTrue(app.back())
                break
            }
            assertTrue(app.back())
        }
        assertNotNull(article, "an article from the emulator")

        // Report tomorrow for a child the emulator offers it for; read back.
        var sent: AbsencePhase.Sent? = null
        for (card in cards) {
            app.openAbsence(card.child.id)
            val absence = (app.current as Destination.Absence).model
            val options = absence.state.await("offers of ${card.child.firstName}") { it.options !is Loadable.Loading }.options.valueOrNull
            val tomorrow = options?.days?.firstOrNull { it.day == AbsenceDay.Tomorrow }
            if (tomorrow != null && tomorrow.refusal == null && !tomorrow.reported) {
                absence.day(AbsenceDay.Tomorrow)
                absence.askConfirm()
                absence.send()
                val phase = absence.state.await("sent") { it.phase is AbsencePhase.Sent || it.phase is AbsencePhase.Refused }.phase
                sent = assertInstanceOf(AbsencePhase.Sent::class.java, phase)
                assertEquals(today.plusDays(1), sent.readBack.date)
                assertEquals(card.child.firstName, sent.readBack.childName)
                assertTrue(absence.state.value.options.valueOrNull != null)
                assertTrue(app.back())
                break
            }
            assertTrue(app.back())
        }
        assertNotNull(sent, "a child the emulator offers tomorrow's report for")

        app.openSection(Section.Settings)
        (app.current as Destination.Settings).model.signOut()
        app.stack.await("sign-in after sign-out") { it.lastOrNull() is Destination.SignIn }
    }

    private fun signedInAtStockholm(dir: Path): Pair<Client, FfiSchoolCore> {
        val c = client(dir)
        runBlocking {
            c.startLogin(SchoolPlatform.STOCKHOLM, FfiLoginMethod.BankIdSameDevice(TestEmulator.GUARDIAN))
                .complete(object : LoginListener { override fun onUpdate(update: LoginUpdate) = Unit }, LoginOptions(pollIntervalMs = 20uL, timeoutSeconds = 30uL))
        }
        return c to FfiSchoolCore(c) { today }
    }

    @Test
    fun anExpiredSessionAtTheEmulatorShowsTheBannerOverTheCache(@TempDir dir: Path) {
        val (_, core) = signedInAtStockholm(dir)
        // The second refresh asks for next week, which is not cached yet, so it goes upstream
        // (this week's data is still fresh and would not be fetched again).
        var day = today
        val home = HomeViewModel(core, scope) { day }
        home.refresh()
        home.state.await("cards") { !it.refreshing && it.home.valueOrNull?.cards?.isNotEmpty() == true }
        assertEquals(BannerState.None, home.state.value.banner)
        val children = runBlocking { core.children() }
        emulator.control("POST", "sessions/expire", "{}")
        day = today.plusWeeks(1)
        home.refresh()
        val s = home.state.await("expired banner") { !it.refreshing && it.banner != BannerState.None }
        assertEquals(BannerState.SessionExpired, s.banner)
        assertEquals(Platform.Stockholm, s.expiredPlatform)
        assertNotNull(s.home.valueOrNull, "home still shows, from the cache")
        assertEquals(children, runBlocking { core.children() }, "the cached family stays")
    }

    @Test
    fun aRefreshTheEmulatorFailsShowsTheStaleBannerOverTheCache(@TempDir dir: Path) {
        val (_, core) = signedInAtStockholm(dir)
        // The second refresh asks for next week, which is not cached yet, so it goes upstream
        // (this week's data is still fresh and would not be fetched again).
        var day = today
        val home = HomeViewModel(core, scope) { day }
        home.refresh()
        val first = home.state.await("cards") { !it.refreshing && it.home.valueOrNull?.cards?.isNotEmpty() == true }
        assertEquals(BannerState.None, first.banner)
        val children = runBlocking { core.children() }
        // Every answer is now cut off halfway: unparsable, not a dead session (an HTML page
        // where JSON belongs is how Stockholm's platform says the session is gone).
        emulator.control("POST", "faults", """{"endpoint":"*","fault":{"effect":{"kind":"truncated_body"}}}""")
        day = today.plusWeeks(1)
        home.refresh()
        val s = home.state.await("stale banner") { !it.refreshing && it.banner != BannerState.None }
        assertEquals(BannerState.Stale, s.banner)
        assertNotNull(s.home.valueOrNull, "home still shows, from the cache")
        assertEquals(children, runBlocking { core.children() }, "the cached family stays")
    }
}
