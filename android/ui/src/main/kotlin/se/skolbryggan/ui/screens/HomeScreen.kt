package se.skolbryggan.ui.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.material3.AssistChip
import androidx.compose.material3.Card
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.material3.pulltorefresh.PullToRefreshBox
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import se.skolbryggan.ui.components.CountPill
import se.skolbryggan.ui.components.EmptyState
import se.skolbryggan.ui.components.MinTouch
import se.skolbryggan.ui.core.AbsenceStatus
import se.skolbryggan.ui.core.HomeCard
import se.skolbryggan.ui.theme.LocalStrings
import se.skolbryggan.ui.viewmodel.HomeState
import se.skolbryggan.ui.viewmodel.Loadable
import se.skolbryggan.ui.viewmodel.Section

/** What the home screen can ask for. */
data class HomeActions(
    val refresh: () -> Unit = {},
    val openChild: (String) -> Unit = {},
    val reportAbsence: (String) -> Unit = {},
    val signInAgain: () -> Unit = {},
    val section: (Section) -> Unit = {},
)

/** The family home: banners, then a card per child; pull to refresh. */
@OptIn(ExperimentalMaterial3Api::class)
@Composable
fun HomeScreen(state: HomeState, actions: HomeActions) {
    val s = LocalStrings.current
    val home = state.home.valueOrNull
    // The date goes in the list, not the bar: at large text the bar would cut it off.
    AppScaffold(title = s.homeTitle, section = Section.Home, onSection = actions.section) { padding ->
        Body(padding) {
            StateBanner(state.banner, home?.freshness, state.expiredPlatform, actions.signInAgain, actions.refresh)
            PullToRefreshBox(isRefreshing = state.refreshing, onRefresh = actions.refresh, modifier = Modifier.fillMaxSize()) {
                when (val h = state.home) {
                    Loadable.Loading -> LoadingState()
                    is Loadable.Failed -> FailedState(h.error, actions.refresh)
                    is Loadable.Loaded -> if (h.value.cards.isEmpty()) {
                        LazyColumn(Modifier.fillMaxSize()) { item { EmptyState(s.homeNoChildren) } }
                    } else {
                        LazyColumn(Modifier.fillMaxSize(), contentPadding = PaddingValues(12.dp), verticalArrangement = Arrangement.spacedBy(12.dp)) {
                            item(key = "date") {
                                Text(s.day(h.value.date), style = MaterialTheme.typography.titleMedium, modifier = Modifier.semantics { heading() })
                            }
                            items(h.value.cards, key = { it.child.id }) { ChildCard(it, actions) }
                        }
                    }
                }
            }
        }
    }
}

@Composable
private fun ChildCard(card: HomeCard, actions: HomeActions) {
    val s = LocalStrings.current
    val type = MaterialTheme.typography
    Card(onClick = { actions.openChild(card.child.id) }, modifier = Modifier.fillMaxWidth()) {
        Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(6.dp)) {
            Text(card.child.firstName, style = type.titleLarge, modifier = Modifier.semantics { heading() })
            listOfNotNull(card.child.schoolName, card.child.className).joinToString(" · ").takeIf { it.isNotEmpty() }?.let {
                Text(it, style = type.bodyMedium, color = MaterialTheme.colorScheme.onSurfaceVariant)
            }
            when {
                card.dayOff != null -> Text(s.homeDayOff(card.dayOff), style = type.bodyLarge)
                card.schoolHours != null -> Text(s.homeSchoolHours("\u2066" + s.time(card.schoolHours.start), s.time(card.schoolHours.end) + "\u2069"), style = type.bodyLarge)
                card.careHours == null -> Text(s.homeNoSchool, style = type.bodyLarge)
            }
            card.careHours?.let { Text(s.homeCareHours("\u2066" + s.time(it.start), s.time(it.end) + "\u2069"), style = type.bodyLarge) }
            val bring = (if (card.gymClothes) listOf(s.homeBringGym) else emptyList()) + card.bring
            if (bring.isNotEmpty()) Text(s.homeBring + ": " + bring.joinToString(", "), style = type.bodyLarge)
            if (card.lunch.isNotEmpty()) Text(s.homeLunch + ": " + card.lunch.joinToString(", "), style = type.bodyMedium)
            card.nextEvent?.let { Text(s.homeNextEvent(it), style = type.bodyMedium, color = MaterialTheme.colorScheme.onSurfaceVariant) }
            FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
                if (card.unreadNews > 0) CountPill(s.homeUnreadNews(card.unreadNews))
                if (card.unreadNotifications > 0) CountPill(s.homeUnreadNotifications(card.unreadNotifications))
            }
            when (card.absence) {
                AbsenceStatus.CanReport -> OutlinedButton(onClick = { actions.reportAbsence(card.child.id) }, Modifier.heightIn(min = MinTouch)) { Text(s.absenceCanReport) }
                AbsenceStatus.Reported -> AssistChip(onClick = { actions.reportAbsence(card.child.id) }, label = { Text(s.absenceReported) }, modifier = Modifier.heightIn(min = MinTouch))
                AbsenceStatus.Locked -> Text(s.absenceLocked, style = type.bodyMedium, color = MaterialTheme.colorScheme.onSurfaceVariant)
                AbsenceStatus.None -> Unit
            }
        }
    }
}
