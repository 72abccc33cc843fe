package se.skolbryggan.ui

import androidx.compose.ui.graphics.Color
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import se.skolbryggan.ui.theme.AppColors
import kotlin.math.pow

/** WCAG 2.x contrast of every text/background pair the theme uses, light and dark: AA is 4.5:1. */
class ThemeContrastTest {
    private fun channel(c: Float): Double = if (c <= 0.04045) c / 12.92 else ((c + 0.055) / 1.055).pow(2.4)
    private fun luminance(c: Color) = 0.2126 * channel(c.red) + 0.7152 * channel(c.green) + 0.0722 * channel(c.blue)

    /** The WCAG contrast ratio of two colours. */
    private fun contrast(a: Color, b: Color): Double {
        val (hi, lo) = listOf(luminance(a), luminance(b)).sortedDescending()
        return (hi + 0.05) / (lo + 0.05)
    }

    @Test
    fun contrastFormulaMatchesWcagReferenceValues() {
        assertEquals(21.0, contrast(Color.Black, Color.White), 0.01)
        assertEquals(1.0, contrast(Color.White, Color.White), 0.001)
        assertEquals(4.48, contrast(Color(0xFF777777), Color.White), 0.01)
    }

    @Test
    fun everyPairPassesAaInLightAndDark() {
        val failures = listOf("light" to AppColors.light, "dark" to AppColors.dark).flatMap { (name, scheme) ->
            AppColors.pairs(scheme).mapNotNull { (pair, colours) ->
                val ratio = contrast(colours.first, colours.second)
                if (ratio < 4.5) "$name $pair: %.2f:1".format(ratio) else null
            }
        }
        assertTrue(failures.isEmpty(), "below WCAG AA 4.5:1: $failures")
    }
}
