package se.skolbryggan.app

import android.Manifest
import android.content.Context
import android.content.Intent
import android.os.Build
import androidx.work.WorkManager
import se.skolbryggan.ui.core.CoreException
import se.skolbryggan.ui.core.SchoolCore
import se.skolbryggan.ui.platform.DeviceActions
import se.skolbryggan.ui.platform.OptIn
import java.time.Duration
import java.time.LocalDate

/**
 * What the screens ask of the phone, carried out on Android: the calendar opt-in asks for
 * READ_CALENDAR and WRITE_CALENDAR, then syncs the school year's events into the family's own
 * calendar ([CalendarSync]); the notification opt-in asks for POST_NOTIFICATIONS (API 33+),
 * then schedules the background refresh that posts them ([RefreshWorker]); off cancels it. A
 * refused permission leaves the opt-in off ([OptIn.Denied]). Sharing writes the core's .ics and
 * opens the share sheet ([IcsShare]).
 */
class AndroidDeviceActions(
    private val context: Context,
    private val core: SchoolCore,
    private val permissions: RuntimePermissions,
    /** Names the family's calendar (the signed-in user's id). */
    private val family: () -> String,
    private val today: () -> LocalDate,
    /** Starts an Activity (the share sheet); the Activity's own `startActivity`. */
    private val start: (Intent) -> Unit,
) : DeviceActions {
    override suspend fun calendarSync(on: Boolean): OptIn {
        if (!on) return OptIn.Off
        if (!permissions.request(*CALENDAR)) return OptIn.Denied
        return try {
            val year = core.yearWheel(today())
            val sync = CalendarSync(context.contentResolver, family())
            val id = sync.calendarId(context.getString(R.string.app_name))
            sync.sync(id, CalendarSync.events(core, year.from, year.to), CalendarSync.edge(year.from), CalendarSync.edge(year.to.plusDays(1)))
            OptIn.On
        } catch (e: CoreException) {
            // Nothing to read yet (signed out, no cache): the opt-in stays off; the parent may retry.
            OptIn.Off
        }
    }

    override suspend fun notifications(on: Boolean): OptIn {
        if (!on) {
            WorkManager.getInstance(context).cancelUniqueWork(RefreshWorker.WORK_NAME)
            return OptIn.Off
        }
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.TIRAMISU && !permissions.request(Manifest.permission.POST_NOTIFICATIONS)) {
            return OptIn.Denied
        }
        RefreshWorker.schedule(context, Duration.ZERO)
        return OptIn.On
    }

    override suspend fun shareCalendar(from: LocalDate, to: LocalDate) {
        val title = context.getString(R.string.yearwheel_share)
        val file = IcsShare.save(context, core.exportIcs(from, to), from.toString(), to.toString())
        start(Intent.createChooser(IcsShare.intent(context, file, title), title))
    }

    private companion object {
        val CALENDAR = arrayOf(Manifest.permission.READ_CALENDAR, Manifest.permission.WRITE_CALENDAR)
    }
}
