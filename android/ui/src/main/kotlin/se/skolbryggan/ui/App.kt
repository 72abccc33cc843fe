package se.skolbryggan.ui

import androidx.compose.runtime.Composable
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
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
import se.skolbryggan.ui.viewmodel.AppViewModel
import se.skolbryggan.ui.viewmodel.Destination

/** The whole app: the screen on top of [app]'s back stack, wired to its view model. */
@Composable
fun SkolbrygganApp(app: AppViewModel) {
    val stack by app.stack.collectAsState()
    when (val d = stack.lastOrNull()) {
        null -> Unit
        is Destination.SignIn -> {
            val state by d.model.state.collectAsState()
            SignInScreen(state, SignInActions(d.model::choose, d.model::personalNumber, d.model::start, d.model::demo, d.model::cancel))
        }
        is Destination.Home -> {
            val state by d.model.state.collectAsState()
            HomeScreen(state, HomeActions({ d.model.refresh() }, app::openChild, app::openAbsence, app::signedOut, app::openSection))
        }
        is Destination.Child -> {
            val state by d.model.state.collectAsState()
            ChildScreen(state, ChildActions({ app.back() }, { d.model.select(it) }, app::openArticle, { d.model.select(state.tab) }, d.model::editCare, { d.model.saveCare(it) }))
        }
        is Destination.Article -> {
            val state by d.model.state.collectAsState()
            ArticleScreen(state, { app.back() }, { d.model.load() })
        }
        is Destination.Absence -> {
            val state by d.model.state.collectAsState()
            AbsenceScreen(state, AbsenceActions({ app.back() }, d.model::day, d.model::reason, d.model::askConfirm, d.model::dismiss, { d.model.send() }, { d.model.load() }))
        }
        is Destination.WhatsNew -> {
            val state by d.model.state.collectAsState()
            WhatsNewScreen(state, { d.model.markAllRead() }, app::openSection, { d.model.load() })
        }
        is Destination.YearWheel -> {
            val state by d.model.state.collectAsState()
            YearWheelScreen(state, app::openSection, { d.model.load() }, { d.model.share() })
        }
        is Destination.Settings -> {
            val state by d.model.state.collectAsState()
            SettingsScreen(
                state,
                SettingsActions(
                    d.model::language, d.model::theme, { d.model.calendarSync(it) }, { d.model.signOut() }, d.model::askForget, { d.model.forget() }, app::openSection,
                    notifications = { d.model.notifications(it) },
                ),
            )
        }
    }
}
