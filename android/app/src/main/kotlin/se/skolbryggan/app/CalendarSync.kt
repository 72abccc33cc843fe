package se.skolbryggan.app

import android.content.ContentResolver
import android.content.ContentValues
import android.net.Uri
import android.provider.CalendarContract
import android.provider.CalendarContract.Calendars
import android.provider.CalendarContract.Events
import se.skolbryggan.ui.core.CalendarEvent
import se.skolbryggan.ui.core.SchoolCore
import java.time.LocalDate
import java.time.ZoneId
import java.time.ZoneOffset

/** One event as the phone's calendar gets it, keyed by the core's entity id. */
data class SyncEvent(
    val entityId: String,
    val childId: String,
    val childName: String,
    val title: String,
    val description: String?,
    val location: String?,
    val startMillis: Long,
    val endMillis: Long,
    val allDay: Boolean,
) {
    /** What is compared to see whether a written row must change (a moved or renamed event). */
    val fingerprint: String get() = listOf(title, description.orEmpty(), location.orEmpty(), startMillis, endMillis, allDay, childName).joinToString("\u001f").hashCode().toString(16)

    companion object {
        private val zone = ZoneId.of("Europe/Stockholm")

        /** [e] of the child [childName] as a calendar row (all-day days in UTC, as the provider wants). */
        fun of(e: CalendarEvent, childName: String): SyncEvent {
            val start = e.start
            val end = e.end
            val (s, f) = if (start == null || end == null) {
                e.date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() to e.endDate.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()
            } else {
                e.date.atTime(start).atZone(zone).toInstant().toEpochMilli() to e.endDate.atTime(end).atZone(zone).toInstant().toEpochMilli()
            }
            return SyncEvent(e.id, e.childId, childName, e.title, e.description, e.location, s, f, start == null || end == null)
        }
    }
}

/** What one sync wrote. */
data class SyncResult(val inserted: Int, val updated: Int, val deleted: Int)

/**
 * The opt-in calendar of the app's own in the phone's calendar (CalendarContract): one local
 * calendar per family, holding every child's school events (the child's first name before the
 * title). Each sync diffs the core's events against the rows written before, keyed by the core's
 * entity id in `_SYNC_ID` with a fingerprint in `SYNC_DATA1`: new events are inserted, moved or
 * changed ones updated, cancelled ones (gone from the core within the synced range) deleted.
 * Writes go as the sync adapter of a local account, so the parent's own calendars are never
 * touched. Needs READ_CALENDAR and WRITE_CALENDAR.
 */
class CalendarSync(private val resolver: ContentResolver, private val family: String) {
    private fun asAdapter(uri: Uri): Uri = uri.buildUpon()
        .appendQueryParameter(CalendarContract.CALLER_IS_SYNCADAPTER, "true")
        .appendQueryParameter(Calendars.ACCOUNT_NAME, ACCOUNT)
        .appendQueryParameter(Calendars.ACCOUNT_TYPE, CalendarContract.ACCOUNT_TYPE_LOCAL)
        .build()

    /** The family's calendar id, created when missing. */
    fun calendarId(displayName: String): Long {
        resolver.query(
            asAdapter(Calendars.CONTENT_URI), arrayOf(Calendars._ID),
            "${Calendars.ACCOUNT_NAME} = ? AND ${Calendars.ACCOUNT_TYPE} = ? AND ${Calendars.NAME} = ?",
            arrayOf(ACCOUNT, CalendarContract.ACCOUNT_TYPE_LOCAL, name()), null,
        )?.use { if (it.moveToFirst()) return it.getLong(0) }
        val values = ContentValues().apply {
            put(Calendars.ACCOUNT_NAME, ACCOUNT)
            put(Calendars.ACCOUNT_TYPE, CalendarContract.ACCOUNT_TYPE_LOCAL)
            put(Calendars.NAME, name())
            put(Calendars.CALENDAR_DISPLAY_NAME, displayName)
            put(Calendars.CALENDAR_COLOR, COLOR)
            put(Calendars.CALENDAR_ACCESS_LEVEL, Calendars.CAL_ACCESS_READ)
            put(Calendars.OWNER_ACCOUNT, ACCOUNT)
            put(Calendars.SYNC_EVENTS, 1)
            put(Calendars.VISIBLE, 1)
            put(Calendars.CALENDAR_TIME_ZONE, "Europe/Stockholm")
        }
        val uri = resolver.insert(asAdapter(Calendars.CONTENT_URI), values) ?: throw IllegalStateException("the calendar provider refused the calendar")
        return uri.lastPathSegment?.toLongOrNull() ?: throw IllegalStateException("the calendar provider returned $uri")
    }

    private fun name() = "skolbryggan-$family"

    /**
     * Makes the calendar hold exactly [events] between [fromMillis] and [toMillis] (rows outside
     * the range stay: they were synced from another range).
     */
    fun sync(calendarId: Long, events: List<SyncEvent>, fromMillis: Long, toMillis: Long): SyncResult {
        data class Row(val id: Long, val fingerprint: String?, val start: Long)
        val rows = HashMap<String, Row>()
        resolver.query(
            asAdapter(Events.CONTENT_URI), arrayOf(Events._ID, Events._SYNC_ID, Events.SYNC_DATA1, Events.DTSTART),
            "${Events.CALENDAR_ID} = ?", arrayOf(calendarId.toString()), null,
        )?.use { c ->
            while (c.moveToNext()) {
                val key = c.getString(1) ?: continue
                rows[key] = Row(c.getLong(0), c.getString(2), c.getLong(3))
            }
        }
        var inserted = 0
        var updated = 0
        var deleted = 0
        val wanted = events.associateBy { it.entityId }
        for ((id, e) in wanted) {
            val row = rows[id]
            when {
                row == null -> {
                    resolver.insert(asAdapter(Events.CONTENT_URI), values(calendarId, e))
                    inserted++
                }
                row.fingerprint != e.fingerprint -> {
                    resolver.update(asAdapter(Uri.withAppendedPath(Events.CONTENT_URI, row.id.toString())), values(calendarId, e), null, null)
                    updated++
                }
            }
        }
        for ((id, row) in rows) {
            if (id !in wanted && row.start in fromMillis until toMillis) {
                deleted += resolver.delete(asAdapter(Uri.withAppendedPath(Events.CONTENT_URI, row.id.toString())), null, null)
            }
        }
        return SyncResult(inserted, updated, deleted)
    }

    private fun values(calendarId: Long, e: SyncEvent) = ContentValues().apply {
        put(Events.CALENDAR_ID, calendarId)
        put(Events._SYNC_ID, e.entityId)
        put(Events.SYNC_DATA1, e.fingerprint)
        put(Events.SYNC_DATA2, e.childId)
        put(Events.TITLE, if (e.childName.isBlank()) e.title else "${e.childName}: ${e.title}")
        put(Events.DESCRIPTION, e.description)
        put(Events.EVENT_LOCATION, e.location)
        put(Events.DTSTART, e.startMillis)
        put(Events.DTEND, e.endMillis)
        put(Events.ALL_DAY, if (e.allDay) 1 else 0)
        put(Events.EVENT_TIMEZONE, if (e.allDay) "UTC" else "Europe/Stockholm")
        put(Events.HAS_ALARM, 0)
    }

    companion object {
        /** The local account the calendars belong to. */
        const val ACCOUNT = "Skolbryggan"
        private const val COLOR = 0xFF2E6B4F.toInt()

        /** Every child's events of [from]..[to] from [core], as rows. */
        suspend fun events(core: SchoolCore, from: LocalDate, to: LocalDate): List<SyncEvent> =
            core.children().flatMap { child ->
                core.calendar(child.id, from, to).items.map { SyncEvent.of(it, child.firstName) }
            }

        /** Midnight of [date] in Stockholm, in epoch milliseconds (a sync range's edge). */
        fun edge(date: LocalDate): Long = date.atStartOfDay(ZoneId.of("Europe/Stockholm")).toInstant().toEpochMilli()
    }
}
