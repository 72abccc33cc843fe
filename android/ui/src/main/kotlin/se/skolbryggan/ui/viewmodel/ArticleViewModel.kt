package se.skolbryggan.ui.viewmodel

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.launch
import se.skolbryggan.ui.components.markdownImageUrls
import se.skolbryggan.ui.core.Article
import se.skolbryggan.ui.core.SchoolCore

/** A loaded article and the pictures the core fetched for it. */
data class ArticleContent(val article: Article, val images: Map<String, ByteArray>) {
    override fun equals(other: Any?) = other is ArticleContent && other.article == article && other.images.keys == images.keys
    override fun hashCode() = article.hashCode() * 31 + images.keys.hashCode()
}

/** A news article with Markdown and pictures loaded through the core (the platform's session). */
class ArticleViewModel(private val core: SchoolCore, private val scope: CoroutineScope, private val newsId: String) {
    private val _state = MutableStateFlow<Loadable<ArticleContent>>(Loadable.Loading)

    /** The screen's state. */
    val state: StateFlow<Loadable<ArticleContent>> = _state.asStateFlow()

    /** Loads the article, then its pictures. Opening it marks its change-feed entries read. */
    fun load() = scope.launch {
        _state.value = load {
            val article = core.article(newsId)
            val urls = markdownImageUrls(article.bodyMarkdown)
            val images = urls.mapNotNull { url -> core.image(url)?.let { url to it } }.toMap()
            try {
                core.markEntityRead(newsId)
            } catch (e: se.skolbryggan.ui.core.CoreException) {
                // The feed entry stays unread; the article still shows.
            }
            ArticleContent(article, images)
        }
    }
}
