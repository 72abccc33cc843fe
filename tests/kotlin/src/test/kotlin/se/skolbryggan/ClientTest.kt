package se.skolbryggan

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.CopyOnWriteArrayList
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.async
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
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
val FAST = LoginOptions(pollIntervalMs = 50uL, timeoutSeconds = 30uL)

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
    override fun list(prefix: String): List<String> = values.keys.filter { it.startsWith(prefix) }.sorted()
}

suspend fun demoClient(dir: Path, store: SecretStore? = null, scale: UInt = 1u): Client {
    var builder = ClientBuilder(dir.resolve("data").toString()).demoFamily(DATE, scale)
    if (store != null) builder = builder.secretStore(store)
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

class ClientTest {
    @TempDir
    lateinit var dir: Path

    @Test
    fun `demo login then week overview matches the Rust CLI`() = runBlocking<Unit> {
        val client = demoClient(dir)
        assertFalse(client.isLoggedIn())
        val user = client.loginDemo()
        assertTrue(user.firstName.isNotEmpty())
        val week = client.weekOverview(DATE)
        assertEquals(2026, week.week.year)
        assertEquals(48u, week.week.week)
        assertEquals((23..29).map { "2026-11-$it" }, week.days.map { it.date })
        assertTrue(week.days.all { it.children.size == 3 })
        // The CLI (plain Rust) prints the same week; compare every cell's lesson count and gym flag.
        val cli = System.getProperty("skolbryggan.cli")
        val json = ProcessBuilder(cli, "demo", "--json", "--date", DATE).start().inputStream.bufferedReader().readText()
        val weekJson = json.substring(json.indexOf("\"week\""))
        val counts = Regex("\"lessonCount\":\\s*(\\d+)").findAll(weekJson).map { it.groupValues[1].toUInt() }.toList()
        val gym = Regex("\"bringGymClothes\":\\s*(true|false)").findAll(weekJson).map { it.groupValues[1].toBoolean() }.toList()
        assertEquals(counts, week.days.flatMap { d -> d.children.map { it.lessonCount } })
        assertEquals(gym, week.days.flatMap { d -> d.children.map { it.bringGymClothes } })
        val wednesday = week.days[2]
        assertEquals(0u, wednesday.children[0].lessonCount, "the pre-school child has no lessons")
        assertTrue(wednesday.children[1].lessonCount > 0u)
        assertTrue(wednesday.children[0].lunch.isNotEmpty())
    }

    @Test
    fun `BankID login states arrive through the Flow helper`() = runBlocking<Unit> {
        val client = demoClient(dir)
        val login = client.startLogin(SchoolPlatform.STOCKHOLM, LoginMethod.BankIdSameDevice(DEMO_PN))
        val prompt = login.prompt()
        assertTrue(prompt.bankidAppLink!!.startsWith("bankid:///?autostarttoken="))
        val events = login.events(FAST).toList()
        val states = events.filterIsInstance<LoginEvent.Update>().map { stateName(it.update) }
        assertEquals(listOf("Pending", "UserSign", "Complete"), states)
        val done = events.last() as LoginEvent.Done
        assertTrue(done.user.firstName.isNotEmpty())
        assertEquals(3, client.children().size)
        assertThrows<SkolbrygganException.InvalidInput> { runBlocking { login.complete(RecordingListener(), FAST) } }
    }

    @Test
    fun `cancelling the collecting coroutine stops the login`() = runBlocking<Unit> {
        val client = demoClient(dir)
        val login = client.startLogin(SchoolPlatform.STOCKHOLM, LoginMethod.BankIdSameDevice(DEMO_PN))
        val seen = CopyOnWriteArrayList<String>()
        val signing = CompletableDeferred<Unit>()
        val job = launch {
            login.events(LoginOptions(pollIntervalMs = 300uL, timeoutSeconds = 60uL)).collect { e ->
                if (e is LoginEvent.Update) {
                    seen += stateName(e.update)
                    if (e.update.state is LoginState.UserSign) signing.complete(Unit)
                }
            }
        }
        withTimeout(5_000) { signing.await() }
        job.cancelAndJoin()
        val count = seen.size
        delay(1_000) // three more poll intervals: a live login would have completed by now
        assertEquals(count, seen.size)
        assertFalse("Complete" in seen)
        assertFalse(client.isLoggedIn())
    }

    @Test
    fun `explicit cancel ends complete with Cancelled`() = runBlocking<Unit> {
        val client = demoClient(dir)
        val login = client.startLogin(SchoolPlatform.STOCKHOLM, LoginMethod.BankIdOtherDevice(DEMO_PN))
        val listener = RecordingListener()
        val result = async {
            runCatching { login.complete(listener, LoginOptions(pollIntervalMs = 5_000uL, timeoutSeconds = 60uL)) }
        }
        withTimeout(5_000) { while (listener.states.none { it == "UserSign" }) delay(10) }
        login.cancel()
        val error = withTimeout(2_000) { result.await() }.exceptionOrNull()
        assertTrue(error is SkolbrygganException.Cancelled, "got $error")
        assertEquals(listOf("Pending", "UserSign", "Cancelled"), listener.states)
    }

    @Test
    fun `invalid personal number is a typed login failure`() = runBlocking<Unit> {
        val client = demoClient(dir)
        val e = assertThrows<SkolbrygganException.LoginFailed> {
            runBlocking { client.startLogin(SchoolPlatform.INFO_MENTOR, LoginMethod.BankIdSameDevice("12ab")) }
        }
        assertTrue(e.reason is LoginFailureReason.InvalidPersonalNumber)
    }

    @Test
    fun `the Kotlin SecretStore keeps the session for the next client`() = runBlocking<Unit> {
        val store = MapStore()
        val first = demoClient(dir, store)
        first.startLogin(SchoolPlatform.STOCKHOLM, LoginMethod.BankIdSameDevice(DEMO_PN)).complete(RecordingListener(), FAST)
        assertTrue(store.sets.any { it.startsWith("skolbryggan.session.") })
        val second = demoClient(dir, store)
        assertFalse(second.isLoggedIn())
        assertEquals(1, second.resumeSessions().size)
        assertEquals(3, second.children().size)
        second.forget()
        assertTrue(store.values.keys.none { it.startsWith("skolbryggan.session.") })
    }

    @Test
    fun `an expired session is the typed error`() = runBlocking<Unit> {
        val store = MapStore()
        store.values["skolbryggan.session.stockholm.demo"] =
            """{"provider":"stockholm","account":"demo","secret":"stale"}""".toByteArray()
        val client = demoClient(dir, store)
        assertThrows<SkolbrygganException.SessionExpired> { runBlocking { client.resumeSessions() } }
        assertThrows<SkolbrygganException.NotLoggedIn> { runBlocking { client.children() } }
    }

    @Test
    fun `a throwing SecretStore surfaces as a Key error`() = runBlocking<Unit> {
        val store = object : SecretStore by MapStore() {
            override fun set(key: String, value: ByteArray) = throw SecretStoreException.Unavailable("device locked")
        }
        val client = demoClient(dir, store)
        val e = assertThrows<SkolbrygganException.Key> { runBlocking { client.loginDemo() } }
        assertTrue(e.message!!.contains("device locked"))
    }

    @Test
    fun `refresh with progress, data-changed Flow, paged reads`() = runBlocking<Unit> {
        val client = demoClient(dir)
        client.loginDemo()
        val changed = async { client.dataChanges().first() }
        delay(100)
        val progress = CopyOnWriteArrayList<Pair<UInt, UInt>>()
        val report = client.refresh { progress += it.done to it.total }
        assertEquals(3u, report.children)
        assertEquals(listOf(1u to 3u, 2u to 3u, 3u to 3u), progress)
        assertTrue(DataKind.NEWS in withTimeout(2_000) { changed.await() })
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
        assertEquals(5, client.menu(client.children()[0].id, Week(2026, 48u)).size)
        assertTrue(client.timetable(pupil.id, Week(2026, 48u)).isNotEmpty())
        assertTrue(client.classmates(pupil.id).all { it.guardians.isNotEmpty() })
        val calendar = client.calendar("2026-08-17", "2026-12-31", 0u, 500u)
        assertTrue(calendar.items.any { it.title == "Jullov" && it.timing is EventTiming.AllDay })
    }
}

class RecordingListener : LoginListener {
    val states = CopyOnWriteArrayList<String>()
    override fun onUpdate(update: LoginUpdate) {
        states += stateName(update)
    }
}
