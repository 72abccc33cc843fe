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
import androidx.compose.material3.Button
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.RadioButton
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalUriHandler
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.ui.unit.dp
import se.skolbryggan.ui.components.Heading
import se.skolbryggan.ui.components.MinTouch
import se.skolbryggan.ui.components.QrCodeImage
import se.skolbryggan.ui.core.LoginMethod
import se.skolbryggan.ui.theme.LocalStrings
import se.skolbryggan.ui.viewmodel.SignInPhase
import se.skolbryggan.ui.viewmodel.SignInState

/** What the sign-in screen can ask for. */
data class SignInActions(
    val choose: (se.skolbryggan.ui.core.Platform) -> Unit = {},
    val personalNumber: (String) -> Unit = {},
    val start: (LoginMethod) -> Unit = {},
    val demo: () -> Unit = {},
    val cancel: () -> Unit = {},
)

/** Sign-in: platform, BankID on this or another device (animated QR), Freja where offered, demo. */
@Composable
fun SignInScreen(state: SignInState, actions: SignInActions) {
    val s = LocalStrings.current
    val uri = LocalUriHandler.current
    AppScaffold(title = s.signinTitle) { padding ->
        Column(
            Modifier.padding(padding).verticalScroll(rememberScrollState()).padding(16.dp),
            verticalArrangement = Arrangement.spacedBy(12.dp),
        ) {
            when (val phase = state.phase) {
                SignInPhase.Choosing, is SignInPhase.Failed, is SignInPhase.Done -> {
                    Text(s.signinIntro, style = MaterialTheme.typography.bodyLarge)
                    if (phase is SignInPhase.Failed) {
                        Text(s.loginFailure(phase.reason), color = MaterialTheme.colorScheme.error, style = MaterialTheme.typography.bodyLarge)
                    }
                    Heading(s.signinPlatform, Modifier.padding(top = 8.dp))
                    Column(Modifier.selectableGroup()) {
                        state.platforms.forEach { offer ->
                            Row(
                                Modifier.fillMaxWidth().heightIn(min = MinTouch)
                                    .selectable(offer.platform == state.platform, role = Role.RadioButton) { actions.choose(offer.platform) },
                                verticalAlignment = Alignment.CenterVertically,
                            ) {
                                RadioButton(selected = offer.platform == state.platform, onClick = null)
                                Text(s.platform(offer.platform), Modifier.padding(start = 12.dp), style = MaterialTheme.typography.bodyLarge)
                            }
                        }
                    }
                    OutlinedTextField(
                        value = state.personalNumber,
                        onValueChange = actions.personalNumber,
                        label = { Text(s.signinPersonalNumber) },
                        singleLine = true,
                        keyboardOptions = KeyboardOptions(keyboardType = KeyboardType.Number),
                        modifier = Modifier.fillMaxWidth(),
                    )
                    state.methods.forEach { m ->
                        val label = when (m) {
                            LoginMethod.BankIdThisDevice -> s.signinBankidThisDevice
                            LoginMethod.BankIdOtherDevice -> s.signinBankidOtherDevice
                            LoginMethod.Freja -> s.signinFreja
                        }
                        if (m == LoginMethod.BankIdThisDevice) {
                            Button(onClick = { actions.start(m) }, Modifier.fillMaxWidth().heightIn(min = MinTouch)) { Text(label) }
                        } else {
                            OutlinedButton(onClick = { actions.start(m) }, Modifier.fillMaxWidth().heightIn(min = MinTouch)) { Text(label) }
                        }
                    }
                    TextButton(onClick = actions.demo, Modifier.fillMaxWidth().heightIn(min = MinTouch)) { Text(s.signinDemo) }
                }
                is SignInPhase.WaitingOtherDevice -> {
                    Heading(s.signinBankidOtherDevice)
                    Text(s.signinQrInstructions, style = MaterialTheme.typography.bodyLarge)
                    QrCodeImage(phase.qrPayload, s.signinQrDescription, Modifier.align(Alignment.CenterHorizontally).padding(8.dp))
                    Waiting(s.signinWaiting)
                    OutlinedButton(onClick = actions.cancel, Modifier.fillMaxWidth().heightIn(min = MinTouch)) { Text(s.actionCancel) }
                }
                is SignInPhase.WaitingThisDevice, is SignInPhase.WaitingFreja, SignInPhase.UserSign -> {
                    val link = (phase as? SignInPhase.WaitingThisDevice)?.appLink ?: (phase as? SignInPhase.WaitingFreja)?.appLink
                    Heading(if (phase is SignInPhase.WaitingFreja) s.signinFreja else s.signinBankidThisDevice)
                    Waiting(if (phase == SignInPhase.UserSign) s.signinUserSign else s.signinWaiting)
                    if (link != null) {
                        Button(onClick = { uri.openUri(link) }, Modifier.fillMaxWidth().heightIn(min = MinTouch)) {
                            Text(if (phase is SignInPhase.WaitingFreja) s.signinFreja else s.signinOpenBankid)
                        }
                    }
                    OutlinedButton(onClick = actions.cancel, Modifier.fillMaxWidth().heightIn(min = MinTouch)) { Text(s.actionCancel) }
                }
            }
        }
    }
}

@Composable
private fun Waiting(text: String) {
    Row(verticalAlignment = Alignment.CenterVertically, horizontalArrangement = Arrangement.spacedBy(12.dp)) {
        CircularProgressIndicator()
        Text(text, style = MaterialTheme.typography.bodyLarge)
    }
}
