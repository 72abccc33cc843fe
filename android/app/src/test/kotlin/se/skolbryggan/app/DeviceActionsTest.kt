package se.skolbryggan.app

import android.Manifest
import android.app.Activity
import android.content.Intent
import android.content.pm.PackageManager
import android.provider.CalendarContract
import androidx.compose.ui.semantics.SemanticsActions
import androidx.compose.ui.semantics.SemanticsNode
import androidx.compose.ui.semantics.SemanticsProperties
import androidx.compose.ui.semantics.getOrNull
import androidx.compose.ui.state.ToggleableState
import androidx.core.content.IntentCompat
import androidx.work.WorkInfo
import androidx.work.WorkManager
import androidx.work.testing.WorkManagerTestInitHelper
import kotlinx.coroutines.runBlocking
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertTrue
import org.junit.Before
import org.junit.Rule
import org.junit.Test
import org.junit.rules.TemporaryFolder
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.Shadows.shadowOf
import org.robolectric.android.controller.ActivityController
import se.skolbryggan.Client
import se.skolbryggan.ui.l10n.Strings
import se.skolbryggan.ui.viewmodel.Destination
import se.skolbryggan.ui.viewmodel.Section

/**
 * What the screens ask of the phone, from the button to the result, on the real core (the demo
 * family, its school year refreshed): the calendar opt-in asks for the calendar permissions and
 * writes the rows, the notification opt-in asks for POST_NOTIFICATIONS and schedules the
 * background refresh, a refusal leaves either off with its message, and the year wheel's share
 * button hands the core's .ics to the share sheet through the FileProvider.
 *
 * Each scenario is a class of its own, so each runs in a JVM of its own (android/app's surefire
 * forks per class): after one test has rendered Compose under Robolectric, a later test in the
 * same JVM never finds its screen's nodes.
 */
abstract class DeviceActionsScenario {
    @get:Rule val tmp = TemporaryFolder()
    protected lateinit var client: Client
    protected lateinit var controller: ActivityController<MainActivity>
    protected lateinit var activity: MainActivity
    protected lateinit var strings: Strings

    @Before
    fun signedInOnTheDemo() {
        Robolectric.setupContentProvider(TestCalendarProvider::class.java, CalendarContract.AUTHORITY)
        WorkManagerTestInitHelper.initializeTestWorkManager(application())
        client = realClient(tmp.newFolder("data"), SoftwareKeys())
        runBlocking {
            client.loginDemo()
            client.refreshYearWheel(TODAY)
        }
        useClient(client)
        controller = Robolectric.buildActivity(MainActivity::class.java).setup()
        activity = controller.get()
        strings = Strings.of(PhoneLanguage.of(activity.resources.configuration.locales))
        idleUntil("home (the demo session resumed)") { activity.appModel?.current is Destination.Home }
    }

    @After
    fun close() {
        controller.pause().stop().destroy()
        client.destroy()
    }

    /** The merged semantics nodes on screen (a toggleable row is one node with its label). */
    protected fun nodes(a: Activity): List<SemanticsNode> = semanticsNodes(a)

    protected fun texts() = nodes(activity).flatMap { n -> n.config.getOrNull(SemanticsProperties.Text).orEmpty().map { it.text } }

    /** Clicks the node showing [label] (as text or as content description), as a tap would. */
    protected fun click(label: String) {
        idleUntil("\"$label\" on screen") { find(label) != null }
        val node = find(label)!!
        val onClick = node.config.getOrNull(SemanticsActions.OnClick)?.action
        assertNotNull("\"$label\" is clickable", onClick)
        onClick!!.invoke()
    }

    protected fun find(label: String): SemanticsNode? = nodes(activity).firstOrNull { n ->
        n.config.getOrNull(SemanticsActions.OnClick) != null && (
            n.config.getOrNull(SemanticsProperties.Text).orEmpty().any { it.text == label } ||
                n.config.getOrNull(SemanticsProperties.ContentDescription).orEmpty().any { it == label }
            )
    }

    protected fun settings() = (activity.appModel!!.current as Destination.Settings).model.state.value

    protected fun openSettings() {
        activity.appModel!!.openSection(Section.Settings)
        idleUntil("settings") { activity.appModel?.current is Destination.Settings }
    }

    /** Answers the permission dialog the Activity showed for exactly [expected]. */
    protected fun answer(expected: Set<String>, grant: Boolean) {
        idleUntil("the permission dialog for $expected") { shadowOf(activity).lastRequestedPermission != null }
        val request = shadowOf(activity).lastRequestedPermission
        assertEquals(expected, request.requestedPermissions.toSet())
        if (grant) shadowOf(application()).grantPermissions(*request.requestedPermissions)
        val result = if (grant) PackageManager.PERMISSION_GRANTED else PackageManager.PERMISSION_DENIED
        @Suppress("DEPRECATION")
        activity.onRequestPermissionsResult(request.requestCode, request.requestedPermissions, IntArray(request.requestedPermissions.size) { result })
    }

    protected fun calendarRows(): List<String> {
        val out = mutableListOf<String>()
        application().contentResolver.query(CalendarContract.Events.CONTENT_URI, arrayOf(CalendarContract.Events.TITLE), null, null, null)!!
            .use { c -> while (c.moveToNext()) out += c.getString(0) }
        return out
    }

    protected fun refreshWork(): List<WorkInfo> =
        WorkManager.getInstance(application()).getWorkInfosForUniqueWork(RefreshWorker.WORK_NAME).get().filter { !it.state.isFinished }
}

/** The calendar opt-in asks for the calendar permissions, then writes the school year. */
@RunWith(RobolectricTestRunner::class)
class CalendarOptInTest : DeviceActionsScenario() {
    @Test
    fun theCalendarOptInAsksForThePermissionsThenWritesTheSchoolYear() {
        openSettings()
        click(strings.settingsCalendarSync)
        answer(setOf(Manifest.permission.READ_CALENDAR, Manifest.permission.WRITE_CALENDAR), grant = true)
        idleUntil("the opt-in on") { settings().calendarSync }
        val rows = calendarRows()
        assertTrue("the school year's events are in the phone's calendar", rows.isNotEmpty())
        val names = runBlocking { client.children().map { it.firstName } }
        assertTrue(rows.toString(), rows.all { row -> names.any { row.startsWith(it) } })
        assertFalse(settings().calendarDenied)
        assertFalse(strings.settingsCalendarDenied in texts())
    }
}

/** A refused calendar permission leaves the opt-in off, with the reason. */
@RunWith(RobolectricTestRunner::class)
class CalendarRefusalTest : DeviceActionsScenario() {
    @Test
    fun aRefusedCalendarPermissionLeavesTheOptInOffWithTheReason() {
        openSettings()
        click(strings.settingsCalendarSync)
        answer(setOf(Manifest.permission.READ_CALENDAR, Manifest.permission.WRITE_CALENDAR), grant = false)
        idleUntil("the refusal's message") { strings.settingsCalendarDenied in texts() }
        assertFalse(settings().calendarSync)
        assertTrue(settings().calendarDenied)
        assertEquals("nothing written", emptyList<String>(), calendarRows())
    }
}

/** The notification opt-in asks for POST_NOTIFICATIONS, then schedules the background refresh; off cancels it. */
@RunWith(RobolectricTestRunner::class)
class NotificationOptInTest : DeviceActionsScenario() {
    @Test
    fun theNotificationOptInAsksForThePermissionThenSchedulesTheRefresh() {
        openSettings()
        assertEquals(emptyList<WorkInfo>(), refreshWork())
        click(strings.settingsNotifications)
        answer(setOf(Manifest.permission.POST_NOTIFICATIONS), grant = true)
        idleUntil("notifications on") { settings().notifications }
        assertEquals(1, refreshWork().size)
        // The switch is drawn on before it is tapped again (a tap on the old frame would ask for "on" again).
        idleUntil("the switch drawn on") {
            find(strings.settingsNotifications)?.config?.getOrNull(SemanticsProperties.ToggleableState) == ToggleableState.On
        }
        click(strings.settingsNotifications)
        idleUntil("notifications off") { !settings().notifications }
        assertEquals("off cancels the background refresh", emptyList<WorkInfo>(), refreshWork())
    }
}

/** A refused notification permission leaves notifications off, with the reason. */
@RunWith(RobolectricTestRunner::class)
class NotificationRefusalTest : DeviceActionsScenario() {
    @Test
    fun aRefusedNotificationPermissionLeavesThemOffWithTheReason() {
        openSettings()
        click(strings.settingsNotifications)
        answer(setOf(Manifest.permission.POST_NOTIFICATIONS), grant = false)
        idleUntil("the refusal's message") { strings.settingsNotificationsDenied in texts() }
        assertFalse(settings().notifications)
        assertEquals("nothing scheduled", emptyList<WorkInfo>(), refreshWork())
    }
}

/** The year wheel's share button hands the core's .ics to the share sheet. */
@RunWith(RobolectricTestRunner::class)
class YearWheelShareTest : DeviceActionsScenario() {
    @Test
    fun theYearWheelsShareButtonHandsTheCoresIcsToTheShareSheet() {
        activity.appModel!!.openSection(Section.Year)
        idleUntil("the year wheel loaded") { (activity.appModel?.current as? Destination.YearWheel)?.model?.state?.value?.valueOrNull != null }
        val year = (activity.appModel!!.current as Destination.YearWheel).model.state.value.valueOrNull!!
        click(strings.yearwheelShare)
        idleUntil("the share sheet") { shadowOf(activity).peekNextStartedActivity() != null }
        val chooser = shadowOf(activity).nextStartedActivity
        assertEquals(Intent.ACTION_CHOOSER, chooser.action)
        val send = IntentCompat.getParcelableExtra(chooser, Intent.EXTRA_INTENT, Intent::class.java)!!
        assertEquals(Intent.ACTION_SEND, send.action)
        assertEquals(IcsShare.MIME, send.type)
        assertTrue(send.flags and Intent.FLAG_GRANT_READ_URI_PERMISSION != 0)
        val uri = IntentCompat.getParcelableExtra(send, Intent.EXTRA_STREAM, android.net.Uri::class.java)!!
        assertEquals(IcsShare.AUTHORITY, uri.authority)
        assertTrue(uri.toString(), uri.path!!.endsWith("skolbryggan-${year.from}-${year.to}.ics"))
        val text = application().contentResolver.openInputStream(uri)!!.use { it.readBytes().decodeToString() }
        val expected = runBlocking { client.exportIcs(year.from.toString(), year.to.toString(), false) }
        // Byte for byte but for DTSTAMP (the moment each export was made).
        fun stampless(ics: String) = ics.lines().filterNot { it.startsWith("DTSTAMP:") }
        assertEquals("the file is the core's export of the wheel's year", stampless(expected), stampless(text))
        assertTrue(text.contains("BEGIN:VEVENT"))
    }
}
