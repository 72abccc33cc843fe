package se.skolbryggan.ui.viewmodel

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch
import se.skolbryggan.ui.core.CoreException
import se.skolbryggan.ui.core.SchoolCore
import se.skolbryggan.ui.core.User
import se.skolbryggan.ui.platform.DeviceActions
import java.time.LocalDate

/** A screen on the back stack, holding its view model. */
sealed interface Destination {
    /** Sign-in. */
    data class SignIn(val model: SignInViewModel) : Destination
    /** The family home. */
    data class Home(val model: HomeViewModel) : Destination
    /** One child. */
    data class Child(val childId: String, val model: ChildViewModel) : Destination
    /** A news article. */
    data class Article(val newsId: String, val model: ArticleViewModel) : Destination
    /** Report absence. */
    data class Absence(val childId: String, val model: AbsenceViewModel) : Destination
    /** What's new. */
    data class WhatsNew(val model: WhatsNewViewModel) : Destination
    /** The year wheel. */
    data class YearWheel(val model: YearWheelViewModel) : Destination
    /** Settings. */
    data class Settings(val model: SettingsViewModel) : Destination
}

/**
 * The app's navigation and session: which screen shows, who is signed in. [device] carries out
 * what the screens ask of the phone (permissions, calendar sync, notifications, sharing).
 */
class AppViewModel(
    private val core: SchoolCore,
    private val scope: CoroutineScope,
    private val device: DeviceActions = DeviceActions.Granting,
    private val today: () -> LocalDate,
) {
    private val _stack = MutableStateFlow<List<Destination>>(emptyList())

    /** The back stack; the last entry shows. */
    val stack: StateFlow<List<Destination>> = _stack.asStateFlow()
    private val _settings = MutableStateFlow(SettingsState())

    /** Language and theme as chosen in settings. */
    val settings: StateFlow<SettingsState> = _settings.asStateFlow()

    /** The screen that shows. */
    val current: Destination? get() = _stack.value.lastOrNull()

    /** Opens the app: resumes a stored session (home from the cache) or shows sign-in. */
    fun start() = scope.launch {
        val users = try { core.resumeSessions() } catch (e: CoreException) { emptyList() }
        if (users.isEmpty()) showSignIn() else signedIn(users.first())
    }

    private fun showSignIn() {
        val model = SignInViewModel(core, scope) { signedIn(it) }
        model.load()
        _stack.value = listOf(Destination.SignIn(model))
    }

    private fun signedIn(user: User) {
        _settings.update { it.copy(user = user) }
        val home = HomeViewModel(core, scope, today)
        home.load()
        home.refresh()
        _stack.value = listOf(Destination.Home(home))
    }

    private fun push(d: Destination) = _stack.update { it + d }

    /** Opens a child. */
    fun openChild(childId: String) = push(Destination.Child(childId, ChildViewModel(core, scope, childId, today).also { it.load() }))

    /** Opens an article. */
    fun openArticle(newsId: String) = push(Destination.Article(newsId, ArticleViewModel(core, scope, newsId).also { it.load() }))

    /** Opens the absence report for a child. */
    fun openAbsence(childId: String) = push(Destination.Absence(childId, AbsenceViewModel(core, scope, childId).also { it.load() }))

    /** Switches to a top-level section (bottom navigation) above home. */
    fun openSection(section: Section) {
        val home = _stack.value.firstOrNull { it is Destination.Home } ?: return
        val d = when (section) {
            Section.Home -> null
            Section.WhatsNew -> Destination.WhatsNew(WhatsNewViewModel(core, scope).also { it.load() })
            Section.Year -> Destination.YearWheel(YearWheelViewModel(core, scope, device, today).also { it.load() })
            Section.Settings -> Destination.Settings(SettingsViewModel(core, scope, _settings.value, { s -> _settings.value = s }, device) { signedOut() })
        }
        _stack.value = listOfNotNull(home, d)
    }

    /** Back; false when there is nothing to go back to (the platform closes the app). */
    fun back(): Boolean {
        if (_stack.value.size <= 1) return false
        _stack.update { it.dropLast(1) }
        return true
    }

    /** After sign-out or forget: back to sign-in. */
    fun signedOut() {
        _settings.update { it.copy(user = null) }
        showSignIn()
    }
}

/** The bottom-navigation sections. */
enum class Section { Home, WhatsNew, Year, Settings }
