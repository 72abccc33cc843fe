package se.skolbryggan.ui

import androidx.compose.runtime.Composable
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import se.skolbryggan.ui.core.AbsenceRefusal
import se.skolbryggan.ui.core.CoreError
import se.skolbryggan.ui.core.LoginMethod
import se.skolbryggan.ui.core.RefreshOutcome
import se.skolbryggan.ui.core.SessionStatus
import se.skolbryggan.ui.fake.FakeSchoolCore
import se.skolbryggan.ui.screens.AbsenceActions
import se.skolbryggan.ui.screens.AbsenceScreen
import se.skolbryggan.ui.screens.ArticleScreen
import se.skolbryggan.ui.screens.ChildActions
import se.skolbryggan.ui.screens.ChildScreen
import se.skolbryggan.ui.screens.HomeActions
import se.skolbryggan.ui.screens.HomeScreen
import se.skolbryggan.ui.screens.SettingsActions
import se.skolbryggan.ui.screens.SettingsScreen
import se.skolbryggan.ui.screens.SignInActions
import se.skolbryggan.ui.screens.SignInScreen
import se.skolbryggan.ui.screens.WhatsNewScreen
import se.skolbryggan.ui.screens.YearWheelScreen
import se.skolbryggan.ui.viewmodel.AbsenceViewModel
import se.skolbryggan.ui.viewmodel.ArticleViewModel
import se.skolbryggan.ui.viewmodel.ChildTab
import se.skolbryggan.ui.viewmodel.ChildViewModel
import se.skolbryggan.ui.viewmodel.HomeViewModel
import se.skolbryggan.ui.viewmodel.SettingsState
import se.skolbryggan.ui.viewmodel.SettingsViewModel
import se.skolbryggan.ui.viewmodel.SignInViewModel
import se.skolbryggan.ui.viewmodel.ThemeChoice
import se.skolbryggan.ui.viewmodel.WhatsNewViewModel
import se.skolbryggan.ui.viewmodel.YearWheelViewModel

/**
 * Every screen in the states a parent meets, each state reached by driving the real view model
 * over the fake core (no hand-built state), for the screenshot tests.
 */
object Scenes {
    private fun scope() = CoroutineScope(SupervisorJob() + Dispatchers.Unconfined)
    private fun fake(f: FakeSchoolCore.() -> Unit = {}) = FakeSchoolCore().apply(f)

    /** Scene name → the screen's content. */
    fun all(): List<Pair<String, @Composable () -> Unit>> = buildList {
        fun signIn(name: String, method: LoginMethod?, steps: Int) {
            val core = fake()
            val vm = SignInViewModel(core, scope())
            vm.load()
            if (method != null) {
                // Stop the login part-way so the screen shows its waiting state.
                val stopped = object : se.skolbryggan.ui.core.SchoolCore by core {
                    override suspend fun startLogin(platform: se.skolbryggan.ui.core.Platform, method: LoginMethod, personalNumber: String?) =
                        core.startLogin(platform, method, personalNumber).let { s ->
                            object : se.skolbryggan.ui.core.LoginSession by s {
                                override fun progress() = kotlinx.coroutines.flow.flow { s.progress().collect { emit(it) }; kotlinx.coroutines.awaitCancellation() }.let { f ->
                                    kotlinx.coroutines.flow.flow { var n = 0; f.collect { if (n++ < steps) emit(it) else kotlinx.coroutines.awaitCancellation() } }
                                }
                            }
                        }
                }
                val vm2 = SignInViewModel(stopped, scope())
                vm2.load()
                vm2.start(method)
                add(name to { SignInScreen(vm2.state.value, SignInActions()) })
            } else {
                add(name to { SignInScreen(vm.state.value, SignInActions()) })
            }
        }
        signIn("signin", null, 0)
        signIn("signin-qr", LoginMethod.BankIdOtherDevice, 2)
        signIn("signin-bankid", LoginMethod.BankIdThisDevice, 1)

        fun home(name: String, f: FakeSchoolCore.() -> Unit, refresh: Boolean = false) {
            val core = fake(f)
            val vm = HomeViewModel(core, scope()) { core.today }
            vm.load()
            if (refresh) vm.refresh()
            add(name to { HomeScreen(vm.state.value, HomeActions()) })
        }
        home("home", {})
        home("home-expired", { stockholmSession = SessionStatus.Expired }, refresh = true)
        home("home-stale", { refreshFailure = RefreshOutcome.Failed(CoreError.Other) }, refresh = true)
        home("home-empty", { noChildren = true })
        home("home-error", { readFailure = CoreError.Offline })

        ChildTab.entries.forEach { tab ->
            val core = fake()
            val child = when (tab) {
                ChildTab.Assignments, ChildTab.Attendance, ChildTab.Notifications -> core.family.elis
                ChildTab.Care -> core.family.majken
                else -> core.family.alva
            }
            val vm = ChildViewModel(core, scope(), child.id) { core.today }
            vm.load(tab)
            add("child-${tab.name.lowercase()}" to { ChildScreen(vm.state.value, ChildActions()) })
        }
        run {
            val core = fake()
            val vm = ChildViewModel(core, scope(), core.family.majken.id) { core.today }
            vm.load(ChildTab.Care)
            vm.editCare(core.family.careDays()[1])
            add("child-care-edit" to { ChildScreen(vm.state.value, ChildActions()) })
        }
        run {
            val core = fake()
            val vm = ArticleViewModel(core, scope(), "n-1")
            vm.load()
            add("article" to { ArticleScreen(vm.state.value, {}) })
        }
        fun absence(name: String, f: FakeSchoolCore.() -> Unit, steps: (AbsenceViewModel) -> Unit) {
            val core = fake(f)
            val vm = AbsenceViewModel(core, scope(), core.family.majken.id)
            vm.load()
            steps(vm)
            add(name to { AbsenceScreen(vm.state.value, AbsenceActions()) })
        }
        absence("absence", {}) {}
        absence("absence-confirm", {}) { it.askConfirm() }
        absence("absence-sent", {}) { it.askConfirm(); it.send() }
        absence("absence-refused", { absenceRefusal = AbsenceRefusal.TooLate }) { it.askConfirm(); it.send() }
        run {
            val core = fake()
            val vm = WhatsNewViewModel(core, scope())
            vm.load()
            add("whatsnew" to { WhatsNewScreen(vm.state.value, {}, {}) })
        }
        run {
            val core = fake()
            val vm = YearWheelViewModel(core, scope()) { core.today }
            vm.load()
            add("yearwheel" to { YearWheelScreen(vm.state.value, {}) })
        }
        run {
            val core = fake()
            val vm = SettingsViewModel(core, scope(), SettingsState(user = FakeSchoolCore.USER, theme = ThemeChoice.System))
            add("settings" to { SettingsScreen(vm.state.value, SettingsActions()) })
        }
    }
}
