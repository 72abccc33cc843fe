package se.skolbryggan.ui.platform

import java.time.LocalDate

/** How an opt-in the phone must allow ended: on, off, or refused by the phone (its permission denied). */
enum class OptIn { On, Off, Denied }

/**
 * What the screens ask of the phone rather than of the core: the opt-ins that need a runtime
 * permission (notifications, the phone's calendar) and sharing a file. The Android app carries
 * them out (`se.skolbryggan.app.AndroidDeviceActions`: permission requests, the calendar sync,
 * WorkManager, the share sheet); previews, screenshots and plain-JVM tests use [Granting].
 */
interface DeviceActions {
    /** Turns the phone-calendar sync on (asking for the calendar permission first) or off. */
    suspend fun calendarSync(on: Boolean): OptIn

    /** Turns notifications of changes on (asking for the notification permission first) or off. */
    suspend fun notifications(on: Boolean): OptIn

    /** Shares the family's calendar from [from] to [to] as an .ics file (the share sheet). */
    suspend fun shareCalendar(from: LocalDate, to: LocalDate)

    /** A phone that allows everything and shares nothing: every opt-in ends as asked. */
    object Granting : DeviceActions {
        override suspend fun calendarSync(on: Boolean) = if (on) OptIn.On else OptIn.Off
        override suspend fun notifications(on: Boolean) = if (on) OptIn.On else OptIn.Off
        override suspend fun shareCalendar(from: LocalDate, to: LocalDate) = Unit
    }
}
