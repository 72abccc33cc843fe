package se.skolbryggan.ui.viewmodel

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch
import se.skolbryggan.ui.core.CoreException
import se.skolbryggan.ui.core.LoginFailure
import se.skolbryggan.ui.core.LoginMethod
import se.skolbryggan.ui.core.LoginProgress
import se.skolbryggan.ui.core.LoginSession
import se.skolbryggan.ui.core.Platform
import se.skolbryggan.ui.core.PlatformOffer
import se.skolbryggan.ui.core.SchoolCore
import se.skolbryggan.ui.core.User

/** Where a sign-in stands. */
sealed interface SignInPhase {
    /** Choosing platform and method. */
    data object Choosing : SignInPhase
    /** Waiting for BankID on this device; [appLink] opens the BankID app (autostart). */
    data class WaitingThisDevice(val appLink: String?) : SignInPhase
    /** Waiting for BankID on another device; [qrPayload] is the current frame. */
    data class WaitingOtherDevice(val qrPayload: String) : SignInPhase
    /** Waiting for Freja; [appLink] opens the Freja app. */
    data class WaitingFreja(val appLink: String?) : SignInPhase
    /** The parent is signing in the BankID app. */
    data object UserSign : SignInPhase
    /** Failed; the parent may try again. */
    data class Failed(val reason: LoginFailure) : SignInPhase
    /** Signed in. */
    data class Done(val user: User) : SignInPhase
}

/** The sign-in screen's state. */
data class SignInState(
    val platforms: List<PlatformOffer> = emptyList(),
    val platform: Platform? = null,
    val personalNumber: String = "",
    val phase: SignInPhase = SignInPhase.Choosing,
) {
    /** The login methods the chosen platform offers. */
    val methods: List<LoginMethod> get() = platforms.firstOrNull { it.platform == platform }?.loginMethods.orEmpty()
}

/** Sign-in: platform choice, BankID (this device / other device with QR), Freja, demo. */
class SignInViewModel(private val core: SchoolCore, private val scope: CoroutineScope, private val onSignedIn: (User) -> Unit = {}) {
    private val _state = MutableStateFlow(SignInState())

    /** The screen's state. */
    val state: StateFlow<SignInState> = _state.asStateFlow()
    private var login: LoginSession? = null
    private var job: Job? = null

    /** Loads the platforms the core offers. */
    fun load() = scope.launch {
        val offers = core.platforms()
        _state.update { it.copy(platforms = offers, platform = it.platform ?: offers.firstOrNull()?.platform) }
    }

    /** Chooses a platform. */
    fun choose(platform: Platform) = _state.update { it.copy(platform = platform) }

    /** Edits the optional personal number. */
    fun personalNumber(text: String) = _state.update { it.copy(personalNumber = text) }

    /** Starts a login with [method] on the chosen platform. */
    fun start(method: LoginMethod) {
        val platform = _state.value.platform ?: return
        job?.cancel()
        job = scope.launch {
            val session = try {
                core.startLogin(platform, method, _state.value.personalNumber.ifBlank { null })
            } catch (e: CoreException) {
                _state.update { it.copy(phase = SignInPhase.Failed(LoginFailure.Other)) }
                return@launch
            }
            login = session
            _state.update {
                it.copy(phase = when (method) {
                    LoginMethod.BankIdThisDevice -> SignInPhase.WaitingThisDevice(session.prompt.bankIdAppLink)
                    LoginMethod.BankIdOtherDevice -> SignInPhase.WaitingOtherDevice(session.prompt.qrPayload.orEmpty())
                    LoginMethod.Freja -> SignInPhase.WaitingFreja(session.prompt.frejaLink)
                })
            }
            session.progress().collect { step ->
                val phase = when (step) {
                    is LoginProgress.Waiting -> if (step.qrPayload != null) SignInPhase.WaitingOtherDevice(step.qrPayload) else _state.value.phase
                    LoginProgress.UserSign -> SignInPhase.UserSign
                    is LoginProgress.Failed -> SignInPhase.Failed(step.reason)
                    is LoginProgress.Done -> SignInPhase.Done(step.user)
                }
                _state.update { it.copy(phase = phase) }
                if (step is LoginProgress.Done) onSignedIn(step.user)
            }
        }
    }

    /** Signs in to the demo family. */
    fun demo() {
        job?.cancel()
        job = scope.launch {
            try {
                val user = core.loginDemo()
                _state.update { it.copy(phase = SignInPhase.Done(user)) }
                onSignedIn(user)
            } catch (e: CoreException) {
                _state.update { it.copy(phase = SignInPhase.Failed(LoginFailure.Other)) }
            }
        }
    }

    /** Cancels a running login and returns to the choice. */
    fun cancel() {
        login?.cancel()
        job?.cancel()
        _state.update { it.copy(phase = SignInPhase.Choosing) }
    }
}
