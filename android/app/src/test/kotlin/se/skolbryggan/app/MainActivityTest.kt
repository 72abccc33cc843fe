package se.skolbryggan.app

import android.app.Activity
import android.view.View
import android.view.ViewGroup
import androidx.compose.ui.node.RootForTest
import androidx.compose.ui.semantics.SemanticsNode
import androidx.compose.ui.semantics.SemanticsProperties
import androidx.compose.ui.semantics.getOrNull
import org.junit.Assert.assertTrue
import org.junit.Rule
import org.junit.Test
import org.junit.rules.TemporaryFolder
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import se.skolbryggan.ui.l10n.Strings
import se.skolbryggan.ui.viewmodel.Destination

@RunWith(RobolectricTestRunner::class)
class MainActivityTest {
    @get:Rule val tmp = TemporaryFolder()

    private fun composeRoot(v: View): RootForTest? {
        if (v is RootForTest) return v
        if (v is ViewGroup) for (i in 0 until v.childCount) composeRoot(v.getChildAt(i))?.let { return it }
        return null
    }

    /** Every text on screen, read from Compose's semantics tree. */
    private fun texts(activity: Activity): List<String> {
        val root = composeRoot(activity.window.decorView) ?: return emptyList()
        val out = mutableListOf<String>()
        fun walk(n: SemanticsNode) {
            n.config.getOrNull(SemanticsProperties.Text)?.forEach { out += it.text }
            n.children.forEach(::walk)
        }
        walk(root.semanticsOwner.unmergedRootSemanticsNode)
        return out
    }

    @Test
    fun launchesOnTheRealCoreAndRendersSignInThenTheDemoFamilysHome() {
        val client = realClient(tmp.newFolder("data"), SoftwareKeys())
        useClient(client)
        val controller = Robolectric.buildActivity(MainActivity::class.java).setup()
        val activity = controller.get()
        val strings = Strings.of(PhoneLanguage.of(activity.resources.configuration.locales))
        idleUntil("the sign-in screen on screen") { strings.signinTitle in texts(activity) }
        (activity.appModel!!.current as Destination.SignIn).model.demo()
        idleUntil("home") { activity.appModel?.current is Destination.Home }
        val first = (activity.appModel!!.current as Destination.Home).model
        idleUntil("home cards") { first.state.value.home.valueOrNull?.cards?.isNotEmpty() == true }
        val names = first.state.value.home.valueOrNull!!.cards.map { it.child.firstName }
        idleUntil("a child's name rendered") { texts(activity).any { t -> names.any { t.contains(it) } } }
        activity.onBackPressedDispatcher.onBackPressed()
        assertTrue("back on home closes the app", activity.isFinishing)
        controller.pause().stop().destroy()
        client.destroy()
    }

    @Test
    fun theDemoExtraRunsOverTheInMemoryDemo() {
        val intent = android.content.Intent(application(), MainActivity::class.java).putExtra(MainActivity.EXTRA_DEMO, true)
        val controller = Robolectric.buildActivity(MainActivity::class.java, intent).setup()
        val activity = controller.get()
        idleUntil("sign-in over the fake") { activity.appModel?.current is Destination.SignIn }
        assertTrue(texts(activity).isNotEmpty())
        controller.pause().stop().destroy()
    }
}
