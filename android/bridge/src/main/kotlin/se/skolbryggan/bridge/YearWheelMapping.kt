package se.skolbryggan.bridge

import se.skolbryggan.WheelKind
import se.skolbryggan.ui.core.EventKind
import se.skolbryggan.ui.core.YearEvent
import se.skolbryggan.ui.core.YearWheel
import java.time.LocalDate

/** The core's year wheel → the screen's. The core classified the entries; this only names them. */
object YearWheelMapping {
    /** The wheel's kind as the screen's [EventKind] (talks and meetings both mean "meet the school"). */
    fun kind(k: WheelKind): EventKind = when (k) {
        WheelKind.HOLIDAY -> EventKind.Holiday
        WheelKind.STUDY_DAY -> EventKind.StudyDay
        WheelKind.DEVELOPMENT_TALK, WheelKind.PARENT_MEETING -> EventKind.ParentMeeting
        WheelKind.TEST -> EventKind.Test
        WheelKind.TRIP -> EventKind.Excursion
        WheelKind.TERM_START, WheelKind.TERM_END -> EventKind.Schedule
        WheelKind.DEADLINE -> EventKind.Other
    }

    /** The family's entries (shared ones once), named after the child when only one child is concerned. */
    fun wheel(w: se.skolbryggan.YearWheel): YearWheel {
        val names = w.children.associate { it.childId to it.childName }
        val events = w.entries.map { e ->
            YearEvent(LocalDate.parse(e.start), LocalDate.parse(e.end), e.title, kind(e.kind), e.childIds.singleOrNull()?.let(names::get))
        }.sortedBy { it.date }
        return YearWheel(LocalDate.parse(w.start), LocalDate.parse(w.end), events)
    }
}
