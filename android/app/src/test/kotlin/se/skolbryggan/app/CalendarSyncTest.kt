package se.skolbryggan.app

import android.provider.CalendarContract
import kotlinx.coroutines.runBlocking
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Before
import org.junit.Rule
import org.junit.Test
import org.junit.rules.TemporaryFolder
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import se.skolbryggan.bridge.FfiSchoolCore
import java.time.LocalDate

@RunWith(RobolectricTestRunner::class)
class CalendarSyncTest {
    @get:Rule val tmp = TemporaryFolder()
    private lateinit var provider: TestCalendarProvider

    @Before
    fun calendarProvider() {
        provider = Robolectric.setupContentProvider(TestCalendarProvider::class.java, CalendarContract.AUTHORITY)
    }

    private val from = LocalDate.of(2026, 11, 1)
    private val to = LocalDate.of(2027, 1, 31)

    private fun rows(calendarId: Long): Map<String, Triple<String, Long, Long>> {
        val out = HashMap<String, Triple<String, Long, Long>>()
        application().contentResolver.query(
            CalendarContract.Events.CONTENT_URI,
            arrayOf(CalendarContract.Events._SYNC_ID, CalendarContract.Events.TITLE, CalendarContract.Events.DTSTART, CalendarContract.Events.DTEND),
            "${CalendarContract.Events.CALENDAR_ID} = ?", arrayOf(calendarId.toString()), null,
        )!!.use { c -> while (c.moveToNext()) out[c.getString(0)] = Triple(c.getString(1), c.getLong(2), c.getLong(3)) }
        return out
    }

    private fun coreEvents(): List<SyncEvent> {
        val client = realClient(tmp.newFolder("data"), SoftwareKeys())
        val core = FfiSchoolCore(client)
        return runBlocking {
            core.loginDemo()
            core.refresh(LocalDate.parse(TODAY))
            client.refreshRange(from.toString(), to.toString(), null)
            CalendarSync.events(core, from, to)
        }.also { client.destroy() }
    }

    @Test
    fun writesTheCoresEventsOnceIntoOneFamilyCalendarAsTheSyncAdapter() {
        val events = coreEvents()
        assertTrue("the demo family has events in the range", events.isNotEmpty())
        val sync = CalendarSync(application().contentResolver, "family-1")
        val id = sync.calendarId("Skolbryggan")
        assertEquals("the calendar is found again, not made twice", id, sync.calendarId("Skolbryggan"))
        val first = sync.sync(id, events, CalendarSync.edge(from), CalendarSync.edge(to.plusDays(1)))
        assertEquals(SyncResult(events.size, 0, 0), first)
        val written = rows(id)
        assertEquals(events.map { it.entityId }.toSet(), written.keys)
        val e = events.first()
        assertEquals(Triple("${e.childName}: ${e.title}", e.startMillis, e.endMillis), written[e.entityId])
        assertEquals("nothing changed: nothing written", SyncResult(0, 0, 0), sync.sync(id, events, CalendarSync.edge(from), CalendarSync.edge(to.plusDays(1))))
        assertTrue(provider.writes.isNotEmpty() && provider.writes.all { it.getQueryParameter(CalendarContract.CALLER_IS_SYNCADAPTER) == "true" })
    }

    @Test
    fun aMovedEventIsUpdatedACancelledOneDeletedAndANewOneInserted() {
        val events = coreEvents()
        assertTrue(events.size >= 3)
        val sync = CalendarSync(application().contentResolver, "family-1")
        val id = sync.calendarId("Skolbryggan")
        val range = CalendarSync.edge(from) to CalendarSync.edge(to.plusDays(1))
        sync.sync(id, events, range.first, range.second)
        val hour = 3_600_000L
        val moved = events[0].copy(startMillis = events[0].startMillis + 24 * hour, endMillis = events[0].endMillis + 24 * hour)
        val cancelled = events[1]
        val added = events[2].copy(entityId = "new-event", title = "Föräldramöte")
        val next = listOf(moved) + events.drop(2) + added
        assertEquals(SyncResult(1, 1, 1), sync.sync(id, next, range.first, range.second))
        val written = rows(id)
        assertEquals(moved.startMillis, written[moved.entityId]!!.second)
        assertTrue(cancelled.entityId !in written)
        assertEquals("${added.childName}: Föräldramöte", written["new-event"]!!.first)
        // A row outside the synced range is left alone.
        assertEquals(SyncResult(0, 0, 0), sync.sync(id, emptyList(), range.second, range.second + hour))
        assertEquals(next.size, rows(id).size)
    }
}
