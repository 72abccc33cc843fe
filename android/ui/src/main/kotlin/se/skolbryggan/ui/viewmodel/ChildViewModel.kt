package se.skolbryggan.ui.viewmodel

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch
import se.skolbryggan.ui.core.Assignment
import se.skolbryggan.ui.core.AttendanceEntry
import se.skolbryggan.ui.core.CalendarEvent
import se.skolbryggan.ui.core.Capabilities
import se.skolbryggan.ui.core.CareDay
import se.skolbryggan.ui.core.CareWeek
import se.skolbryggan.ui.core.Child
import se.skolbryggan.ui.core.Classmate
import se.skolbryggan.ui.core.CoreException
import se.skolbryggan.ui.core.Lesson
import se.skolbryggan.ui.core.Listed
import se.skolbryggan.ui.core.MenuDay
import se.skolbryggan.ui.core.NewsSummary
import se.skolbryggan.ui.core.NotificationItem
import se.skolbryggan.ui.core.SchoolContact
import se.skolbryggan.ui.core.SchoolCore
import se.skolbryggan.ui.core.Teacher
import java.time.LocalDate

/** The tabs of the child screen. */
enum class ChildTab { News, Calendar, Notifications, Menu, Timetable, Classmates, Teachers, Contacts, Assignments, Attendance, Care }

/** What one tab shows. */
sealed interface TabContent {
    /** News, newest first. */
    data class News(val items: Listed<NewsSummary>) : TabContent
    /** Upcoming events. */
    data class Calendar(val items: Listed<CalendarEvent>) : TabContent
    /** Notifications. */
    data class Notifications(val items: Listed<NotificationItem>) : TabContent
    /** The week's lunch. */
    data class Menu(val days: List<MenuDay>) : TabContent
    /** The week's lessons. */
    data class Timetable(val lessons: List<Lesson>) : TabContent
    /** Classmates and guardians. */
    data class Classmates(val items: List<Classmate>) : TabContent
    /** Teachers. */
    data class Teachers(val items: List<Teacher>) : TabContent
    /** School contacts. */
    data class Contacts(val items: List<SchoolContact>) : TabContent
    /** Assignments. */
    data class Assignments(val items: Listed<Assignment>) : TabContent
    /** Attendance. */
    data class Attendance(val items: Listed<AttendanceEntry>) : TabContent
    /** Care times; [editing] is the day being edited. */
    data class Care(val week: CareWeek, val editing: CareDay? = null) : TabContent
}

/** The child screen's state. */
data class ChildState(
    val child: Child? = null,
    val tabs: List<ChildTab> = emptyList(),
    val tab: ChildTab = ChildTab.News,
    val content: Loadable<TabContent> = Loadable.Loading,
)

/** One child: a tab per kind the platform offers, each loaded from the cache on demand. */
class ChildViewModel(
    private val core: SchoolCore,
    private val scope: CoroutineScope,
    private val childId: String,
    private val today: () -> LocalDate,
) {
    private val _state = MutableStateFlow(ChildState())

    /** The screen's state. */
    val state: StateFlow<ChildState> = _state.asStateFlow()

    /** Loads the child, its platform's capabilities and the first tab. */
    fun load(tab: ChildTab = ChildTab.News) = scope.launch {
        val child = try { core.children().firstOrNull { it.id == childId } } catch (e: CoreException) { null }
        if (child == null) {
            _state.update { it.copy(content = Loadable.Failed(se.skolbryggan.ui.core.CoreError.Other)) }
            return@launch
        }
        val caps = core.capabilities(child.platform)
        _state.update { it.copy(child = child, tabs = tabsFor(child, caps)) }
        show(tab)
    }

    /** Switches to [tab] and loads it. */
    fun select(tab: ChildTab) = scope.launch { show(tab) }

    private suspend fun show(tab: ChildTab) {
        _state.update { it.copy(tab = tab, content = Loadable.Loading) }
        val day = today()
        val content = load {
            when (tab) {
                ChildTab.News -> TabContent.News(core.news(childId))
                ChildTab.Calendar -> TabContent.Calendar(core.calendar(childId, day, day.plusDays(60)))
                ChildTab.Notifications -> TabContent.Notifications(core.notifications(childId))
                ChildTab.Menu -> TabContent.Menu(core.menu(childId, day))
                ChildTab.Timetable -> TabContent.Timetable(core.timetable(childId, day))
                ChildTab.Classmates -> TabContent.Classmates(core.classmates(childId))
                ChildTab.Teachers -> TabContent.Teachers(core.teachers(childId))
                ChildTab.Contacts -> TabContent.Contacts(core.contacts(childId))
                ChildTab.Assignments -> TabContent.Assignments(core.assignments(childId))
                ChildTab.Attendance -> TabContent.Attendance(core.attendance(childId))
                ChildTab.Care -> TabContent.Care(core.careWeek(childId, day))
            }
        }
        _state.update { if (it.tab == tab) it.copy(content = content) else it }
    }

    /** Starts editing one day's care times (only where the week is editable). */
    fun editCare(day: CareDay?) = _state.update { s ->
        val c = s.content.valueOrNull as? TabContent.Care ?: return@update s
        if (day != null && !c.week.editable) s else s.copy(content = Loadable.Loaded(c.copy(editing = day)))
    }

    /** Saves an edited care day through the core. */
    fun saveCare(day: CareDay) = scope.launch {
        val week = load { core.setCareDay(childId, day) }
        _state.update { s -> s.copy(content = if (week is Loadable.Loaded) Loadable.Loaded(TabContent.Care(week.value)) else s.content) }
    }

    companion object {
        /** The tabs a child gets from its platform's capabilities. */
        fun tabsFor(child: Child, caps: Capabilities): List<ChildTab> = buildList {
            add(ChildTab.News)
            add(ChildTab.Calendar)
            add(ChildTab.Notifications)
            if (caps.menu) add(ChildTab.Menu)
            if (!child.preschool) add(ChildTab.Timetable)
            if (!child.preschool) add(ChildTab.Classmates)
            add(ChildTab.Teachers)
            add(ChildTab.Contacts)
            if (caps.assignments && !child.preschool) add(ChildTab.Assignments)
            if (caps.attendance && !child.preschool) add(ChildTab.Attendance)
            if (caps.careTimes) add(ChildTab.Care)
        }
    }
}
