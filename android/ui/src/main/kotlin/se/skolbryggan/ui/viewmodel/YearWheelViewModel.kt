package se.skolbryggan.ui.viewmodel

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.launch
import se.skolbryggan.ui.core.SchoolCore
import se.skolbryggan.ui.core.YearWheel
import java.time.LocalDate

/** The school year at a glance, as the core computes it. */
class YearWheelViewModel(private val core: SchoolCore, private val scope: CoroutineScope, private val today: () -> LocalDate) {
    private val _state = MutableStateFlow<Loadable<YearWheel>>(Loadable.Loading)

    /** The screen's state. */
    val state: StateFlow<Loadable<YearWheel>> = _state.asStateFlow()

    /** Loads the year. */
    fun load() = scope.launch { _state.value = load { core.yearWheel(today()) } }
}
