package se.skolbryggan.app

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

    @Test
    fun launchesOnTheRealCoreAndRendersSignInThenTheDemoFamilysHome() {
        val client = realClient(tmp.newFolder("data"), SoftwareKeys())
        useClient(client)
        val controller = Robolectric.buildActivity(MainActivity::class.java).setup()
        val activity = controller.get()
        val strings = Strings.of(PhoneLanguage.of(activity.resources.configuration.locales))
        idleUntil("the sign-in screen on screen") { strings.signinTitle in screenTexts(activity) }
        (activity.appModel!!.current as Destination.SignIn).model.demo()
        idleUntil("home") { activity.appModel?.current is Destination.Home }
        // The home on screen now (read each time: a session change may put a new one on the stack).
        fun home() = (activity.appModel?.current as? Destination.Home)?.model?.state?.value
        val seen = {
            val d = activity.window.decorView
            "window ${d.width}×${d.height} (layout requested: ${d.isLayoutRequested}), home ${home()}, texts ${screenTexts(activity)}"
        }
        idleUntil("home cards", seen) { home()?.home?.valueOrNull?.cards?.isNotEmpty() == true }
        idleUntil("a child's name rendered", seen) {
            val names = home()?.home?.valueOrNull?.cards?.map { it.child.firstName }.orEmpty()
            names.isNotEmpty() && screenTexts(activity).any { t -> names.any { t.contains(it) } }
        }
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
        assertTrue(screenTexts(activity).isNotEmpty())
        controller.pause().stop().destroy()
    }
}
