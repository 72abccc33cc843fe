package se.skolbryggan.app

import android.content.Context
import android.content.Intent
import androidx.core.content.FileProvider
import se.skolbryggan.Client
import se.skolbryggan.Term
import java.io.File

/**
 * Sharing a whole term as an .ics file: the core writes the iCalendar text ([Client.exportIcs]),
 * the app puts it in `cache/exports/` and hands it out through its FileProvider in an
 * ACTION_SEND intent (read permission granted to the receiver only).
 */
object IcsShare {
    /** The FileProvider's authority (the manifest's). */
    const val AUTHORITY = "se.skolbryggan.app.files"

    /** The iCalendar media type. */
    const val MIME = "text/calendar"

    /** Writes [term]'s events (all children, or [childIds]) into an .ics file and returns it. */
    suspend fun write(context: Context, client: Client, term: Term, childIds: List<String> = emptyList()): File =
        save(context, client.exportIcs(term.start, term.end, false, childIds), term.start, term.end)

    /** Puts the iCalendar [text] of [from]..[to] (`YYYY-MM-DD`) into `cache/exports/` and returns the file. */
    fun save(context: Context, text: String, from: String, to: String): File {
        val dir = File(context.cacheDir, "exports").apply { mkdirs() }
        return File(dir, "skolbryggan-$from-$to.ics").apply { writeText(text) }
    }

    /** The share intent for [file] (wrap it in `Intent.createChooser` to show the sheet). */
    fun intent(context: Context, file: File, title: String): Intent {
        val uri = FileProvider.getUriForFile(context, AUTHORITY, file)
        return Intent(Intent.ACTION_SEND)
            .setType(MIME)
            .putExtra(Intent.EXTRA_STREAM, uri)
            .putExtra(Intent.EXTRA_SUBJECT, title)
            .addFlags(Intent.FLAG_GRANT_READ_URI_PERMISSION)
    }
}
