package se.skolbryggan.ui.components

import androidx.compose.foundation.Image
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.remember
import androidx.compose.ui.Modifier
import androidx.compose.ui.layout.ContentScale
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.AnnotatedString
import androidx.compose.ui.text.LinkAnnotation
import androidx.compose.ui.text.SpanStyle
import androidx.compose.ui.text.TextLinkStyles
import androidx.compose.ui.text.buildAnnotatedString
import androidx.compose.ui.text.font.FontFamily
import androidx.compose.ui.text.font.FontStyle
import androidx.compose.ui.text.font.FontWeight
import androidx.compose.ui.text.style.TextDecoration
import androidx.compose.ui.text.withLink
import androidx.compose.ui.text.withStyle
import androidx.compose.ui.unit.dp
import org.commonmark.node.BlockQuote
import org.commonmark.node.BulletList
import org.commonmark.node.Code
import org.commonmark.node.Emphasis
import org.commonmark.node.HardLineBreak
import org.commonmark.node.Heading as MdHeading
import org.commonmark.node.Image as MdImage
import org.commonmark.node.Link
import org.commonmark.node.ListItem
import org.commonmark.node.Node
import org.commonmark.node.OrderedList
import org.commonmark.node.Paragraph
import org.commonmark.node.SoftLineBreak
import org.commonmark.node.StrongEmphasis
import org.commonmark.node.Text as MdText
import org.commonmark.node.ThematicBreak
import org.commonmark.parser.Parser
import se.skolbryggan.ui.theme.LocalImageDecoder

/** The image URLs of a Markdown body, in order (the article view model loads them through the core). */
fun markdownImageUrls(markdown: String): List<String> {
    val urls = mutableListOf<String>()
    fun walk(n: Node?) {
        var c = n?.firstChild
        while (c != null) {
            if (c is MdImage) urls += c.destination
            walk(c)
            c = c.next
        }
    }
    walk(Parser.builder().build().parse(markdown))
    return urls
}

/**
 * Markdown from the core (news bodies) as Compose text: headings, paragraphs, lists, emphasis,
 * links (opened by the platform's UriHandler) and pictures from [images] (bytes the core loaded
 * with the platform's session), each with its alt text as description.
 */
@Composable
fun MarkdownBody(markdown: String, images: Map<String, ByteArray>, imageFallback: String, modifier: Modifier = Modifier) {
    val doc = remember(markdown) { Parser.builder().build().parse(markdown) }
    Column(modifier, verticalArrangement = Arrangement.spacedBy(12.dp)) {
        var block = doc.firstChild
        while (block != null) {
            Block(block, images, imageFallback)
            block = block.next
        }
    }
}

@Composable
private fun Block(node: Node, images: Map<String, ByteArray>, imageFallback: String) {
    val type = MaterialTheme.typography
    when (node) {
        is MdHeading -> Text(inline(node), style = if (node.level <= 2) type.titleLarge else type.titleMedium, modifier = Modifier.semantics { heading() })
        is Paragraph -> {
            val pictures = children(node).filterIsInstance<MdImage>()
            val text = inline(node)
            if (text.isNotBlank()) Text(text, style = type.bodyLarge)
            pictures.forEach { Picture(it, images, imageFallback) }
        }
        is BulletList, is OrderedList -> Column(verticalArrangement = Arrangement.spacedBy(4.dp)) {
            var n = (node as? OrderedList)?.markerStartNumber ?: 1
            children(node).filterIsInstance<ListItem>().forEach { item ->
                val marker = if (node is OrderedList) "${n++}." else "•"
                Row(Modifier.fillMaxWidth()) {
                    Text(marker, style = type.bodyLarge, modifier = Modifier.padding(end = 8.dp))
                    Column { children(item).forEach { Block(it, images, imageFallback) } }
                }
            }
        }
        is BlockQuote -> Column(Modifier.padding(start = 16.dp)) { children(node).forEach { Block(it, images, imageFallback) } }
        is ThematicBreak -> HorizontalDivider()
        else -> {
            val text = inline(node)
            if (text.isNotBlank()) Text(text, style = type.bodyLarge)
        }
    }
}

@Composable
private fun Picture(image: MdImage, images: Map<String, ByteArray>, fallback: String) {
    val decode = LocalImageDecoder.current
    val alt = children(image).filterIsInstance<MdText>().joinToString("") { it.literal }.ifBlank { fallback }
    val bitmap = remember(image.destination, images) { images[image.destination]?.let(decode) }
    if (bitmap != null) {
        Image(bitmap, contentDescription = alt, contentScale = ContentScale.FillWidth, modifier = Modifier.fillMaxWidth())
    } else {
        Text(alt, style = MaterialTheme.typography.bodyMedium, fontStyle = FontStyle.Italic, color = MaterialTheme.colorScheme.onSurfaceVariant)
    }
}

private fun children(node: Node): List<Node> {
    val out = mutableListOf<Node>()
    var c = node.firstChild
    while (c != null) {
        out += c
        c = c.next
    }
    return out
}

@Composable
private fun inline(node: Node): AnnotatedString {
    val link = MaterialTheme.colorScheme.primary
    return remember(node, link) {
        buildAnnotatedString {
            fun add(n: Node) {
                when (n) {
                    is MdText -> append(n.literal)
                    is SoftLineBreak -> append(" ")
                    is HardLineBreak -> append("\n")
                    is Code -> withStyle(SpanStyle(fontFamily = FontFamily.Monospace)) { append(n.literal) }
                    is Emphasis -> withStyle(SpanStyle(fontStyle = FontStyle.Italic)) { children(n).forEach(::add) }
                    is StrongEmphasis -> withStyle(SpanStyle(fontWeight = FontWeight.Bold)) { children(n).forEach(::add) }
                    is Link -> withLink(LinkAnnotation.Url(n.destination, TextLinkStyles(SpanStyle(color = link, textDecoration = TextDecoration.Underline)))) {
                        children(n).forEach(::add)
                    }
                    is MdImage -> Unit
                    else -> children(n).forEach(::add)
                }
            }
            children(node).forEach(::add)
        }
    }
}
