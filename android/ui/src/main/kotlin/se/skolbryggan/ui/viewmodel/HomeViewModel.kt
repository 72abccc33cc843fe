package se.skolbryggan.ui.viewmodel

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch
import se.skolbryggan.ui.core.CoreError
import se.skolbryggan.ui.core.Home
import se.skolbryggan.ui.core.Platform
import se.skolbryggan.ui.core.RefreshOutcome
import se.skolbryggan.ui.core.SchoolCore
import se.skolbryggan.ui.core.SessionStatus
import java.time.LocalDate

/** The family home's state. */
data class HomeState(
    val home: Loadable<Home> = Loadable.Loading,
    val refreshing: Boolean = false,
    val banner: BannerState = BannerState.None,
    val expiredPlatform: Platform? = null,
)

/** The family home: a card per child from the core's home cards; pull to refresh. */
class HomeViewModel(private val core: SchoolCore, private val scope: CoroutineScope, private val today: () -> LocalDate) {
    private val _state = MutableStateFlow(HomeState())

    /** The screen's state. */
    val state: StateFlow<HomeState> = _state.asStateFlow()
    private var lastRefreshFailed: CoreError? = null

    /** Shows the cache at once (the core answers from it). */
    fun load() = scope.launch { reload() }

    private suspend fun reload() {
        val home = load { core.home(today()) }
        _state.update { s ->
            val h = home.valueOrNull
            val expired = h?.sessions?.firstOrNull { it.status == SessionStatus.Expired }?.platform ?: s.expiredPlatform
            s.copy(
                home = if (home is Loadable.Failed && s.home is Loadable.Loaded) s.home else home,
                expiredPlatform = expired,
                banner = when {
                    expired != null -> BannerState.SessionExpired
                    lastRefreshFailed == CoreError.Offline -> BannerState.Offline
                    lastRefreshFailed != null || h?.freshness?.stale == true -> BannerState.Stale
                    else -> BannerState.None
                },
            )
        }
    }

    /** Pull to refresh: the cache stays on screen; a failure turns into a banner, never an empty screen. */
    fun refresh() = scope.launch {
        _state.update { it.copy(refreshing = true) }
        when (val outcome = core.refresh(today())) {
            RefreshOutcome.Done -> {
                lastRefreshFailed = null
                _state.update { it.copy(expiredPlatform = null) }
            }
            is RefreshOutcome.SessionExpired -> _state.update { it.copy(expiredPlatform = outcome.platform) }
            is RefreshOutcome.Failed -> lastRefreshFailed = outcome.error
        }
        reload()
        _state.update { it.copy(refreshing = false) }
    }
}
