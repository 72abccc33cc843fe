package se.skolbryggan.ui.screens

import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.selection.selectable
import androidx.compose.foundation.selection.selectableGroup
import androidx.compose.foundation.selection.toggleable
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.Button
import androidx.compose.material3.ButtonDefaults
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.RadioButton
import androidx.compose.material3.Switch
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.text.style.TextAlign
import androidx.compose.ui.unit.dp
import se.skolbryggan.ui.components.Heading
import se.skolbryggan.ui.components.MinTouch
import se.skolbryggan.ui.l10n.Language
import se.skolbryggan.ui.theme.LocalStrings
import se.skolbryggan.ui.viewmodel.Section
import se.skolbryggan.ui.viewmodel.SettingsState
import se.skolbryggan.ui.viewmodel.ThemeChoice

/** What the settings screen can ask for. */
data class SettingsActions(
    val language: (Language?) -> Unit = {},
    val theme: (ThemeChoice) -> Unit = {},
    val calendarSync: (Boolean) -> Unit = {},
    val signOut: () -> Unit = {},
    val askForget: (Boolean) -> Unit = {},
    val forget: () -> Unit = {},
    val section: (Section) -> Unit = {},
    val notifications: (Boolean) -> Unit = {},
)

/** Settings: who is signed in, language, theme, phone calendar, notifications, sign out, forget. */
@Composable
fun SettingsScreen(state: SettingsState, actions: SettingsActions) {
    val s = LocalStrings.current
    AppScaffold(title = s.settingsTitle, section = Section.Settings, onSection = actions.section) { padding ->
        Column(Modifier.padding(padding).verticalScroll(rememberScrollState()).padding(vertical = 8.dp)) {
            state.user?.let { Text(s.settingsSignedInAs(it.name), Modifier.padding(16.dp), style = MaterialTheme.typography.bodyLarge) }
            Heading(s.settingsTheme)
            Column(Modifier.selectableGroup()) {
                listOf(ThemeChoice.System to s.themeSystem, ThemeChoice.Light to s.themeLight, ThemeChoice.Dark to s.themeDark).forEach { (t, label) ->
                    Radio(label, state.theme == t) { actions.theme(t) }
                }
            }
            SwitchRow(s.settingsCalendarSync, state.calendarSync, actions.calendarSync)
            if (state.calendarDenied) Refused(s.settingsCalendarDenied)
            SwitchRow(s.settingsNotifications, state.notifications, actions.notifications)
            if (state.notificationsDenied) Refused(s.settingsNotificationsDenied)
            Column(Modifier.padding(16.dp)) {
                OutlinedButton(onClick = actions.signOut, Modifier.fillMaxWidth().heightIn(min = MinTouch)) { Text(s.settingsSignOut, textAlign = TextAlign.Center) }
                Button(
                    onClick = { actions.askForget(true) },
                    colors = ButtonDefaults.buttonColors(containerColor = MaterialTheme.colorScheme.error, contentColor = MaterialTheme.colorScheme.onError),
                    modifier = Modifier.fillMaxWidth().padding(top = 8.dp).heightIn(min = MinTouch),
                ) { Text(s.settingsForget, textAlign = TextAlign.Center) }
            }
            Heading(s.settingsLanguage)
            Column(Modifier.selectableGroup()) {
                Radio(s.settingsLanguageSystem, state.language == null) { actions.language(null) }
                Language.entries.forEach { l -> Radio(l.nativeName, state.language == l) { actions.language(l) } }
            }
        }
        if (state.confirmingForget) {
            AlertDialog(
                onDismissRequest = { actions.askForget(false) },
                title = { Text(s.settingsForget) },
                text = { Text(s.settingsForgetConfirm) },
                confirmButton = { TextButton(onClick = actions.forget, Modifier.heightIn(min = MinTouch)) { Text(s.settingsForget) } },
                dismissButton = { TextButton(onClick = { actions.askForget(false) }, Modifier.heightIn(min = MinTouch)) { Text(s.actionCancel) } },
            )
        }
    }
}

/** An opt-in: the whole row toggles. */
@Composable
private fun SwitchRow(label: String, checked: Boolean, onChange: (Boolean) -> Unit) {
    Row(
        Modifier.fillMaxWidth().heightIn(min = MinTouch).toggleable(checked, role = Role.Switch, onValueChange = onChange)
            .padding(horizontal = 16.dp, vertical = 8.dp),
        verticalAlignment = Alignment.CenterVertically,
    ) {
        // The gap keeps a wrapped label (large text) clear of the switch.
        Text(label, Modifier.weight(1f).padding(end = 16.dp), style = MaterialTheme.typography.bodyLarge)
        Switch(checked = checked, onCheckedChange = null)
    }
}

/** Why an opt-in stayed off: the phone refused its permission. */
@Composable
private fun Refused(text: String) {
    Text(text, Modifier.padding(horizontal = 16.dp, vertical = 4.dp), color = MaterialTheme.colorScheme.error, style = MaterialTheme.typography.bodyMedium)
}

@Composable
private fun Radio(label: String, selected: Boolean, onClick: () -> Unit) {
    Row(
        Modifier.fillMaxWidth().heightIn(min = MinTouch).selectable(selected, role = Role.RadioButton, onClick = onClick).padding(horizontal = 16.dp),
        verticalAlignment = Alignment.CenterVertically,
    ) {
        RadioButton(selected = selected, onClick = null)
        Text(label, Modifier.padding(start = 12.dp), style = MaterialTheme.typography.bodyLarge)
    }
}
