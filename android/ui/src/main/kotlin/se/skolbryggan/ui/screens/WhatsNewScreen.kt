package se.skolbryggan.ui.screens

import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.ListItem
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.font.FontWeight
import se.skolbryggan.ui.components.CountPill
import se.skolbryggan.ui.components.EmptyState
import se.skolbryggan.ui.core.ChangeEntry
import se.skolbryggan.ui.theme.LocalStrings
import se.skolbryggan.ui.viewmodel.Loadable
import se.skolbryggan.ui.viewmodel.Section

/** What's new since last time: the change feed, newest first, unread in bold. */
@Composable
fun WhatsNewScreen(state: Loadable<List<ChangeEntry>>, markAllRead: () -> Unit, section: (Section) -> Unit, retry: () -> Unit = {}) {
    val s = LocalStrings.current
    AppScaffold(
        title = s.whatsnewTitle,
        section = Section.WhatsNew,
        onSection = section,
        actions = { if (state.valueOrNull?.any { !it.read } == true) TextButton(onClick = markAllRead) { Text(s.whatsnewMarkAllRead) } },
    ) { padding ->
        Body(padding) {
            when (state) {
                Loadable.Loading -> LoadingState()
                is Loadable.Failed -> FailedState(state.error, retry)
                is Loadable.Loaded -> if (state.value.isEmpty()) EmptyState(s.whatsnewEmpty) else LazyColumn(Modifier.fillMaxSize()) {
                    items(state.value, key = { it.id }) { c ->
                        ListItem(
                            overlineContent = { Text(listOfNotNull(c.childName, s.change(c.kind)).joinToString(" · ")) },
                            headlineContent = { Text(c.title, fontWeight = if (c.read) FontWeight.Normal else FontWeight.Bold) },
                            supportingContent = { Text(s.moment(c.at)) },
                            trailingContent = if (!c.read) {
                                { CountPill("•", Modifier.semantics { contentDescription = s.cdUnread }) }
                            } else null,
                        )
                        HorizontalDivider(color = MaterialTheme.colorScheme.outlineVariant)
                    }
                }
            }
        }
    }
}
