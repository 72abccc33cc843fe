package se.skolbryggan.app

import android.content.ContentProvider
import android.content.ContentUris
import android.content.ContentValues
import android.database.Cursor
import android.database.sqlite.SQLiteDatabase
import android.net.Uri
import android.provider.CalendarContract

/**
 * A stand-in for the phone's calendar provider (Robolectric has none): the `calendars` and
 * `events` tables of CalendarContract in SQLite, with `content://com.android.calendar/<table>[/id]`
 * and selections passed through. Only the columns the app writes exist.
 */
class TestCalendarProvider : ContentProvider() {
    private lateinit var db: SQLiteDatabase

    override fun onCreate(): Boolean {
        db = SQLiteDatabase.create(null)
        db.execSQL(
            "CREATE TABLE calendars (_id INTEGER PRIMARY KEY AUTOINCREMENT, account_name TEXT, account_type TEXT, name TEXT, " +
                "calendar_displayName TEXT, calendar_color INTEGER, calendar_access_level INTEGER, ownerAccount TEXT, " +
                "sync_events INTEGER, visible INTEGER, calendar_timezone TEXT)",
        )
        db.execSQL(
            "CREATE TABLE events (_id INTEGER PRIMARY KEY AUTOINCREMENT, calendar_id INTEGER, _sync_id TEXT, sync_data1 TEXT, " +
                "sync_data2 TEXT, title TEXT, description TEXT, eventLocation TEXT, dtstart INTEGER, dtend INTEGER, allDay INTEGER, " +
                "eventTimezone TEXT, hasAlarm INTEGER)",
        )
        return true
    }

    /** Every write's URI, to check that writes come as the sync adapter. */
    val writes = mutableListOf<Uri>()

    private fun table(uri: Uri) = uri.pathSegments.firstOrNull()?.takeIf { it == "calendars" || it == "events" }
        ?: throw IllegalArgumentException("unknown $uri")

    private fun where(uri: Uri, selection: String?): String? {
        val id = uri.pathSegments.getOrNull(1) ?: return selection
        return if (selection == null) "_id = $id" else "($selection) AND _id = $id"
    }

    override fun query(uri: Uri, projection: Array<out String>?, selection: String?, args: Array<out String>?, order: String?): Cursor {
        return db.query(table(uri), projection, where(uri, selection), args, null, null, order)
    }

    override fun insert(uri: Uri, values: ContentValues?): Uri {
        writes += uri
        return ContentUris.withAppendedId(Uri.parse("content://${CalendarContract.AUTHORITY}/${table(uri)}"), db.insertOrThrow(table(uri), null, values))
    }

    override fun update(uri: Uri, values: ContentValues?, selection: String?, args: Array<out String>?): Int {
        writes += uri
        return db.update(table(uri), values, where(uri, selection), args)
    }

    override fun delete(uri: Uri, selection: String?, args: Array<out String>?): Int {
        writes += uri
        return db.delete(table(uri), where(uri, selection), args)
    }

    override fun getType(uri: Uri): String? = null
}
