package se.skolbryggan.app

import android.os.Looper
import kotlinx.coroutines.runBlocking
import org.robolectric.RuntimeEnvironment
import org.robolectric.Shadows.shadowOf
import se.skolbryggan.Client
import se.skolbryggan.ClientBuilder
import java.io.File
import java.time.Duration
import java.time.LocalDate
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey

/** A software AES key: Robolectric has no AndroidKeyStore (the only stand-in of these tests). */
class SoftwareKeys : KeyProvider {
    private val key: SecretKey = KeyGenerator.getInstance("AES").apply { init(256) }.generateKey()
    override fun key(): SecretKey = key
}

/** The application under test. */
fun application(): SkolbrygganApplication = RuntimeEnvironment.getApplication() as SkolbrygganApplication

/** A real client (the library through JNA) in [dir], its clock fixed on [today], secrets in the Keystore store. */
fun realClient(dir: File, keys: KeyProvider, today: String = TODAY): Client = runBlocking {
    ClientBuilder(dir.path).fixedToday(today).secretStore(KeystoreSecretStore(application(), keys)).build()
}

/** Installs services whose client is [client] and whose day is [today] (the Activity and Worker take them from there). */
fun useClient(client: Client, today: String = TODAY) {
    application().services = AppServices(application(), today = { LocalDate.parse(today) }) { client }
}

/** Runs the main looper (and Compose frames) until [done] or 90 s of real time (a loaded CI machine). */
fun idleUntil(what: String, done: () -> Boolean) {
    val end = System.nanoTime() + 90_000_000_000L
    while (!done()) {
        if (System.nanoTime() > end) throw AssertionError("never reached: $what")
        shadowOf(Looper.getMainLooper()).idleFor(Duration.ofMillis(20))
        Thread.sleep(10)
    }
}

/** The fixed day of the tests (a school day in the demo's year). */
const val TODAY = "2026-11-25"

/** The demo family's personal number (BankID on this phone goes through the demo). */
const val DEMO_PN = "121212121212"
