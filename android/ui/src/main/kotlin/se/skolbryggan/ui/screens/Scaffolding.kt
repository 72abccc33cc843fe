package se.skolbryggan.ui.screens

import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.padding
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.automirrored.filled.ArrowBack
import androidx.compose.material.icons.filled.DateRange
import androidx.compose.material.icons.filled.Home
import androidx.compose.material.icons.filled.Notifications
import androidx.compose.material.icons.filled.Settings
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.Icon
import androidx.compose.material3.IconButton
import androidx.compose.material3.NavigationBar
import androidx.compose.material3.NavigationBarItem
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Text
import androidx.compose.material3.TopAppBar
import androidx.compose.runtime.Composable
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.style.TextOverflow
import androidx.compose.ui.unit.dp
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.text.BasicText
import androidx.compose.foundation.text.TextAutoSize
import androidx.compose.material3.LocalContentColor
import androidx.compose.material3.LocalTextStyle
import androidx.compose.ui.unit.sp
import se.skolbryggan.ui.components.Banner
import se.skolbryggan.ui.components.BannerKind
import se.skolbryggan.ui.components.ErrorState
import se.skolbryggan.ui.core.CoreError
import se.skolbryggan.ui.core.Freshness
import se.skolbryggan.ui.core.Platform
import se.skolbryggan.ui.theme.LocalStrings
import se.skolbryggan.ui.viewmodel.BannerState
import se.skolbryggan.ui.viewmodel.Section

/** A screen with a top bar (a back arrow when [onBack] is set) and, on sections, the bottom bar. */
@OptIn(ExperimentalMaterial3Api::class)
@Composable
fun AppScaffold(
    title: String,
    onBack: (() -> Unit)? = null,
    section: Section? = null,
    onSection: (Section) -> Unit = {},
    actions: @Composable () -> Unit = {},
    content: @Composable (PaddingValues) -> Unit,
) {
    val s = LocalStrings.current
    Scaffold(
        topBar = {
            TopAppBar(
                title = { Text(title, maxLines = 1, overflow = TextOverflow.Ellipsis, modifier = Modifier.semantics { heading() }) },
                navigationIcon = {
                    if (onBack != null) IconButton(onClick = onBack) { Icon(Icons.AutoMirrored.Filled.ArrowBack, contentDescription = s.actionBack) }
                },
                actions = { actions() },
            )
        },
        bottomBar = {
            if (section != null) NavigationBar {
                listOf(
                    Triple(Section.Home, Icons.Filled.Home, s.navHome),
                    Triple(Section.WhatsNew, Icons.Filled.Notifications, s.navWhatsNew),
                    Triple(Section.Year, Icons.Filled.DateRange, s.navYear),
                    Triple(Section.Settings, Icons.Filled.Settings, s.navSettings),
                ).forEach { (sec, icon, label) ->
                    NavigationBarItem(
                        selected = sec == section,
                        onClick = { onSection(sec) },
                        icon = { Icon(icon, contentDescription = null) },
                        label = { NavLabel(label) },
                    )
                }
            }
        },
        content = content,
    )
}

/**
 * A bottom-bar label on one line: at large text a long word ("Inställningar" at 1.5×) steps down
 * in size until it fits instead of being cut off; it never grows past the bar's label style.
 */
@Composable
private fun NavLabel(text: String) {
    val style = LocalTextStyle.current
    BasicText(
        text,
        style = style.copy(color = LocalContentColor.current),
        maxLines = 1,
        // Clip, not ellipsis: an ellipsised line never reports an overflow, so it would not shrink.
        softWrap = false,
        overflow = TextOverflow.Clip,
        autoSize = TextAutoSize.StepBased(minFontSize = 7.sp, maxFontSize = style.fontSize, stepSize = 0.5.sp),
    )
}

/** A spinner for the first load. */
@Composable
fun LoadingState(modifier: Modifier = Modifier) {
    val s = LocalStrings.current
    Box(modifier.fillMaxSize().padding(32.dp), contentAlignment = Alignment.Center) {
        CircularProgressIndicator(Modifier.semantics { heading() })
        Text(s.loading, modifier = Modifier.padding(top = 72.dp))
    }
}

/** The error of a failed load. */
@Composable
fun FailedState(error: CoreError, onRetry: () -> Unit) {
    val s = LocalStrings.current
    ErrorState(s.error(error), s.actionRetry, onRetry)
}

/** The banner for a screen's state, or nothing. */
@Composable
fun StateBanner(state: BannerState, freshness: Freshness?, expired: Platform?, onSignInAgain: () -> Unit, onRetry: () -> Unit) {
    val s = LocalStrings.current
    when (state) {
        BannerState.None -> Unit
        BannerState.SessionExpired -> Banner(BannerKind.SessionExpired, s.bannerSessionExpired("\u2068" + s.platform(expired ?: Platform.Stockholm) + "\u2069"), s.actionSignInAgain, onSignInAgain)
        BannerState.Offline -> Banner(BannerKind.Offline, s.errorOffline, s.actionRetry, onRetry)
        BannerState.Stale -> Banner(
            BannerKind.Stale,
            freshness?.fetchedAt?.let { s.bannerStale(s.moment(it)) } ?: s.bannerNeverFetched,
            s.actionRefresh,
            onRetry,
        )
    }
}

/** A column that fills the scaffold's content area. */
@Composable
fun Body(padding: PaddingValues, content: @Composable () -> Unit) {
    Column(Modifier.fillMaxSize().padding(padding)) { content() }
}
