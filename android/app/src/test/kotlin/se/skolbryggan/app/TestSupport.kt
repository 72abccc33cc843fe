package se.skolbryggan.app

import android.app.Activity
import android.os.Looper
import android.view.View
import android.view.ViewGroup
import androidx.compose.ui.node.RootForTest
import androidx.compose.ui.semantics.SemanticsNode
import androidx.compose.ui.semantics.SemanticsProperties
import androidx.compose.ui.semantics.getOrNull
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

/**
 * Runs the main looper (and Compose frames) until [done] or 90 s of real time (a loaded CI machine);
 * a failure says [what] was awaited and what [seen] describes at that moment.
 */
fun idleUntil(what: String, seen: () -> String = { "" }, done: () -> Boolean) {
    val end = System.nanoTime() + 90_000_000_000L
    while (!done()) {
        if (System.nanoTime() > end) throw AssertionError("never reached: $what" + seen().let { if (it.isEmpty()) "" else "; seen: $it" })
        shadowOf(Looper.getMainLooper()).idleFor(Duration.ofMillis(20))
        Thread.sleep(10)
    }
}

/** The fixed day of the tests (a school day in the demo's year). */
const val TODAY = "2026-11-25"

/** The demo family's personal number (BankID on this phone goes through the demo). */
const val DEMO_PN = "121212121212"

/**
 * The Compose root in [activity]'s window, measured and laid out first, as Compose's own test
 * framework does before it reads semantics: on a device a relayout follows on the next drawn
 * frame, but Robolectric draws none, so lazy lists would otherwise keep the items of an earlier
 * state (measured: the home's cards missing in one run of two).
 */
fun composeRoot(activity: Activity): RootForTest? {
    fun find(v: View): RootForTest? {
        if (v is RootForTest) return v
        if (v is ViewGroup) for (i in 0 until v.childCount) find(v.getChildAt(i))?.let { return it }
        return null
    }
    return find(activity.window.decorView)?.also { it.measureAndLayoutForTest() }
}

/** Every semantics node on screen, from the merged tree (a row is one node with its label) or the unmerged one. */
fun semanticsNodes(activity: Activity, merged: Boolean = true): List<SemanticsNode> {
    val root = composeRoot(activity) ?: return emptyList()
    val out = mutableListOf<SemanticsNode>()
    fun walk(n: SemanticsNode) {
        out += n
        n.children.forEach(::walk)
    }
    walk(if (merged) root.semanticsOwner.rootSemanticsNode else root.semanticsOwner.unmergedRootSemanticsNode)
    return out
}

/** Every text on screen, read from Compose's unmerged semantics tree. */
fun screenTexts(activity: Activity): List<String> =
    semanticsNodes(activity, merged = false).flatMap { n -> n.config.getOrNull(SemanticsProperties.Text).orEmpty().map { it.text } }
