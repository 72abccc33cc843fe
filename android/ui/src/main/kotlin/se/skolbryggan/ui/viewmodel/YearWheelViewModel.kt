package se.skolbryggan.ui.viewmodel

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.launch
import se.skolbryggan.ui.core.SchoolCore
import se.skolbryggan.ui.core.YearWheel
import se.skolbryggan.ui.platform.DeviceActions
import java.time.LocalDate

/** The school year at a glance, as the core computes it; shared as an .ics file through the phone. */
class YearWheelViewModel(
    private val core: SchoolCore,
    private val scope: CoroutineScope,
    private val device: DeviceActions = DeviceActions.Granting,
    private val today: () -> LocalDate,
) {
    private val _state = MutableStateFlow<Loadable<YearWheel>>(Loadable.Loading)

    /** The screen's state. */
    val state: StateFlow<Loadable<YearWheel>> = _state.asStateFlow()

    /** Loads the year. */
    fun load() = scope.launch { _state.value = load { core.yearWheel(today()) } }

    /** Shares the loaded year (its first to last day) as an .ics file; nothing before it has loaded. */
    fun share() = scope.launch {
        val year = _state.value.valueOrNull ?: return@launch
        device.shareCalendar(year.from, year.to)
    }
}
