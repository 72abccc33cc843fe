package se.skolbryggan.ui.viewmodel

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch
import se.skolbryggan.ui.core.SchoolCore
import se.skolbryggan.ui.core.User
import se.skolbryggan.ui.l10n.Language

/** Light, dark, or as the phone. */
enum class ThemeChoice { System, Light, Dark }

/** The settings screen's state; [language] null = the phone's language. */
data class SettingsState(
    val user: User? = null,
    val language: Language? = null,
    val theme: ThemeChoice = ThemeChoice.System,
    val calendarSync: Boolean = false,
    val confirmingForget: Boolean = false,
)

/** Settings: language, theme, calendar sync, sign out, forget. */
class SettingsViewModel(
    private val core: SchoolCore,
    private val scope: CoroutineScope,
    initial: SettingsState,
    private val onChanged: (SettingsState) -> Unit = {},
    private val onSignedOut: () -> Unit = {},
) {
    private val _state = MutableStateFlow(initial)

    /** The screen's state. */
    val state: StateFlow<SettingsState> = _state.asStateFlow()

    private fun change(f: (SettingsState) -> SettingsState) {
        _state.update(f)
        onChanged(_state.value)
    }

    /** Chooses a language (null: the phone's). */
    fun language(language: Language?) = change { it.copy(language = language) }

    /** Chooses a theme. */
    fun theme(theme: ThemeChoice) = change { it.copy(theme = theme) }

    /** Turns the phone-calendar sync on or off. */
    fun calendarSync(on: Boolean) = change { it.copy(calendarSync = on) }

    /** Signs out (the cache stays). */
    fun signOut() = scope.launch {
        core.signOut()
        onSignedOut()
    }

    /** Asks before forgetting. */
    fun askForget(ask: Boolean) = _state.update { it.copy(confirmingForget = ask) }

    /** Forgets everything on this device. */
    fun forget() = scope.launch {
        core.forget()
        _state.update { it.copy(confirmingForget = false) }
        onSignedOut()
    }
}
