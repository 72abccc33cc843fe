package se.skolbryggan.ui.components

import androidx.compose.foundation.Canvas
import androidx.compose.foundation.background
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.aspectRatio
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.size
import androidx.compose.foundation.layout.widthIn
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.Info
import androidx.compose.material.icons.filled.Warning
import androidx.compose.material3.Button
import androidx.compose.material3.Icon
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Surface
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.geometry.Offset
import androidx.compose.ui.geometry.Size
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.style.TextAlign
import androidx.compose.ui.unit.dp
import io.nayuki.qrcodegen.QrCode

/** The smallest touch target (WCAG 2.5.8 / Material: 48 dp). */
val MinTouch = 48.dp

/** What a banner warns about. */
enum class BannerKind { Stale, SessionExpired, Offline }

/** A banner across the top of a screen: stale data, an expired session, no connection. */
@Composable
fun Banner(kind: BannerKind, text: String, actionLabel: String? = null, onAction: () -> Unit = {}) {
    val colors = MaterialTheme.colorScheme
    val (bg, fg) = when (kind) {
        BannerKind.SessionExpired -> colors.errorContainer to colors.onErrorContainer
        else -> colors.tertiaryContainer to colors.onTertiaryContainer
    }
    Surface(color = bg, contentColor = fg, modifier = Modifier.fillMaxWidth()) {
        Column(Modifier.padding(start = 16.dp, end = 8.dp, top = 8.dp, bottom = if (actionLabel == null) 8.dp else 0.dp)) {
            Row(verticalAlignment = Alignment.CenterVertically) {
                Icon(if (kind == BannerKind.SessionExpired) Icons.Filled.Warning else Icons.Filled.Info, contentDescription = null)
                Text(text, Modifier.weight(1f).padding(horizontal = 12.dp), style = MaterialTheme.typography.bodyMedium)
            }
            if (actionLabel != null) {
                TextButton(onClick = onAction, modifier = Modifier.align(Alignment.End).heightIn(min = MinTouch)) { Text(actionLabel, color = fg) }
            }
        }
    }
}

/** A heading (announced as such by TalkBack/VoiceOver). */
@Composable
fun Heading(text: String, modifier: Modifier = Modifier) {
    Text(
        text,
        style = MaterialTheme.typography.titleMedium,
        color = MaterialTheme.colorScheme.primary,
        modifier = modifier.padding(horizontal = 16.dp, vertical = 8.dp).semantics { heading() },
    )
}

/** An empty list. */
@Composable
fun EmptyState(text: String, modifier: Modifier = Modifier) {
    Box(modifier.fillMaxWidth().padding(32.dp), contentAlignment = Alignment.Center) {
        Text(text, style = MaterialTheme.typography.bodyLarge, color = MaterialTheme.colorScheme.onSurfaceVariant, textAlign = TextAlign.Center)
    }
}

/** A failed load with a retry button. */
@Composable
fun ErrorState(text: String, retryLabel: String, onRetry: () -> Unit, modifier: Modifier = Modifier) {
    Column(modifier.fillMaxWidth().padding(32.dp), horizontalAlignment = Alignment.CenterHorizontally, verticalArrangement = Arrangement.spacedBy(16.dp)) {
        Icon(Icons.Filled.Warning, contentDescription = null, tint = MaterialTheme.colorScheme.error, modifier = Modifier.size(40.dp))
        Text(text, style = MaterialTheme.typography.bodyLarge, textAlign = TextAlign.Center)
        Button(onClick = onRetry, modifier = Modifier.heightIn(min = MinTouch)) { Text(retryLabel) }
    }
}

/** A small count badge (unread). */
@Composable
fun CountPill(text: String, modifier: Modifier = Modifier) {
    Surface(color = MaterialTheme.colorScheme.primaryContainer, contentColor = MaterialTheme.colorScheme.onPrimaryContainer, shape = MaterialTheme.shapes.small, modifier = modifier) {
        Text(text, style = MaterialTheme.typography.labelLarge, modifier = Modifier.padding(horizontal = 8.dp, vertical = 4.dp))
    }
}

/**
 * A QR code drawn from [payload] (BankID on another device: the payload changes every second, so
 * the code animates as the core hands new frames). Dark modules on white in both themes, with a
 * quiet zone, so phones can scan it.
 */
@Composable
fun QrCodeImage(payload: String, description: String, modifier: Modifier = Modifier) {
    val qr = QrCode.encodeText(payload, QrCode.Ecc.MEDIUM)
    Canvas(
        modifier.widthIn(max = 280.dp).fillMaxWidth().aspectRatio(1f).background(Color.White)
            .semantics { contentDescription = description },
    ) {
        val quiet = 4
        val cells = qr.size + 2 * quiet
        val cell = size.minDimension / cells
        for (y in 0 until qr.size) for (x in 0 until qr.size) {
            if (qr.getModule(x, y)) {
                drawRect(Color.Black, Offset((x + quiet) * cell, (y + quiet) * cell), Size(cell + 0.5f, cell + 0.5f))
            }
        }
    }
}
