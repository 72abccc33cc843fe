package se.skolbryggan.ui.theme

import androidx.compose.material3.ColorScheme
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Typography
import androidx.compose.material3.darkColorScheme
import androidx.compose.material3.lightColorScheme
import androidx.compose.runtime.Composable
import androidx.compose.runtime.CompositionLocalProvider
import androidx.compose.runtime.staticCompositionLocalOf
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.graphics.ImageBitmap
import androidx.compose.ui.platform.LocalLayoutDirection
import androidx.compose.ui.text.TextStyle
import androidx.compose.ui.text.font.FontFamily
import androidx.compose.ui.unit.LayoutDirection
import se.skolbryggan.ui.l10n.Language
import se.skolbryggan.ui.l10n.Strings
import java.util.Locale

/** The app's colours. Every text/background pair passes WCAG AA (ThemeContrastTest). */
object AppColors {
    /** Light scheme. */
    val light: ColorScheme = lightColorScheme(
        primary = Color(0xFF1B5E9E), onPrimary = Color.White,
        primaryContainer = Color(0xFFD3E4FF), onPrimaryContainer = Color(0xFF001C3A),
        secondary = Color(0xFF4E5F7A), onSecondary = Color.White,
        secondaryContainer = Color(0xFFD6E3FF), onSecondaryContainer = Color(0xFF0A1C33),
        tertiary = Color(0xFF7A5300), onTertiary = Color.White,
        tertiaryContainer = Color(0xFFFFDDB0), onTertiaryContainer = Color(0xFF2A1800),
        error = Color(0xFFB3261E), onError = Color.White,
        errorContainer = Color(0xFFF9DEDC), onErrorContainer = Color(0xFF410E0B),
        background = Color(0xFFFBFCFF), onBackground = Color(0xFF1A1C1E),
        surface = Color(0xFFFBFCFF), onSurface = Color(0xFF1A1C1E),
        surfaceVariant = Color(0xFFE0E2EC), onSurfaceVariant = Color(0xFF43474E),
        surfaceContainerLowest = Color.White, surfaceContainerLow = Color(0xFFF3F4F9),
        surfaceContainer = Color(0xFFEDEEF3), surfaceContainerHigh = Color(0xFFE7E8ED),
        surfaceContainerHighest = Color(0xFFE1E2E8),
        outline = Color(0xFF73777F), outlineVariant = Color(0xFFC3C6CF),
    )

    /** Dark scheme. */
    val dark: ColorScheme = darkColorScheme(
        primary = Color(0xFFA3C9FF), onPrimary = Color(0xFF00315F),
        primaryContainer = Color(0xFF00477F), onPrimaryContainer = Color(0xFFD3E4FF),
        secondary = Color(0xFFB8C7E4), onSecondary = Color(0xFF22314A),
        secondaryContainer = Color(0xFF3A4A63), onSecondaryContainer = Color(0xFFD6E3FF),
        tertiary = Color(0xFFF5BD6A), onTertiary = Color(0xFF432C00),
        tertiaryContainer = Color(0xFF5F4100), onTertiaryContainer = Color(0xFFFFDDB0),
        error = Color(0xFFF2B8B5), onError = Color(0xFF601410),
        errorContainer = Color(0xFF8C1D18), onErrorContainer = Color(0xFFF9DEDC),
        background = Color(0xFF111418), onBackground = Color(0xFFE2E2E6),
        surface = Color(0xFF111418), onSurface = Color(0xFFE2E2E6),
        surfaceVariant = Color(0xFF43474E), onSurfaceVariant = Color(0xFFC3C6CF),
        surfaceContainerLowest = Color(0xFF0C0E12), surfaceContainerLow = Color(0xFF1A1C20),
        surfaceContainer = Color(0xFF1E2024), surfaceContainerHigh = Color(0xFF282A2E),
        surfaceContainerHighest = Color(0xFF333539),
        outline = Color(0xFF8D9199), outlineVariant = Color(0xFF43474E),
    )

    /** The text/background pairs the screens use, named for the contrast test. */
    fun pairs(scheme: ColorScheme): Map<String, Pair<Color, Color>> = mapOf(
        "onPrimary/primary" to (scheme.onPrimary to scheme.primary),
        "onPrimaryContainer/primaryContainer" to (scheme.onPrimaryContainer to scheme.primaryContainer),
        "onSecondary/secondary" to (scheme.onSecondary to scheme.secondary),
        "onSecondaryContainer/secondaryContainer" to (scheme.onSecondaryContainer to scheme.secondaryContainer),
        "onTertiary/tertiary" to (scheme.onTertiary to scheme.tertiary),
        "onTertiaryContainer/tertiaryContainer" to (scheme.onTertiaryContainer to scheme.tertiaryContainer),
        "onError/error" to (scheme.onError to scheme.error),
        "onErrorContainer/errorContainer" to (scheme.onErrorContainer to scheme.errorContainer),
        "onBackground/background" to (scheme.onBackground to scheme.background),
        "onSurface/surface" to (scheme.onSurface to scheme.surface),
        "onSurfaceVariant/surface" to (scheme.onSurfaceVariant to scheme.surface),
        "onSurfaceVariant/surfaceVariant" to (scheme.onSurfaceVariant to scheme.surfaceVariant),
        "onSurface/surfaceContainerHighest" to (scheme.onSurface to scheme.surfaceContainerHighest),
        "onSurfaceVariant/surfaceContainerHighest" to (scheme.onSurfaceVariant to scheme.surfaceContainerHighest),
        "onSurface/surfaceContainer" to (scheme.onSurface to scheme.surfaceContainer),
        "primary/surface" to (scheme.primary to scheme.surface),
        "primary/surfaceContainer" to (scheme.primary to scheme.surfaceContainer),
        "error/surface" to (scheme.error to scheme.surface),
        "tertiary/surface" to (scheme.tertiary to scheme.surface),
    )
}

/** The app's strings in the parent's language. */
val LocalStrings = staticCompositionLocalOf { Strings.of(Language.Sv) }

/** Turns image bytes into a bitmap (Android: BitmapFactory; JVM tests: Skia). Null = undecodable. */
val LocalImageDecoder = staticCompositionLocalOf<(ByteArray) -> ImageBitmap?> { { null } }

/** The java.time locale of the current strings (dates, weekdays, times). */
val Strings.locale: Locale get() = Locale.forLanguageTag(language.tag)

/**
 * The app theme: colours, type on [fontFamily] (the platform's or a bundled one), the strings of
 * [language], and the writing direction of that language.
 */
@Composable
fun SkolbrygganTheme(
    dark: Boolean,
    language: Language = Language.Sv,
    fontFamily: FontFamily = FontFamily.Default,
    imageDecoder: (ByteArray) -> ImageBitmap? = { null },
    content: @Composable () -> Unit,
) {
    val base = Typography()
    fun TextStyle.f() = copy(fontFamily = fontFamily)
    val type = Typography(
        displayLarge = base.displayLarge.f(), displayMedium = base.displayMedium.f(), displaySmall = base.displaySmall.f(),
        headlineLarge = base.headlineLarge.f(), headlineMedium = base.headlineMedium.f(), headlineSmall = base.headlineSmall.f(),
        titleLarge = base.titleLarge.f(), titleMedium = base.titleMedium.f(), titleSmall = base.titleSmall.f(),
        bodyLarge = base.bodyLarge.f(), bodyMedium = base.bodyMedium.f(), bodySmall = base.bodySmall.f(),
        labelLarge = base.labelLarge.f(), labelMedium = base.labelMedium.f(), labelSmall = base.labelSmall.f(),
    )
    CompositionLocalProvider(
        LocalStrings provides Strings.of(language),
        LocalImageDecoder provides imageDecoder,
        LocalLayoutDirection provides if (language.rightToLeft) LayoutDirection.Rtl else LayoutDirection.Ltr,
    ) {
        MaterialTheme(colorScheme = if (dark) AppColors.dark else AppColors.light, typography = type, content = content)
    }
}
