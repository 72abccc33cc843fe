package se.skolbryggan.ui.screens

import se.skolbryggan.ui.core.AbsenceDay
import se.skolbryggan.ui.core.AbsenceReason
import se.skolbryggan.ui.core.AbsenceRefusal
import se.skolbryggan.ui.core.AttendanceStatus
import se.skolbryggan.ui.core.ChangeKind
import se.skolbryggan.ui.core.CoreError
import se.skolbryggan.ui.core.EventKind
import se.skolbryggan.ui.core.LoginFailure
import se.skolbryggan.ui.core.Platform
import se.skolbryggan.ui.l10n.Strings
import se.skolbryggan.ui.theme.locale
import se.skolbryggan.ui.viewmodel.ChildTab
import java.time.Instant
import java.time.LocalDate
import java.time.LocalTime
import java.time.ZoneId
import java.time.format.DateTimeFormatter
import java.time.format.FormatStyle
import java.time.format.TextStyle

/** The zone school times are shown in. */
val SchoolZone: ZoneId = ZoneId.of("Europe/Stockholm")

/** 08:10 in the parent's language. */
fun Strings.time(t: LocalTime): String = DateTimeFormatter.ofPattern("HH:mm", locale).format(t)

/** "08:10–14:30", kept left-to-right inside right-to-left text (a Unicode isolate). */
fun Strings.range(a: LocalTime, b: LocalTime): String = "\u2066" + time(a) + "–" + time(b) + "\u2069"

/** "tisdag 1 december". */
fun Strings.day(d: LocalDate): String = DateTimeFormatter.ofPattern("EEEE d MMMM", locale).format(d)

/** "1 dec.". */
fun Strings.shortDate(d: LocalDate): String = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).format(d)

/** "tis". */
fun Strings.weekday(d: LocalDate): String = d.dayOfWeek.getDisplayName(TextStyle.SHORT, locale)

/** A moment as date and time in the school's zone. */
fun Strings.moment(i: Instant): String {
    val z = i.atZone(SchoolZone)
    return shortDate(z.toLocalDate()) + " " + time(z.toLocalTime())
}

/** A platform's name. */
fun Strings.platform(p: Platform): String = when (p) {
    Platform.Stockholm -> platformStockholm
    Platform.InfoMentor -> platformInfomentor
    // Proper names, the same in every language (like Skola24).
    Platform.SchoolSoft -> "SchoolSoft"
    Platform.Vklass -> "Vklass"
}

/** An event kind's name. */
fun Strings.kind(k: EventKind): String = when (k) {
    EventKind.Holiday -> kindHoliday
    EventKind.StudyDay -> kindStudyDay
    EventKind.ParentMeeting -> kindParentMeeting
    EventKind.Excursion -> kindExcursion
    EventKind.Test -> kindTest
    EventKind.Schedule -> tabTimetable
    EventKind.Other -> kindOther
}

/** A change kind's name. */
fun Strings.change(k: ChangeKind): String = when (k) {
    ChangeKind.News -> changeNews
    ChangeKind.NewsUpdated -> changeNewsUpdated
    ChangeKind.Event -> changeEvent
    ChangeKind.EventMoved -> changeEventMoved
    ChangeKind.EventCancelled -> changeEventCancelled
    ChangeKind.Notification -> changeNotification
    ChangeKind.Timetable -> changeTimetable
}

/** A tab's name. */
fun Strings.tab(t: ChildTab): String = when (t) {
    ChildTab.News -> tabNews
    ChildTab.Calendar -> tabCalendar
    ChildTab.Notifications -> tabNotifications
    ChildTab.Menu -> tabMenu
    ChildTab.Timetable -> tabTimetable
    ChildTab.Classmates -> tabClassmates
    ChildTab.Teachers -> tabTeachers
    ChildTab.Contacts -> tabContacts
    ChildTab.Assignments -> tabAssignments
    ChildTab.Attendance -> tabAttendance
    ChildTab.Care -> tabCare
}

/** Today / tomorrow. */
fun Strings.absenceDay(d: AbsenceDay): String = if (d == AbsenceDay.Today) absenceToday else absenceTomorrow

/** Sick / leave. */
fun Strings.reason(r: AbsenceReason): String = if (r == AbsenceReason.Sick) absenceSick else absenceLeave

/** Why a report was refused. */
fun Strings.refusal(r: AbsenceRefusal): String = when (r) {
    AbsenceRefusal.Locked -> absenceRefusedLocked
    AbsenceRefusal.NotAllowed -> absenceRefusedNotAllowed
    AbsenceRefusal.TooLate -> absenceRefusedTooLate
    AbsenceRefusal.NotOffered -> absenceRefusedNotOffered
    AbsenceRefusal.Closed -> absenceRefusedClosed
}

/** An attendance status. */
fun Strings.attendance(s: AttendanceStatus): String = when (s) {
    AttendanceStatus.Present -> attendancePresent
    AttendanceStatus.AbsentReported -> attendanceAbsentReported
    AttendanceStatus.AbsentUnreported -> attendanceAbsentUnreported
    AttendanceStatus.Late -> attendanceLate
}

/** Why a login failed. */
fun Strings.loginFailure(f: LoginFailure): String = when (f) {
    LoginFailure.Cancelled -> signinCancelled
    LoginFailure.InvalidPersonalNumber -> signinInvalidPersonalNumber
    else -> signinFailed
}

/** A load error. */
fun Strings.error(e: CoreError): String = if (e == CoreError.Offline) errorOffline else errorGeneric
