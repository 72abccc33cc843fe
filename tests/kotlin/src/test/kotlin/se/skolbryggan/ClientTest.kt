package se.skolbryggan

import java.nio.file.Path
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.CopyOnWriteArrayList
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.async
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.io.TempDir
import se.skolbryggan.ktx.LoginEvent
import se.skolbryggan.ktx.dataChanges
import se.skolbryggan.ktx.events
import se.skolbryggan.ktx.refresh

const val DATE = "2026-11-25"
const val DEMO_PN = "121212121212"
val FAST = LoginOptions(pollIntervalMs = 20uL, timeoutSeconds = 30uL)
val EVERYTHING = RefreshOptions(date = DATE, everything = true, force = false)

/** The foreign SecretStore, in Kotlin (on Android: the Keystore). */
class MapStore : SecretStore {
    val values = ConcurrentHashMap<String, ByteArray>()
    val sets = CopyOnWriteArrayList<String>()
    override fun get(key: String): ByteArray? = values[key]
    override fun set(key: String, value: ByteArray) {
        sets += key
        values[key] = value
    }
    override fun delete(key: String) {
        values.remove(key)
    }
}

suspend fun client(dir: Path, store: SecretStore = MapStore(), emulator: Emulator? = null): Client {
    var builder = ClientBuilder(dir.resolve("data").toString()).fixedToday(DATE).secretStore(store)
    if (emulator != null) builder = builder.emulator(emulator.address, emulator.caPem)
    return builder.build()
}

fun stateName(u: LoginUpdate): String = when (u.state) {
    is LoginState.Pending -> "Pending"
    is LoginState.UserSign -> "UserSign"
    is LoginState.Signed -> "Signed"
    is LoginState.Complete -> "Complete"
    is LoginState.Cancelled -> "Cancelled"
    is LoginState.Failed -> "Failed"
}

class RecordingListener : LoginListener {
    val states = CopyOnWriteArrayList<String>()
    override fun onUpdate(update: LoginUpdate) {
        states += stateName(update)
    }
}

class DemoTest {
    @TempDir
    lateinit var dir: Path

    @Test
    fun `demo login then week overview matches the Rust CLI`() = runBlocking<Unit> {
        val client = client(dir)
        assertFalse(client.isLoggedIn())
        assertTrue(client.loginDemo().firstName.isNotEmpty())
        val report = client.refresh(EVERYTHING, null)
        assertTrue(report.fetched > 0u && report.failures.isEmpty())
        val week = client.weekOverview(DATE)
        assertEquals(2026, week.week.year)
        assertEquals(48u, week.week.week)
        assertFalse(week.freshness.stale)
        assertEquals((23..29).map { "2026-11-$it" }, week.days.map { it.date })
        assertTrue(week.days.all { it.children.size == 5 })
        // The CLI (plain Rust) prints the same week; compare every cell's lesson count and gym flag.
        val cli = System.getProperty("skolbryggan.cli")
        val json = ProcessBuilder(cli, "demo", "--json", "--date", DATE).start().inputStream.bufferedReader().readText()
        val weekJson = json.substring(json.indexOf("\"week\""))
        val counts = Regex("\"lessonCount\":\\s*(\\d+)").findAll(weekJson).map { it.groupValues[1].toUInt() }.toList()
        val gym = Regex("\"bringGymClothes\":\\s*(true|false)").findAll(weekJson).map { it.groupValues[1].toBoolean() }.toList()
        assertEquals(35, counts.size) // 7 days × 5 children
        assertEquals(counts, week.days.flatMap { d -> d.children.map { it.lessonCount } })
        assertEquals(gym, week.days.flatMap { d -> d.children.map { it.bringGymClothes } })
        assertEquals(0u, week.days[2].children[0].lessonCount, "the pre-school child has no lessons")
        assertTrue(week.days[2].children[1].lessonCount > 0u)
    }

    @Test
    fun `demo BankID login states arrive through the Flow helper`() = runBlocking<Unit> {
        val client = client(dir)
        val login = client.startLogin(SchoolPlatform.STOCKHOLM, LoginMethod.BankIdSameDevice(DEMO_PN))
        assertTrue(login.prompt().bankidAppLink!!.startsWith("bankid:///?autostarttoken="))
        val events = login.events(FAST).toList()
        assertEquals(listOf("Pending", "UserSign", "Complete"), events.filterIsInstance<LoginEvent.Update>().map { stateName(it.update) })
        assertTrue((events.last() as LoginEvent.Done).user.firstName.isNotEmpty())
        assertThrows<SkolbrygganException.InvalidInput> { runBlocking { login.complete(RecordingListener(), FAST) } }
    }

    @Test
    fun `invalid personal number is a typed login failure`() = runBlocking<Unit> {
        val c = client(dir)
        val e = assertThrows<SkolbrygganException.LoginFailed> {
            runBlocking { c.startLogin(SchoolPlatform.INFO_MENTOR, LoginMethod.BankIdSameDevice("12ab")) }
        }
        assertTrue(e.reason is LoginFailureReason.InvalidPersonalNumber)
    }

    @Test
    fun `the Kotlin SecretStore holds the cache key`() = runBlocking<Unit> {
        val store = MapStore()
        val first = client(dir, store)
        first.loginDemo()
        first.refresh(EVERYTHING, null)
        assertTrue(store.sets.isNotEmpty())
        val second = client(dir, store)
        assertEquals(1, second.resumeSessions().size)
        assertEquals(5, second.children().size)
        second.forget()
        assertFalse(second.isLoggedIn())
    }

    @Test
    fun `an unavailable SecretStore surfaces as KeyUnavailable`() = runBlocking<Unit> {
        val store = object : SecretStore by MapStore() {
            override fun get(key: String): ByteArray? = throw SecretStoreException.Unavailable("device locked")
            override fun set(key: String, value: ByteArray) = throw SecretStoreException.Unavailable("device locked")
        }
        val e = assertThrows<SkolbrygganException.KeyUnavailable> { runBlocking { client(dir, store) } }
        assertTrue(e.message!!.contains("device locked"))
    }

    @Test
    fun `refresh with progress, data-changed Flow, paged reads`() = runBlocking<Unit> {
        val client = client(dir)
        client.loginDemo()
        val changed = async { client.dataChanges().first { it is DataChange.Refreshed } }
        delay(200)
        val progress = CopyOnWriteArrayList<Pair<UInt, UInt>>()
        val report = client.refresh(EVERYTHING) { progress += it.done to it.total }
        assertTrue(report.fetched > 10u)
        assertEquals(progress.last().first, progress.last().second)
        assertEquals(progress.map { it.first }.sorted(), progress.map { it.first })
        withTimeout(3_000) { changed.await() }
        val pupil = client.children()[1]
        val items = mutableListOf<NewsSummary>()
        var offset: UInt? = 0u
        while (offset != null) {
            val page = client.news(pupil.id, offset, 5u)
            assertTrue(page.items.size <= 5)
            items += page.items
            offset = page.nextOffset
        }
        assertTrue(items.size > 5)
        assertEquals(items.size, items.map { it.id }.toSet().size)
        assertEquals(items.map { it.published }.sortedDescending(), items.map { it.published })
        assertTrue(client.newsArticle(items[0].id).bodyMarkdown.isNotEmpty())
        assertEquals(5, client.menu(Week(2026, 48u), client.children()[0].id).size)
        assertTrue(client.timetable(Week(2026, 48u), pupil.id).isNotEmpty())
        assertTrue(client.classmates(pupil.id).all { it.guardians.isNotEmpty() })
    }

    @Test
    fun `demo absence report and care times are read back, retried and refused`() = runBlocking<Unit> {
        val client = client(dir)
        client.loginDemo()
        client.refresh(EVERYTHING, null)
        val kids = client.children()
        val (preschool, fritids, pupil) = Triple(kids[0], kids[1], kids[2])
        val assignments = client.assignments(pupil.id, 0u, 5u)
        assertEquals(5, assignments.items.size)
        assertEquals(5u, assignments.nextOffset)
        val written = async { client.dataChanges().first { it is DataChange.Written } }
        delay(200)
        assertEquals(WriteOutcome.DONE, client.reportAbsence(fritids.id, "2026-11-26", true))
        val change = withTimeout(3_000) { written.await() } as DataChange.Written
        assertEquals(fritids.id, change.childId)
        assertEquals(WriteKind.ABSENCE_REPORT, change.kind)
        assertTrue(client.absenceOptions(fritids.id).options.first { it.day == "2026-11-26" }.alreadyReported)
        assertEquals("2026-11-26", client.attendance(fritids.id, 0u, 1u).items[0].date)
        assertEquals(WriteOutcome.ALREADY_DONE, client.reportAbsence(fritids.id, "2026-11-26", true))
        val refused = assertThrows<SkolbrygganException.WriteRefused> {
            runBlocking { client.reportAbsence(fritids.id, "2026-11-28", true) }
        }
        assertEquals(WriteRefusalReason.NOT_OFFERED, refused.reason)
        assertEquals(WriteOutcome.DONE, client.setCareTimes(preschool.id, "2026-11-26", "07:05", "16:50"))
        val thursday = client.careTimes(Week(2026, 48u), preschool.id).days.first { it.date == "2026-11-26" }
        assertEquals(java.time.LocalTime.of(7, 5), thursday.start!!.atZone(java.time.ZoneId.of("Europe/Stockholm")).toLocalTime())
        val locked = assertThrows<SkolbrygganException.WriteRefused> {
            runBlocking { client.setCareTimes(preschool.id, DATE, "09:00", "15:00") }
        }
        assertEquals(WriteRefusalReason.LOCKED, locked.reason)
    }
}

class EmulatorTest {
    @TempDir
    lateinit var dir: Path
    private val emulator = Emulator.start()

    @AfterEach
    fun stop() = emulator.close()

    @Test
    fun `BankID login against the emulator, refresh, reads`() = runBlocking<Unit> {
        val client = client(dir, emulator = emulator)
        val login = client.startLogin(SchoolPlatform.STOCKHOLM, LoginMethod.BankIdSameDevice(Emulator.GUARDIAN))
        assertTrue(login.prompt().autostartToken!!.isNotEmpty())
        val listener = RecordingListener()
        login.complete(listener, FAST)
        assertEquals("Pending", listener.states.first())
        assertTrue("UserSign" in listener.states)
        assertEquals("Complete", listener.states.last())
        val report = client.refresh(EVERYTHING, null)
        assertTrue(report.fetched > 0u && !report.sessionExpired)
        val kids = client.children()
        assertTrue(kids.isNotEmpty() && kids.all { it.platform == SchoolPlatform.STOCKHOLM })
        assertTrue(client.weekOverview(DATE).days.any { d -> d.children.any { it.lessonCount > 0u } })
        assertTrue(emulator.count("GetChildren") >= 1)
    }

    @Test
    fun `cancelling the coroutine stops the polling at the emulator`() = runBlocking<Unit> {
        emulator.control("POST", "bankid", """{"pendingPolls":10000,"userSignPolls":1,"outcome":"ok"}""")
        val client = client(dir, emulator = emulator)
        val login = client.startLogin(SchoolPlatform.STOCKHOLM, LoginMethod.BankIdSameDevice(Emulator.GUARDIAN))
        val seen = CopyOnWriteArrayList<String>()
        val job = launch {
            login.events(LoginOptions(pollIntervalMs = 50uL, timeoutSeconds = 60uL)).collect { e ->
                if (e is LoginEvent.Update) seen += stateName(e.update)
            }
        }
        delay(800)
        val before = emulator.count("NECSadcmbid")
        job.cancelAndJoin()
        delay(300)
        val atCancel = emulator.count("NECSadcmbid")
        delay(1_000)
        assertTrue(before >= 5, "the login was polling ($before)")
        assertEquals(atCancel, emulator.count("NECSadcmbid"), "the emulator saw the polling stop")
        assertFalse("Complete" in seen)
        assertFalse(client.isLoggedIn())
    }

    @Test
    fun `session expiry is the typed error`() = runBlocking<Unit> {
        val store = MapStore()
        val client = client(dir, store, emulator)
        client.startLogin(SchoolPlatform.STOCKHOLM, LoginMethod.BankIdSameDevice(Emulator.GUARDIAN)).complete(RecordingListener(), FAST)
        client.refresh(EVERYTHING, null)
        emulator.control("POST", "sessions/expire", "{}")
        val report = client.refresh(RefreshOptions(date = DATE, everything = false, force = true), null)
        assertTrue(report.sessionExpired)
        assertTrue(client.children().isNotEmpty(), "the cached data stays readable")
        val restarted = client(dir, store, emulator)
        assertThrows<SkolbrygganException.SessionExpired> { runBlocking { restarted.resumeSessions() } }
    }

    @Test
    fun `upstream edits reach the change feed, paged newest first, and mark read`() = runBlocking<Unit> {
        val client = client(dir, emulator = emulator)
        client.startLogin(SchoolPlatform.STOCKHOLM, LoginMethod.BankIdSameDevice(Emulator.GUARDIAN)).complete(RecordingListener(), FAST)
        client.refresh(EVERYTHING, null)
        assertEquals(0u, client.changes(false, 0u, 0u).total, "the first fetch records nothing")
        // The school edits every title it publishes (news titles are what the feed reports).
        val family = emulator.control("GET", "family")
        emulator.control("PUT", "family", family.replace("\"title\":\"", "\"title\":\"Uppdaterat: "))
        client.refresh(RefreshOptions(date = DATE, everything = true, force = true), null)
        val items = mutableListOf<Change>()
        var offset: UInt? = 0u
        while (offset != null) {
            val page = client.changes(false, offset, 3u)
            assertTrue(page.items.size <= 3)
            items += page.items
            offset = page.nextOffset
        }
        val updates = items.filter { it.kind == ChangeKind.NEWS_UPDATED }
        assertTrue(updates.isNotEmpty() && updates.all { it.title.startsWith("Uppdaterat: ") }, "$updates")
        assertEquals(items.map { it.id }.sortedDescending(), items.map { it.id }, "newest first")
        assertEquals(items.size, items.map { it.id }.toSet().size)
        client.markRead(listOf(items.first().id))
        val unread = client.changes(true, 0u, 0u)
        assertEquals(items.size - 1, unread.total.toInt())
        assertFalse(unread.items.any { it.id == items.first().id })
    }
}
