package se.skolbryggan.app

import android.content.ActivityNotFoundException
import android.content.Intent
import android.os.Bundle
import androidx.activity.ComponentActivity
import androidx.activity.compose.setContent
import androidx.activity.addCallback
import androidx.compose.foundation.isSystemInDarkTheme
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.ui.graphics.asImageBitmap
import android.graphics.BitmapFactory
import androidx.lifecycle.lifecycleScope
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.distinctUntilChanged
import kotlinx.coroutines.flow.emptyFlow
import kotlinx.coroutines.flow.flatMapLatest
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.launch
import se.skolbryggan.bridge.FfiSchoolCore
import se.skolbryggan.ui.SkolbrygganApp
import se.skolbryggan.ui.core.SchoolCore
import se.skolbryggan.ui.fake.FakeSchoolCore
import se.skolbryggan.ui.theme.SkolbrygganTheme
import se.skolbryggan.ui.viewmodel.AppViewModel
import se.skolbryggan.ui.viewmodel.Destination
import se.skolbryggan.ui.viewmodel.Section
import se.skolbryggan.ui.viewmodel.SignInPhase
import se.skolbryggan.ui.viewmodel.ThemeChoice

/**
 * The one Activity: hosts the ui module's screens ([SkolbrygganApp]) over the real core
 * ([FfiSchoolCore] on the process's client) or, with [EXTRA_DEMO], the in-memory demo
 * ([FakeSchoolCore]). It maps the platform's pieces onto the view models: system back, the
 * BankID hand-off when sign-in waits for BankID on this phone, BankID's return, a
 * notification's tap (opens what's new), and what the screens ask of the phone
 * ([AndroidDeviceActions]: runtime permissions, the calendar sync, notifications, the .ics share).
 */
class MainActivity : ComponentActivity() {
    private val app = MutableStateFlow<AppViewModel?>(null)
    private var lastBankIdLink: String? = null
    private val permissions = RuntimePermissions(this)

    /** The navigation and session model, once the core is open (null before). */
    val appModel: AppViewModel? get() = app.value

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        onBackPressedDispatcher.addCallback(this) {
            if (app.value?.back() != true) finish()
        }
        setContent {
            val model by app.collectAsState()
            val current = model ?: return@setContent
            val settings by current.settings.collectAsState()
            val dark = when (settings.theme) {
                ThemeChoice.System -> isSystemInDarkTheme()
                ThemeChoice.Light -> false
                ThemeChoice.Dark -> true
            }
            val language = settings.language ?: PhoneLanguage.of(resources.configuration.locales)
            SkolbrygganTheme(dark = dark, language = language, imageDecoder = { bytes ->
                BitmapFactory.decodeByteArray(bytes, 0, bytes.size)?.asImageBitmap()
            }) {
                SkolbrygganApp(current)
            }
        }
        lifecycleScope.launch {
            val services = SkolbrygganApplication.services(this@MainActivity)
            val core = core()
            val device = AndroidDeviceActions(
                this@MainActivity, core, permissions,
                family = { app.value?.settings?.value?.user?.id ?: "family" },
                today = services.today,
                start = ::startActivity,
            )
            val model = AppViewModel(core, lifecycleScope, device, services.today)
            app.value = model
            model.start()
            watchBankId(model)
            handle(intent)
        }
    }

    private suspend fun core(): SchoolCore {
        val services = SkolbrygganApplication.services(this)
        return if (intent.getBooleanExtra(EXTRA_DEMO, false)) FakeSchoolCore(services.today())
        else FfiSchoolCore(services.client(), services.today)
    }

    override fun onNewIntent(intent: Intent) {
        super.onNewIntent(intent)
        setIntent(intent)
        handle(intent)
    }

    private fun handle(intent: Intent?) {
        val model = app.value ?: return
        when {
            // Back from BankID: the core completes the login by polling; nothing to pass on.
            BankIdHandoff.isReturn(intent) -> lastBankIdLink = null
            intent?.hasExtra(EXTRA_CHANGE_ID) == true -> model.openSection(Section.WhatsNew)
        }
    }

    /** Opens the BankID app once per autostart link while sign-in waits for it on this phone. */
    @OptIn(ExperimentalCoroutinesApi::class)
    private fun watchBankId(model: AppViewModel) = lifecycleScope.launch {
        model.stack
            .flatMapLatest { stack -> (stack.lastOrNull() as? Destination.SignIn)?.model?.state ?: emptyFlow() }
            .map { (it.phase as? SignInPhase.WaitingThisDevice)?.appLink }
            .distinctUntilChanged()
            .collect { link -> if (link != null && link != lastBankIdLink) openBankId(link) }
    }

    private fun openBankId(link: String) {
        val intent = BankIdHandoff.autostartIntent(link) ?: return
        lastBankIdLink = link
        try {
            startActivity(intent)
        } catch (e: ActivityNotFoundException) {
            // No BankID app on this phone: the sign-in screen offers BankID on another device.
        }
    }

    companion object {
        /** Boolean extra: run over the in-memory demo instead of the real core. */
        const val EXTRA_DEMO = "se.skolbryggan.app.DEMO"
        /** Long extra: the change-feed entry a notification was for. */
        const val EXTRA_CHANGE_ID = "se.skolbryggan.app.CHANGE_ID"
    }
}
