package se.skolbryggan.app

import android.content.Intent
import android.net.Uri

/**
 * The BankID app hand-off on this phone: the autostart intent that opens the BankID app with the
 * core's autostart token, and recognising BankID's return to the app.
 *
 * The core hands `bankid:///?autostarttoken=…&redirect=null`; on Android the app replaces the
 * redirect with its own return link ([RETURN_URI], declared in the manifest) so the parent comes
 * back here after signing. The login itself completes in the core (it polls); the return only
 * brings the app to the front.
 */
object BankIdHandoff {
    /** Where BankID sends the parent back (an intent filter of [MainActivity]). */
    const val RETURN_URI = "skolbryggan://bankid-return"

    /** The BankID app's package, to check whether it is installed. */
    const val BANKID_PACKAGE = "com.bankid.bus"

    /**
     * The intent that opens BankID for [appLink] (the core's link), or null when the link holds no
     * autostart token. The token is taken from the link as the core wrote it; only the redirect changes.
     */
    fun autostartIntent(appLink: String): Intent? {
        val link = Uri.parse(appLink)
        if (link.scheme != "bankid") return null
        val token = link.getQueryParameter("autostarttoken")?.takeIf { it.isNotBlank() } ?: return null
        val uri = Uri.Builder()
            .scheme("bankid")
            .authority("")
            .path("/")
            .appendQueryParameter("autostarttoken", token)
            .appendQueryParameter("redirect", RETURN_URI)
            .build()
        return Intent(Intent.ACTION_VIEW, uri).addFlags(Intent.FLAG_ACTIVITY_NEW_TASK)
    }

    /** True when [intent] is BankID sending the parent back. */
    fun isReturn(intent: Intent?): Boolean {
        val data = intent?.data ?: return false
        return intent.action == Intent.ACTION_VIEW && data.toString().startsWith(RETURN_URI)
    }
}
