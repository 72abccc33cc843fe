package se.skolbryggan.ui.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.Info
import androidx.compose.material3.Icon
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalUriHandler
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import se.skolbryggan.ui.components.Heading
import se.skolbryggan.ui.components.MarkdownBody
import se.skolbryggan.ui.components.MinTouch
import se.skolbryggan.ui.theme.LocalStrings
import se.skolbryggan.ui.viewmodel.ArticleContent
import se.skolbryggan.ui.viewmodel.Loadable

/** A news article: title, byline, Markdown body with pictures, attachments. */
@Composable
fun ArticleScreen(state: Loadable<ArticleContent>, back: () -> Unit, retry: () -> Unit = {}) {
    val s = LocalStrings.current
    val uri = LocalUriHandler.current
    AppScaffold(title = s.tabNews, onBack = back) { padding ->
        Body(padding) {
            when (state) {
                Loadable.Loading -> LoadingState()
                is Loadable.Failed -> FailedState(state.error, retry)
                is Loadable.Loaded -> Column(
                    Modifier.verticalScroll(rememberScrollState()).padding(16.dp),
                    verticalArrangement = Arrangement.spacedBy(8.dp),
                ) {
                    val a = state.value.article
                    Text(a.summary.title, style = MaterialTheme.typography.headlineSmall, modifier = Modifier.semantics { heading() })
                    Text(
                        listOfNotNull(a.summary.author?.let(s::articleAuthor), s.articlePublished(s.moment(a.summary.published))).joinToString(" · "),
                        style = MaterialTheme.typography.bodyMedium,
                        color = MaterialTheme.colorScheme.onSurfaceVariant,
                    )
                    MarkdownBody(a.bodyMarkdown, state.value.images, s.imageFromSchool)
                    if (a.attachments.isNotEmpty()) {
                        Heading(s.articleAttachments, Modifier.padding(top = 8.dp))
                        a.attachments.forEach { att ->
                            TextButton(onClick = { uri.openUri(att.url) }, Modifier.heightIn(min = MinTouch)) {
                                Icon(Icons.Filled.Info, contentDescription = null)
                                Text(att.name, Modifier.padding(start = 8.dp))
                            }
                        }
                    }
                }
            }
        }
    }
}
