package se.skolbryggan.ui.screens

import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.width
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.LazyListScope
import androidx.compose.foundation.lazy.items
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.Call
import androidx.compose.material.icons.filled.Email
import androidx.compose.material.icons.filled.Edit
import androidx.compose.material.icons.automirrored.filled.Send
import androidx.compose.material3.Button
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.Icon
import androidx.compose.material3.IconButton
import androidx.compose.material3.ListItem
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.PrimaryScrollableTabRow
import androidx.compose.material3.Tab
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalUriHandler
import androidx.compose.ui.unit.dp
import se.skolbryggan.ui.components.EmptyState
import se.skolbryggan.ui.components.Heading
import se.skolbryggan.ui.components.MinTouch
import se.skolbryggan.ui.core.CareDay
import se.skolbryggan.ui.core.TimeRange
import se.skolbryggan.ui.theme.LocalStrings
import se.skolbryggan.ui.viewmodel.ChildState
import se.skolbryggan.ui.viewmodel.ChildTab
import se.skolbryggan.ui.viewmodel.Loadable
import se.skolbryggan.ui.viewmodel.TabContent
import java.time.LocalTime
import java.time.format.DateTimeParseException

/** What the child screen can ask for. */
data class ChildActions(
    val back: () -> Unit = {},
    val select: (ChildTab) -> Unit = {},
    val openArticle: (String) -> Unit = {},
    val retry: () -> Unit = {},
    val editCare: (CareDay?) -> Unit = {},
    val saveCare: (CareDay) -> Unit = {},
)

/** One child: a tab per kind its platform offers. */
@Composable
fun ChildScreen(state: ChildState, actions: ChildActions) {
    val s = LocalStrings.current
    AppScaffold(title = state.child?.fullName ?: "", onBack = actions.back) { padding ->
        Body(padding) {
            if (state.tabs.isNotEmpty()) {
                PrimaryScrollableTabRow(selectedTabIndex = state.tabs.indexOf(state.tab).coerceAtLeast(0), edgePadding = 8.dp) {
                    state.tabs.forEach { t ->
                        Tab(selected = t == state.tab, onClick = { actions.select(t) }, text = { Text(s.tab(t)) }, modifier = Modifier.heightIn(min = MinTouch))
                    }
                }
            }
            when (val c = state.content) {
                Loadable.Loading -> LoadingState()
                is Loadable.Failed -> FailedState(c.error, actions.retry)
                is Loadable.Loaded -> LazyColumn(Modifier.fillMaxSize()) { tabContent(c.value, actions) }
            }
        }
    }
}

private fun LazyListScope.empty(isEmpty: Boolean): Boolean {
    if (isEmpty) item { EmptyText() }
    return isEmpty
}

@Composable
private fun EmptyText() = EmptyState(LocalStrings.current.emptyList)

private fun LazyListScope.tabContent(content: TabContent, actions: ChildActions) {
    when (content) {
        is TabContent.News -> if (!empty(content.items.items.isEmpty())) items(content.items.items, key = { it.id }) { n ->
            val s = LocalStrings.current
            ListItem(
                headlineContent = { Text(n.title) },
                supportingContent = { Text(listOfNotNull(n.intro, n.author, s.moment(n.published)).joinToString("\n")) },
                modifier = Modifier.fillMaxWidth().heightIn(min = MinTouch).clickableRow { actions.openArticle(n.id) },
            )
            HorizontalDivider()
        }
        is TabContent.Calendar -> if (!empty(content.items.items.isEmpty())) items(content.items.items, key = { it.id }) { e ->
            val s = LocalStrings.current
            val time = if (e.start != null && e.end != null) s.range(e.start, e.end) else s.calendarAllDay
            val dates = if (e.endDate != e.date) s.shortDate(e.date) + " – " + s.shortDate(e.endDate) else s.day(e.date)
            ListItem(
                overlineContent = { Text(s.kind(e.kind)) },
                headlineContent = { Text(e.title) },
                supportingContent = { Text(listOfNotNull("$dates, $time", e.location, e.description).joinToString("\n")) },
            )
            HorizontalDivider()
        }
        is TabContent.Notifications -> if (!empty(content.items.items.isEmpty())) items(content.items.items, key = { it.id }) { n ->
            val s = LocalStrings.current
            val uri = LocalUriHandler.current
            ListItem(
                overlineContent = { Text(n.sender) },
                headlineContent = { Text(n.message) },
                supportingContent = { Text(s.moment(n.created)) },
                modifier = if (n.url != null) Modifier.clickableRow { uri.openUri(n.url) } else Modifier,
            )
            HorizontalDivider()
        }
        is TabContent.Menu -> if (!empty(content.days.isEmpty())) items(content.days, key = { it.date.toString() }) { d ->
            val s = LocalStrings.current
            Heading(s.day(d.date))
            d.dishes.forEach { Text(it, Modifier.padding(horizontal = 16.dp, vertical = 2.dp), style = MaterialTheme.typography.bodyLarge) }
        }
        is TabContent.Timetable -> if (!empty(content.lessons.isEmpty())) content.lessons.groupBy { it.date }.forEach { (date, lessons) ->
            item(key = date.toString()) { Heading(LocalStrings.current.day(date)) }
            items(lessons, key = { it.id }) { l ->
                val s = LocalStrings.current
                ListItem(
                    leadingContent = { Text(s.time(l.start) + "\n" + s.time(l.end), style = MaterialTheme.typography.labelLarge) },
                    headlineContent = { Text(l.subject) },
                    supportingContent = { Text(listOfNotNull(l.teacher, l.room).joinToString(" · ")) },
                )
            }
        }
        is TabContent.Classmates -> if (!empty(content.items.isEmpty())) items(content.items, key = { it.id }) { c ->
            val s = LocalStrings.current
            Heading(c.name)
            c.guardians.forEach { g -> PersonRow(g.name, s.guardians, g.phone, g.email) }
            HorizontalDivider()
        }
        is TabContent.Teachers -> if (!empty(content.items.isEmpty())) items(content.items, key = { it.id }) { t ->
            PersonRow(t.name, null, t.phone, t.email)
            HorizontalDivider()
        }
        is TabContent.Contacts -> if (!empty(content.items.isEmpty())) items(content.items, key = { it.id }) { c ->
            PersonRow(c.name ?: c.title.orEmpty(), if (c.name != null) c.title else null, c.phone, c.email)
            HorizontalDivider()
        }
        is TabContent.Assignments -> if (!empty(content.items.items.isEmpty())) items(content.items.items, key = { it.id }) { a ->
            val s = LocalStrings.current
            ListItem(
                overlineContent = a.subject?.let { { Text(it) } },
                headlineContent = { Text(a.title) },
                supportingContent = { Text(if (a.submitted) s.assignmentSubmitted else a.due?.let { s.assignmentDue(s.day(it)) }.orEmpty()) },
            )
            HorizontalDivider()
        }
        is TabContent.Attendance -> if (!empty(content.items.items.isEmpty())) items(content.items.items) { a ->
            val s = LocalStrings.current
            ListItem(
                overlineContent = { Text(s.day(a.date)) },
                headlineContent = { Text(s.attendance(a.status)) },
                supportingContent = a.subject?.let { { Text(it) } },
            )
            HorizontalDivider()
        }
        is TabContent.Care -> {
            item { Heading(LocalStrings.current.weekNumber(content.week.week.toString())) }
            if (!content.week.editable) item { Text(LocalStrings.current.careLocked, Modifier.padding(horizontal = 16.dp), style = MaterialTheme.typography.bodyMedium) }
            items(content.week.days, key = { it.date.toString() }) { d ->
                if (content.editing?.date == d.date) CareEditor(d, actions) else CareRow(d, content.week.editable, actions)
            }
        }
    }
}

private fun Modifier.clickableRow(onClick: () -> Unit): Modifier = this.clickable(onClick = onClick)

@Composable
private fun CareRow(d: CareDay, editable: Boolean, actions: ChildActions) {
    val s = LocalStrings.current
    ListItem(
        headlineContent = { Text(s.day(d.date)) },
        supportingContent = { Text(d.hours?.let { s.range(it.start, it.end) } ?: s.careDayOff) },
        trailingContent = if (editable) {
            { IconButton(onClick = { actions.editCare(d) }) { Icon(Icons.Filled.Edit, contentDescription = s.actionEdit + ": " + s.day(d.date)) } }
        } else null,
    )
}

@Composable
private fun CareEditor(d: CareDay, actions: ChildActions) {
    val s = LocalStrings.current
    var start by remember(d) { mutableStateOf(d.hours?.start?.let(s::time).orEmpty()) }
    var end by remember(d) { mutableStateOf(d.hours?.end?.let(s::time).orEmpty()) }
    fun parse(t: String): LocalTime? = try { LocalTime.parse(t.trim()) } catch (e: DateTimeParseException) { null }
    Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
        Text(s.day(d.date), style = MaterialTheme.typography.titleMedium)
        Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            OutlinedTextField(start, { start = it }, Modifier.width(120.dp), singleLine = true, label = { Text(s.careFrom) })
            OutlinedTextField(end, { end = it }, Modifier.width(120.dp), singleLine = true, label = { Text(s.careTo) })
        }
        Row(horizontalArrangement = Arrangement.spacedBy(8.dp), verticalAlignment = Alignment.CenterVertically) {
            val a = parse(start)
            val b = parse(end)
            Button(onClick = { actions.saveCare(CareDay(d.date, if (a != null && b != null) TimeRange(a, b) else null)) }, Modifier.heightIn(min = MinTouch)) { Text(s.actionSave) }
            TextButton(onClick = { actions.saveCare(CareDay(d.date, null)) }, Modifier.heightIn(min = MinTouch)) { Text(s.careDayOff) }
            TextButton(onClick = { actions.editCare(null) }, Modifier.heightIn(min = MinTouch)) { Text(s.actionCancel) }
        }
    }
}

/** A person with call, SMS and e-mail buttons (each a 48 dp target with a description). */
@Composable
fun PersonRow(name: String, role: String?, phone: String?, email: String?) {
    val s = LocalStrings.current
    val uri = LocalUriHandler.current
    ListItem(
        headlineContent = { Text(name) },
        supportingContent = role?.let { { Text(it) } },
        trailingContent = {
            Row {
                if (phone != null) {
                    val tel = phone.filter { it.isDigit() || it == '+' }
                    IconButton(onClick = { uri.openUri("tel:$tel") }) { Icon(Icons.Filled.Call, contentDescription = s.contactCall(name)) }
                    IconButton(onClick = { uri.openUri("sms:$tel") }) { Icon(Icons.AutoMirrored.Filled.Send, contentDescription = s.contactSms(name)) }
                }
                if (email != null) IconButton(onClick = { uri.openUri("mailto:$email") }) { Icon(Icons.Filled.Email, contentDescription = s.contactEmail(name)) }
            }
        },
    )
}
