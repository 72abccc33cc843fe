package se.skolbryggan.app

import android.content.Context
import android.content.Intent
import android.net.Uri
import android.os.Bundle
import android.provider.Browser
import android.webkit.CookieManager
import androidx.browser.customtabs.CustomTabsIntent
import se.skolbryggan.Client
import se.skolbryggan.SkolbrygganException
import se.skolbryggan.WebCookie

/**
 * Opening a platform's page (an attachment, the platform's own view) logged in.
 *
 * The core says which session cookies a link needs ([Client.sessionCookies], only for the
 * platforms' own hosts; a third-party link gets none). A Custom Tab runs in the browser, whose
 * cookie jar the app cannot write: the cookies go along as a `Cookie` header
 * (`Browser.EXTRA_HEADERS`), which browsers honour only for some headers and apps, so a link that
 * needs the session also has the WebView path, where [install] puts them into the
 * [CookieManager] first.
 */
object PlatformLinks {
    /** What opening [url] needs: its session cookies (empty for a link off the platforms). */
    fun cookiesFor(client: Client, url: String): List<WebCookie> = try {
        client.sessionCookies(url)
    } catch (e: SkolbrygganException.InvalidInput) {
        emptyList()
    }

    /** The `Cookie` header value for [cookies]. */
    fun cookieHeader(cookies: List<WebCookie>): String = cookies.joinToString("; ") { "${it.name}=${it.value}" }

    /** A Custom Tab for [url] carrying [cookies] as a header (none for a link off the platforms). */
    fun customTab(url: String, cookies: List<WebCookie>): CustomTabsIntent {
        val tab = CustomTabsIntent.Builder().setShowTitle(true).build()
        tab.intent.data = Uri.parse(url)
        if (cookies.isNotEmpty()) {
            val headers = tab.intent.getBundleExtra(Browser.EXTRA_HEADERS) ?: Bundle()
            headers.putString("Cookie", cookieHeader(cookies))
            tab.intent.putExtra(Browser.EXTRA_HEADERS, headers)
        }
        return tab
    }

    /** Opens [url] in a Custom Tab with its session (from an Activity context). */
    fun open(context: Context, client: Client, url: String) {
        val tab = customTab(url, cookiesFor(client, url))
        tab.intent.addFlags(Intent.FLAG_ACTIVITY_NEW_TASK)
        tab.launchUrl(context, Uri.parse(url))
    }

    /** The Set-Cookie line of [c] for a WebView's CookieManager. */
    fun setCookieLine(c: WebCookie): String = buildString {
        append(c.name).append('=').append(c.value)
        append("; Domain=").append(c.domain)
        append("; Path=").append(c.path.ifEmpty { "/" })
        if (c.secure) append("; Secure")
        if (c.httpOnly) append("; HttpOnly")
    }

    /** Puts [cookies] into [manager] for [url] (the WebView fallback), then flushes. */
    fun install(manager: CookieManager, url: String, cookies: List<WebCookie>) {
        for (c in cookies) manager.setCookie(url, setCookieLine(c))
        manager.flush()
    }
}
