package se.skolbryggan.app

import android.content.Intent
import android.os.Bundle
import android.provider.Browser
import android.webkit.CookieManager
import androidx.core.content.IntentCompat
import kotlinx.coroutines.runBlocking
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Rule
import org.junit.Test
import org.junit.rules.TemporaryFolder
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import se.skolbryggan.WebCookie

@RunWith(RobolectricTestRunner::class)
class ShareAndLinksTest {
    @get:Rule val tmp = TemporaryFolder()

    @Test
    fun aWholeTermIsSharedAsAnIcsFileThroughTheFileProvider() {
        val client = realClient(tmp.newFolder("data"), SoftwareKeys())
        val (term, file) = runBlocking {
            client.loginDemo()
            client.refreshRange("2026-08-01", "2027-06-30", null)
            val term = client.yearWheel(TODAY).terms.first { it.start <= TODAY && TODAY <= it.end }
            term to IcsShare.write(application(), client, term)
        }
        val text = file.readText()
        assertTrue(text.startsWith("BEGIN:VCALENDAR"))
        assertTrue("the term's events are in it", text.contains("BEGIN:VEVENT"))
        val intent = IcsShare.intent(application(), file, "Termin")
        assertEquals(Intent.ACTION_SEND, intent.action)
        assertEquals("text/calendar", intent.type)
        assertTrue(intent.flags and Intent.FLAG_GRANT_READ_URI_PERMISSION != 0)
        val uri = IntentCompat.getParcelableExtra(intent, Intent.EXTRA_STREAM, android.net.Uri::class.java)!!
        assertEquals("content", uri.scheme)
        assertEquals(IcsShare.AUTHORITY, uri.authority)
        assertTrue(uri.toString(), uri.path!!.endsWith("skolbryggan-${term.start}-${term.end}.ics"))
        val read = application().contentResolver.openInputStream(uri)!!.use { it.readBytes().decodeToString() }
        assertEquals(text, read)
        client.destroy()
    }

    @Test
    fun aLinkOffThePlatformsGetsNoCookiesAndAPlatformLinkCarriesTheSession() {
        val client = realClient(tmp.newFolder("data"), SoftwareKeys())
        runBlocking { client.loginDemo() }
        assertEquals(emptyList<WebCookie>(), PlatformLinks.cookiesFor(client, "https://example.com/page"))
        val plain = PlatformLinks.customTab("https://example.com/page", emptyList())
        assertEquals("https://example.com/page", plain.intent.dataString)
        assertNull(plain.intent.getBundleExtra(Browser.EXTRA_HEADERS)?.getString("Cookie"))
        client.destroy()

        val cookies = listOf(
            WebCookie("SMSESSION", "abc", "login001.stockholm.se", "/", true, true),
            WebCookie("lang", "sv", "etjanst.stockholm.se", "/", true, false),
        )
        val tab = PlatformLinks.customTab("https://etjanst.stockholm.se/vardnadshavare/inloggad2/hem", cookies)
        val headers: Bundle = tab.intent.getBundleExtra(Browser.EXTRA_HEADERS)!!
        assertEquals("SMSESSION=abc; lang=sv", headers.getString("Cookie"))
        assertEquals("SMSESSION=abc; Domain=login001.stockholm.se; Path=/; Secure; HttpOnly", PlatformLinks.setCookieLine(cookies[0]))
        val manager = CookieManager.getInstance()
        PlatformLinks.install(manager, "https://etjanst.stockholm.se/", cookies.drop(1))
        assertTrue(manager.getCookie("https://etjanst.stockholm.se/")!!.contains("lang=sv"))
    }
}
