package se.skolbryggan.ui

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import se.skolbryggan.ui.core.AbsenceDay
import se.skolbryggan.ui.core.AbsenceReason
import se.skolbryggan.ui.core.AbsenceRefusal
import se.skolbryggan.ui.core.AbsenceStatus
import se.skolbryggan.ui.core.CoreError
import se.skolbryggan.ui.core.LoginMethod
import se.skolbryggan.ui.core.Platform
import se.skolbryggan.ui.core.RefreshOutcome
import se.skolbryggan.ui.core.SessionStatus
import se.skolbryggan.ui.fake.FakeSchoolCore
import se.skolbryggan.ui.l10n.Language
import se.skolbryggan.ui.l10n.Strings
import se.skolbryggan.ui.platform.DeviceActions
import se.skolbryggan.ui.platform.OptIn
import se.skolbryggan.ui.screens.refusal
import se.skolbryggan.ui.viewmodel.AbsenceViewModel
import se.skolbryggan.ui.viewmodel.AbsencePhase
import se.skolbryggan.ui.viewmodel.AppViewModel
import se.skolbryggan.ui.viewmodel.BannerState
import se.skolbryggan.ui.viewmodel.ChildTab
import se.skolbryggan.ui.viewmodel.Destination
import se.skolbryggan.ui.viewmodel.HomeViewModel
import se.skolbryggan.ui.viewmodel.Loadable
import se.skolbryggan.ui.viewmodel.Section
import se.skolbryggan.ui.viewmodel.SignInPhase
import se.skolbryggan.ui.viewmodel.SettingsState
import se.skolbryggan.ui.viewmodel.SettingsViewModel
import se.skolbryggan.ui.viewmodel.SignInViewModel
import se.skolbryggan.ui.viewmodel.YearWheelViewModel
import se.skolbryggan.ui.viewmodel.TabContent

/** The view models over the fake core: the parent's walk through the app as state transitions. */
class ViewModelTest {
    private fun scope() = CoroutineScope(SupervisorJob() + Dispatchers.Unconfined)

    @Test
    fun signInHomeChildArticleAbsenceSignOut() {
        val core = FakeSchoolCore()
        core.initialElisReported = false
        val app = AppViewModel(core, scope()) { core.today }
        app.start()
        val signIn = assertInstanceOf(Destination.SignIn::class.java, app.current)
        signIn.model.start(LoginMethod.BankIdOtherDevice)
        val home = assertInstanceOf(Destination.Home::class.java, app.current)
        val cards = home.model.state.value.home.valueOrNull!!.cards
        assertEquals(listOf("Alva", "Elis", "Majken"), cards.map { it.child.firstName })
        assertEquals(AbsenceStatus.CanReport, cards[1].absence)

        app.openChild(core.family.alva.id)
        val child = assertInstanceOf(Destination.Child::class.java, app.current)
        val news = assertInstanceOf(TabContent.News::class.java, child.model.state.value.content.valueOrNull)
        assertEquals("Luciafirande i aulan", news.items.items.first().title)
        assertTrue(ChildTab.Care !in child.model.state.value.tabs, "Stockholm offers no care times")

        app.openArticle(news.items.items.first().id)
        val article = assertInstanceOf(Destination.Article::class.java, app.current)
        val content = article.model.state.value.valueOrNull!!
        assertTrue(content.images.isNotEmpty(), "the picture came through the core")
        assertTrue(app.back() && app.back())

        app.openAbsence(core.family.elis.id)
        val absence = assertInstanceOf(Destination.Absence::class.java, app.current).model
        absence.day(AbsenceDay.Tomorrow)
        absence.reason(AbsenceReason.Leave)
        absence.askConfirm()
        assertEquals(AbsencePhase.Confirming, absence.state.value.phase)
        absence.send()
        val sent = assertInstanceOf(AbsencePhase.Sent::class.java, absence.state.value.phase)
        assertEquals(AbsenceDay.Tomorrow, sent.readBack.day)
        assertEquals(AbsenceReason.Leave, sent.readBack.reason)

        app.openSection(Section.Settings)
        val settings = assertInstanceOf(Destination.Settings::class.java, app.current)
        settings.model.signOut()
        assertInstanceOf(Destination.SignIn::class.java, app.current)
    }

    @Test
    fun notOfferedAndClosedRefusalsReachTheScreenWithTheirOwnLines() {
        for (refusal in listOf(AbsenceRefusal.NotOffered, AbsenceRefusal.Closed)) {
            val core = FakeSchoolCore().apply { absenceRefusal = refusal }
            val absence = AbsenceViewModel(core, scope(), core.family.elis.id)
            absence.load()
            absence.askConfirm()
            absence.send()
            assertEquals(AbsencePhase.Refused(refusal), absence.state.value.phase)
        }
        val en = Strings.of(Language.En)
        assertEquals("Absence can only be reported for the days the school offers, usually today and tomorrow.", en.refusal(AbsenceRefusal.NotOffered))
        assertEquals("The school or after-school care is closed that day.", en.refusal(AbsenceRefusal.Closed))
        Language.entries.forEach { l ->
            val lines = AbsenceRefusal.entries.map { Strings.of(l).refusal(it) }
            assertEquals(AbsenceRefusal.entries.size, lines.toSet().size, "$l: every refusal has its own line: $lines")
            assertTrue(lines.all { it.isNotBlank() }, "$l: $lines")
        }
    }

    /** A phone whose answers the test sets, recording what it was asked. */
    private class RecordingDevice(var answer: OptIn) : DeviceActions {
        val asked = mutableListOf<String>()
        override suspend fun calendarSync(on: Boolean): OptIn { asked += "calendar $on"; return if (on) answer else OptIn.Off }
        override suspend fun notifications(on: Boolean): OptIn { asked += "notifications $on"; return if (on) answer else OptIn.Off }
        override suspend fun shareCalendar(from: java.time.LocalDate, to: java.time.LocalDate) { asked += "share $from $to" }
    }

    @Test
    fun optInsGoThroughThePhoneAndARefusedPermissionLeavesThemOffWithTheReason() {
        val device = RecordingDevice(OptIn.Denied)
        val settings = SettingsViewModel(FakeSchoolCore(), scope(), SettingsState(), device = device)
        settings.calendarSync(true)
        assertEquals(false to true, settings.state.value.calendarSync to settings.state.value.calendarDenied)
        settings.notifications(true)
        assertEquals(false to true, settings.state.value.notifications to settings.state.value.notificationsDenied)
        device.answer = OptIn.On
        settings.calendarSync(true)
        settings.notifications(true)
        assertEquals(SettingsState(calendarSync = true, notifications = true), settings.state.value)
        settings.calendarSync(false)
        assertEquals(false, settings.state.value.calendarSync)
        assertEquals(listOf("calendar true", "notifications true", "calendar true", "notifications true", "calendar false"), device.asked)
    }

    @Test
    fun theYearWheelSharesTheLoadedYear() {
        val core = FakeSchoolCore()
        val device = RecordingDevice(OptIn.On)
        val wheel = YearWheelViewModel(core, scope(), device) { core.today }
        wheel.share()
        assertEquals(emptyList<String>(), device.asked, "nothing is shared before the year has loaded")
        wheel.load()
        val year = wheel.state.value.valueOrNull!!
        wheel.share()
        assertEquals(listOf("share ${year.from} ${year.to}"), device.asked)
        val ics = kotlinx.coroutines.runBlocking { core.exportIcs(year.from, year.to) }
        assertTrue(ics.startsWith("BEGIN:VCALENDAR") && ics.contains("BEGIN:VEVENT"), ics)
    }

    @Test
    fun expiredSessionShowsTheBannerAndKeepsTheCards() {
        val core = FakeSchoolCore().apply { stockholmSession = SessionStatus.Expired }
        val home = HomeViewModel(core, scope()) { core.today }
        home.load()
        home.refresh()
        assertEquals(BannerState.SessionExpired, home.state.value.banner)
        assertEquals(Platform.Stockholm, home.state.value.expiredPlatform)
        assertEquals(3, home.state.value.home.valueOrNull!!.cards.size)
    }

    @Test
    fun failingRefreshShowsStaleBannerOverTheCache() {
        val core = FakeSchoolCore()
        val home = HomeViewModel(core, scope()) { core.today }
        home.load()
        assertEquals(BannerState.None, home.state.value.banner)
        core.refreshFailure = RefreshOutcome.Failed(CoreError.Other)
        home.refresh()
        assertEquals(BannerState.Stale, home.state.value.banner)
        assertInstanceOf(Loadable.Loaded::class.java, home.state.value.home)
        core.refreshFailure = RefreshOutcome.Failed(CoreError.Offline)
        home.refresh()
        assertEquals(BannerState.Offline, home.state.value.banner)
        core.refreshFailure = null
        home.refresh()
        assertEquals(BannerState.None, home.state.value.banner)
    }

    @Test
    fun invalidPersonalNumberAndCancel() {
        val core = FakeSchoolCore()
        val vm = SignInViewModel(core, scope())
        vm.load()
        vm.personalNumber("12345")
        vm.start(LoginMethod.BankIdThisDevice)
        assertEquals(SignInPhase.Failed(se.skolbryggan.ui.core.LoginFailure.InvalidPersonalNumber), vm.state.value.phase)
        vm.cancel()
        assertEquals(SignInPhase.Choosing, vm.state.value.phase)
        assertEquals(listOf(LoginMethod.BankIdThisDevice, LoginMethod.BankIdOtherDevice, LoginMethod.Freja), vm.state.value.methods)
        vm.choose(Platform.InfoMentor)
        assertTrue(LoginMethod.Freja !in vm.state.value.methods)
    }
}
