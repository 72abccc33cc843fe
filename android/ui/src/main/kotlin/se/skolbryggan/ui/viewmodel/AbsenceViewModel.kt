package se.skolbryggan.ui.viewmodel

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch
import se.skolbryggan.ui.core.AbsenceDay
import se.skolbryggan.ui.core.AbsenceOptions
import se.skolbryggan.ui.core.AbsenceReadBack
import se.skolbryggan.ui.core.AbsenceReason
import se.skolbryggan.ui.core.AbsenceRefusal
import se.skolbryggan.ui.core.AbsenceResult
import se.skolbryggan.ui.core.CoreException
import se.skolbryggan.ui.core.SchoolCore

/** Where an absence report stands. */
sealed interface AbsencePhase {
    /** Choosing day and reason. */
    data object Choosing : AbsencePhase
    /** Asking "report X absent today?". */
    data object Confirming : AbsencePhase
    /** Sending. */
    data object Sending : AbsencePhase
    /** The school took it and read back [readBack]. */
    data class Sent(val readBack: AbsenceReadBack) : AbsencePhase
    /** The school refused it. */
    data class Refused(val refusal: AbsenceRefusal) : AbsencePhase
}

/** The report-absence screen's state. */
data class AbsenceState(
    val options: Loadable<AbsenceOptions> = Loadable.Loading,
    val day: AbsenceDay = AbsenceDay.Today,
    val reason: AbsenceReason = AbsenceReason.Sick,
    val phase: AbsencePhase = AbsencePhase.Choosing,
)

/** Report absence for today or tomorrow: choose, confirm, send, read back or refusal. */
class AbsenceViewModel(private val core: SchoolCore, private val scope: CoroutineScope, private val childId: String) {
    private val _state = MutableStateFlow(AbsenceState())

    /** The screen's state. */
    val state: StateFlow<AbsenceState> = _state.asStateFlow()

    /** Loads the offers (the core reads them fresh). */
    fun load() = scope.launch { _state.update { it.copy(options = load { core.absenceOptions(childId) }) } }

    /** Chooses the day. */
    fun day(day: AbsenceDay) = _state.update { it.copy(day = day, phase = AbsencePhase.Choosing) }

    /** Chooses the reason. */
    fun reason(reason: AbsenceReason) = _state.update { it.copy(reason = reason) }

    /** Asks for confirmation. */
    fun askConfirm() = _state.update { it.copy(phase = AbsencePhase.Confirming) }

    /** Back from the confirmation. */
    fun dismiss() = _state.update { it.copy(phase = AbsencePhase.Choosing) }

    /** Sends the report. */
    fun send() = scope.launch {
        val s = _state.value
        _state.update { it.copy(phase = AbsencePhase.Sending) }
        val phase = try {
            when (val r = core.reportAbsence(childId, s.day, s.reason)) {
                is AbsenceResult.Accepted -> AbsencePhase.Sent(r.readBack)
                is AbsenceResult.Refused -> AbsencePhase.Refused(r.refusal)
            }
        } catch (e: CoreException) {
            _state.update { it.copy(phase = AbsencePhase.Choosing, options = Loadable.Failed(e.error)) }
            return@launch
        }
        _state.update { it.copy(phase = phase) }
    }
}
