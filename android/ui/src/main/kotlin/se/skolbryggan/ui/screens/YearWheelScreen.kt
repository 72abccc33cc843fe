package se.skolbryggan.ui.screens

import androidx.compose.foundation.Canvas
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.aspectRatio
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.size
import androidx.compose.foundation.layout.widthIn
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.foundation.shape.CircleShape
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.Share
import androidx.compose.material3.Icon
import androidx.compose.material3.IconButton
import androidx.compose.material3.ListItem
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Surface
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.geometry.Offset
import androidx.compose.ui.geometry.Size
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.graphics.drawscope.Stroke
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.TextStyle
import androidx.compose.ui.text.drawText
import androidx.compose.ui.text.rememberTextMeasurer
import androidx.compose.ui.unit.dp
import se.skolbryggan.ui.components.Heading
import se.skolbryggan.ui.core.EventKind
import se.skolbryggan.ui.core.YearWheel
import se.skolbryggan.ui.theme.LocalStrings
import se.skolbryggan.ui.theme.locale
import se.skolbryggan.ui.viewmodel.Loadable
import se.skolbryggan.ui.viewmodel.Section
import java.time.format.TextStyle as DateTextStyle
import java.time.temporal.ChronoUnit
import kotlin.math.cos
import kotlin.math.sin

/** The colour of an event kind on the wheel (theme colours, so both themes keep contrast). */
@Composable
private fun kindColor(k: EventKind): Color = when (k) {
    EventKind.Holiday -> MaterialTheme.colorScheme.primary
    EventKind.StudyDay -> MaterialTheme.colorScheme.secondary
    EventKind.Test -> MaterialTheme.colorScheme.error
    EventKind.ParentMeeting -> MaterialTheme.colorScheme.tertiary
    else -> MaterialTheme.colorScheme.onSurfaceVariant
}

/** The school year at a glance: a ring of months with the year's marks, then the list; once loaded, [share] shares it as an .ics file. */
@Composable
fun YearWheelScreen(state: Loadable<YearWheel>, section: (Section) -> Unit, retry: () -> Unit = {}, share: () -> Unit = {}) {
    val s = LocalStrings.current
    val actions: @Composable () -> Unit = {
        if (state is Loadable.Loaded) IconButton(onClick = share) { Icon(Icons.Filled.Share, contentDescription = s.yearwheelShare) }
    }
    AppScaffold(title = s.yearwheelTitle, section = Section.Year, onSection = section, actions = actions) { padding ->
        Body(padding) {
            when (state) {
                Loadable.Loading -> LoadingState()
                is Loadable.Failed -> FailedState(state.error, retry)
                is Loadable.Loaded -> LazyColumn(Modifier.fillMaxSize()) {
                    item { Wheel(state.value) }
                    state.value.events.groupBy { it.date.withDayOfMonth(1) }.forEach { (month, events) ->
                        item(key = month.toString()) { Heading(month.month.getDisplayName(DateTextStyle.FULL_STANDALONE, s.locale) + " " + month.year) }
                        items(events) { e ->
                            val colour = kindColor(e.kind)
                            ListItem(
                                leadingContent = { Surface(color = colour, shape = CircleShape, modifier = Modifier.size(12.dp)) {} },
                                overlineContent = { Text(listOfNotNull(s.kind(e.kind), e.childName).joinToString(" · ")) },
                                headlineContent = { Text(e.title) },
                                supportingContent = { Text(if (e.endDate != e.date) s.shortDate(e.date) + " – " + s.shortDate(e.endDate) else s.shortDate(e.date)) },
                            )
                        }
                    }
                }
            }
        }
    }
}

@Composable
private fun Wheel(year: YearWheel) {
    val s = LocalStrings.current
    val measurer = rememberTextMeasurer()
    val ring = MaterialTheme.colorScheme.surfaceContainerHighest
    val ringAlt = MaterialTheme.colorScheme.surfaceVariant
    val label = MaterialTheme.typography.labelMedium.copy(color = MaterialTheme.colorScheme.onSurface)
    val days = ChronoUnit.DAYS.between(year.from, year.to).toFloat() + 1
    val marks = year.events.map { e ->
        Triple(ChronoUnit.DAYS.between(year.from, e.date) / days, (ChronoUnit.DAYS.between(e.date, e.endDate) + 1) / days, kindColor(e.kind))
    }
    val summary = s.yearwheelTitle + ": " + year.events.size
    Box(Modifier.fillMaxWidth().padding(16.dp), contentAlignment = Alignment.Center) {
        Canvas(Modifier.widthIn(max = 320.dp).fillMaxWidth().aspectRatio(1f).semantics { contentDescription = summary }) {
            val r = size.minDimension / 2
            val band = r * 0.22f
            val tl = Offset(center.x - r + band / 2, center.y - r + band / 2)
            val arc = Size((r - band / 2) * 2, (r - band / 2) * 2)
            for (m in 0 until 12) {
                drawArc(if (m % 2 == 0) ring else ringAlt, -90f + m * 30f, 30f, false, tl, arc, style = Stroke(band))
            }
            marks.forEach { (start, length, colour) ->
                drawArc(colour, -90f + start * 360f, maxOf(length * 360f, 2f), false, tl, arc, style = Stroke(band * 0.5f))
            }
            for (m in 0 until 12) {
                val month = year.from.plusMonths(m.toLong()).month.getDisplayName(DateTextStyle.SHORT_STANDALONE, s.locale)
                val angle = Math.toRadians((-90.0 + m * 30 + 15))
                val lr = r - band - 18.dp.toPx()
                val layout = measurer.measure(month, label)
                drawText(layout, topLeft = Offset(center.x + (lr * cos(angle)).toFloat() - layout.size.width / 2, center.y + (lr * sin(angle)).toFloat() - layout.size.height / 2))
            }
            val yearText = measurer.measure("${year.from.year}/${year.to.year % 100}", TextStyle(fontSize = label.fontSize * 1.6f, color = label.color))
            drawText(yearText, topLeft = Offset(center.x - yearText.size.width / 2, center.y - yearText.size.height / 2))
        }
    }
    Row(Modifier.padding(horizontal = 16.dp), horizontalArrangement = Arrangement.spacedBy(12.dp)) {}
}
