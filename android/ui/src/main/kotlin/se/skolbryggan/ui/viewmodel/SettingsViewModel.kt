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
import se.skolbryggan.ui.platform.DeviceActions
import se.skolbryggan.ui.platform.OptIn

/** Light, dark, or as the phone. */
enum class ThemeChoice { System, Light, Dark }

/**
 * The settings screen's state; [language] null = the phone's language. [calendarDenied] and
 * [notificationsDenied]: the phone refused the permission of the last opt-in, which stays off.
 */
data class SettingsState(
    val user: User? = null,
    val language: Language? = null,
    val theme: ThemeChoice = ThemeChoice.System,
    val calendarSync: Boolean = false,
    val calendarDenied: Boolean = false,
    val notifications: Boolean = false,
    val notificationsDenied: Boolean = false,
    val confirmingForget: Boolean = false,
)

/** Settings: language, theme, calendar sync, notifications, sign out, forget. */
class SettingsViewModel(
    private val core: SchoolCore,
    private val scope: CoroutineScope,
    initial: SettingsState,
    private val onChanged: (SettingsState) -> Unit = {},
    private val device: DeviceActions = DeviceActions.Granting,
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

    /** Turns the phone-calendar sync on or off; the phone asks for its permission first, and a refusal leaves it off. */
    fun calendarSync(on: Boolean) = scope.launch {
        val result = device.calendarSync(on)
        change { it.copy(calendarSync = result == OptIn.On, calendarDenied = result == OptIn.Denied) }
    }

    /** Turns notifications on or off; the phone asks for its permission first, and a refusal leaves them off. */
    fun notifications(on: Boolean) = scope.launch {
        val result = device.notifications(on)
        change { it.copy(notifications = result == OptIn.On, notificationsDenied = result == OptIn.Denied) }
    }

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
