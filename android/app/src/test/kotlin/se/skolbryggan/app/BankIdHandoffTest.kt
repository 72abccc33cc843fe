package se.skolbryggan.app

import android.content.Intent
import android.net.Uri
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Rule
import org.junit.Test
import org.junit.rules.TemporaryFolder
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.Shadows.shadowOf
import se.skolbryggan.ui.core.LoginMethod
import se.skolbryggan.ui.viewmodel.Destination

@RunWith(RobolectricTestRunner::class)
class BankIdHandoffTest {
    @get:Rule val tmp = TemporaryFolder()

    @Test
    fun theAutostartIntentKeepsTheTokenAndRedirectsBackToTheApp() {
        val intent = BankIdHandoff.autostartIntent("bankid:///?autostarttoken=7c40b5c9-fa74-49cf-b98c-bfe651f9a7c6&redirect=null")!!
        assertEquals(Intent.ACTION_VIEW, intent.action)
        val uri = intent.data!!
        assertEquals("bankid", uri.scheme)
        assertEquals("7c40b5c9-fa74-49cf-b98c-bfe651f9a7c6", uri.getQueryParameter("autostarttoken"))
        assertEquals(BankIdHandoff.RETURN_URI, uri.getQueryParameter("redirect"))
        assertTrue(uri.toString(), uri.toString().startsWith("bankid:///?autostarttoken="))
        assertNull(BankIdHandoff.autostartIntent("https://app.bankid.com/?autostarttoken=x"))
        assertNull(BankIdHandoff.autostartIntent("bankid:///?redirect=null"))
    }

    @Test
    fun theReturnIsRecognisedAndResolvesToTheActivity() {
        val back = Intent(Intent.ACTION_VIEW, Uri.parse(BankIdHandoff.RETURN_URI))
        assertTrue(BankIdHandoff.isReturn(back))
        assertFalse(BankIdHandoff.isReturn(Intent(Intent.ACTION_VIEW, Uri.parse("https://example.se/"))))
        assertFalse(BankIdHandoff.isReturn(Intent(Intent.ACTION_MAIN)))
        val found = application().packageManager.queryIntentActivities(back.setPackage(application().packageName), 0)
        assertEquals(listOf(MainActivity::class.java.name), found.map { it.activityInfo.name })
    }

    @Test
    fun signingInOnThisPhoneOpensBankIdWithTheCoresTokenAndTheReturnLeadsHome() {
        val client = realClient(tmp.newFolder("data"), SoftwareKeys())
        useClient(client)
        val controller = Robolectric.buildActivity(MainActivity::class.java).setup()
        val activity = controller.get()
        idleUntil("sign-in") { activity.appModel?.current is Destination.SignIn }
        val signIn = (activity.appModel!!.current as Destination.SignIn).model
        idleUntil("platforms") { signIn.state.value.platforms.isNotEmpty() }
        signIn.personalNumber(DEMO_PN)
        signIn.start(LoginMethod.BankIdThisDevice)
        var started: Intent? = null
        idleUntil("the BankID app opened") { shadowOf(activity).nextStartedActivity?.also { started = it } != null || activity.appModel?.current is Destination.Home }
        val bankId = started ?: shadowOf(activity).nextStartedActivity ?: throw AssertionError("the login finished without opening BankID")
        assertEquals("bankid", bankId.data?.scheme)
        assertEquals("demo-autostart-token", bankId.data?.getQueryParameter("autostarttoken"))
        assertEquals(BankIdHandoff.RETURN_URI, bankId.data?.getQueryParameter("redirect"))
        controller.newIntent(Intent(Intent.ACTION_VIEW, Uri.parse(BankIdHandoff.RETURN_URI)))
        idleUntil("home after BankID") { activity.appModel?.current is Destination.Home }
        controller.pause().stop().destroy()
        client.destroy()
    }
}
