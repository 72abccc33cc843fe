package se.skolbryggan.ui.viewmodel

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.launch
import se.skolbryggan.ui.core.ChangeEntry
import se.skolbryggan.ui.core.SchoolCore

/** What's new: the core's change feed, newest first; mark all read. */
class WhatsNewViewModel(private val core: SchoolCore, private val scope: CoroutineScope) {
    private val _state = MutableStateFlow<Loadable<List<ChangeEntry>>>(Loadable.Loading)

    /** The screen's state. */
    val state: StateFlow<Loadable<List<ChangeEntry>>> = _state.asStateFlow()

    /** Loads the feed. */
    fun load() = scope.launch { _state.value = load { core.changes(unreadOnly = false) } }

    /** Marks every unread entry read. */
    fun markAllRead() = scope.launch {
        val ids = _state.value.valueOrNull.orEmpty().filter { !it.read }.map { it.id }
        if (ids.isNotEmpty()) core.markRead(ids)
        _state.value = load { core.changes(unreadOnly = false) }
    }
}
