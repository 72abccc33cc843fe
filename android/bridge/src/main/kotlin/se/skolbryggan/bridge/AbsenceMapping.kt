package se.skolbryggan.bridge

import se.skolbryggan.WriteRefusalReason
import se.skolbryggan.ui.core.AbsenceDay
import se.skolbryggan.ui.core.AbsenceOption
import se.skolbryggan.ui.core.AbsenceRefusal
import java.time.LocalDate

/**
 * The core's absence offers and write refusals → the screens' types. The core decides what may
 * be reported; this only names it. The core reports sickness only (`reportAbsence(absent)`).
 */
object AbsenceMapping {
    /** A refusal the core typed ([se.skolbryggan.SkolbrygganException.WriteRefused]). */
    fun refusal(reason: WriteRefusalReason): AbsenceRefusal = when (reason) {
        WriteRefusalReason.LOCKED -> AbsenceRefusal.Locked
        WriteRefusalReason.NOT_ALLOWED -> AbsenceRefusal.NotAllowed
        WriteRefusalReason.NOT_OFFERED -> AbsenceRefusal.NotOffered
        WriteRefusalReason.CLOSED -> AbsenceRefusal.Closed
    }

    /** The date an [AbsenceDay] stands for, seen from [today]. */
    fun date(day: AbsenceDay, today: LocalDate): LocalDate = when (day) {
        AbsenceDay.Today -> today
        AbsenceDay.Tomorrow -> today.plusDays(1)
    }

    /** The offer of [date] among the core's [offers] (those of one child), if the core made one. */
    fun offer(offers: List<se.skolbryggan.AbsenceOption>, date: LocalDate): se.skolbryggan.AbsenceOption? =
        offers.firstOrNull { it.day == date.toString() }

    /**
     * One day as the screen shows it: a day the core made no offer for is [AbsenceRefusal.NotOffered]
     * (the core refuses a report for it with that reason); an offer that can be neither reported
     * nor is reported already is locked or not allowed, as the offer says.
     */
    fun option(day: AbsenceDay, date: LocalDate, offer: se.skolbryggan.AbsenceOption?): AbsenceOption {
        val refusal = when {
            offer == null -> AbsenceRefusal.NotOffered
            offer.alreadyReported || offer.canReport -> null
            offer.locked -> AbsenceRefusal.Locked
            else -> AbsenceRefusal.NotAllowed
        }
        return AbsenceOption(day, date, refusal, reported = offer?.alreadyReported == true)
    }
}
