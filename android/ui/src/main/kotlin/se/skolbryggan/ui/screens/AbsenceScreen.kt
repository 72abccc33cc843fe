package se.skolbryggan.ui.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.selection.selectable
import androidx.compose.foundation.selection.selectableGroup
import androidx.compose.foundation.verticalScroll
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.CheckCircle
import androidx.compose.material.icons.filled.Warning
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.Button
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.material3.Icon
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.RadioButton
import androidx.compose.material3.Surface
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.LiveRegionMode
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.semantics.liveRegion
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import se.skolbryggan.ui.components.Heading
import se.skolbryggan.ui.components.MinTouch
import se.skolbryggan.ui.core.AbsenceDay
import se.skolbryggan.ui.core.AbsenceReason
import se.skolbryggan.ui.theme.LocalStrings
import se.skolbryggan.ui.viewmodel.AbsencePhase
import se.skolbryggan.ui.viewmodel.AbsenceState
import se.skolbryggan.ui.viewmodel.Loadable

/** What the absence screen can ask for. */
data class AbsenceActions(
    val back: () -> Unit = {},
    val day: (AbsenceDay) -> Unit = {},
    val reason: (AbsenceReason) -> Unit = {},
    val askConfirm: () -> Unit = {},
    val dismiss: () -> Unit = {},
    val send: () -> Unit = {},
    val retry: () -> Unit = {},
)

/** Report absence: today or tomorrow, a reason, a confirmation, then the read-back or the refusal. */
@Composable
fun AbsenceScreen(state: AbsenceState, actions: AbsenceActions) {
    val s = LocalStrings.current
    AppScaffold(title = s.absenceTitle, onBack = actions.back) { padding ->
        Body(padding) {
            when (val o = state.options) {
                Loadable.Loading -> LoadingState()
                is Loadable.Failed -> FailedState(o.error, actions.retry)
                is Loadable.Loaded -> Column(Modifier.verticalScroll(rememberScrollState()).padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
                    val options = o.value
                    val name = options.child.firstName
                    Text(s.absenceFor(name), style = MaterialTheme.typography.titleLarge)
                    when (val phase = state.phase) {
                        is AbsencePhase.Sent -> Outcome(true, s.absenceSent, s.absenceReadback(phase.readBack.childName, s.absenceDay(phase.readBack.day).lowercase(s.localeOf()) + " " + s.shortDate(phase.readBack.date), s.reason(phase.readBack.reason)))
                        is AbsencePhase.Refused -> Outcome(false, s.refusal(phase.refusal), null)
                        else -> {
                            Heading(s.absenceTitle)
                            Column(Modifier.selectableGroup()) {
                                options.days.forEach { d ->
                                    Choice(
                                        label = s.absenceDay(d.day) + " · " + s.day(d.date) + if (d.reported) " · " + s.absenceReported else "",
                                        selected = state.day == d.day,
                                        onClick = { actions.day(d.day) },
                                    )
                                }
                            }
                            options.days.firstOrNull { it.day == state.day }?.refusal?.let {
                                Text(s.refusal(it), color = MaterialTheme.colorScheme.error, style = MaterialTheme.typography.bodyLarge)
                            }
                            Column(Modifier.selectableGroup()) {
                                options.reasons.forEach { r -> Choice(s.reason(r), state.reason == r) { actions.reason(r) } }
                            }
                            val allowed = options.days.firstOrNull { it.day == state.day }?.refusal == null
                            Button(onClick = actions.askConfirm, enabled = allowed && phase != AbsencePhase.Sending, modifier = Modifier.fillMaxWidth().heightIn(min = MinTouch)) {
                                if (phase == AbsencePhase.Sending) CircularProgressIndicator(Modifier.padding(end = 8.dp)) else Text(s.absenceSend)
                            }
                        }
                    }
                    if (state.phase == AbsencePhase.Confirming) {
                        AlertDialog(
                            onDismissRequest = actions.dismiss,
                            title = { Text(s.absenceTitle) },
                            text = { Text(s.absenceConfirm(name, s.absenceDay(state.day).lowercase(s.localeOf()))) },
                            confirmButton = { TextButton(onClick = actions.send, Modifier.heightIn(min = MinTouch)) { Text(s.absenceSend) } },
                            dismissButton = { TextButton(onClick = actions.dismiss, Modifier.heightIn(min = MinTouch)) { Text(s.actionCancel) } },
                        )
                    }
                }
            }
        }
    }
}

private fun se.skolbryggan.ui.l10n.Strings.localeOf() = java.util.Locale.forLanguageTag(language.tag)

@Composable
private fun Choice(label: String, selected: Boolean, onClick: () -> Unit) {
    Row(
        Modifier.fillMaxWidth().heightIn(min = MinTouch).selectable(selected, role = Role.RadioButton, onClick = onClick),
        verticalAlignment = Alignment.CenterVertically,
    ) {
        RadioButton(selected = selected, onClick = null)
        Text(label, Modifier.padding(start = 12.dp), style = MaterialTheme.typography.bodyLarge)
    }
}

@Composable
private fun Outcome(ok: Boolean, title: String, detail: String?) {
    val c = MaterialTheme.colorScheme
    Surface(
        color = if (ok) c.primaryContainer else c.errorContainer,
        contentColor = if (ok) c.onPrimaryContainer else c.onErrorContainer,
        shape = MaterialTheme.shapes.medium,
        modifier = Modifier.fillMaxWidth().semantics { liveRegion = LiveRegionMode.Polite },
    ) {
        Row(Modifier.padding(16.dp), horizontalArrangement = Arrangement.spacedBy(12.dp)) {
            Icon(if (ok) Icons.Filled.CheckCircle else Icons.Filled.Warning, contentDescription = null)
            Column(verticalArrangement = Arrangement.spacedBy(4.dp)) {
                Text(title, style = MaterialTheme.typography.titleMedium)
                detail?.let { Text(it, style = MaterialTheme.typography.bodyLarge) }
            }
        }
    }
}
