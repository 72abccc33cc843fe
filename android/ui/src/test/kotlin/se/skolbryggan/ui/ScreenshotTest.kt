package se.skolbryggan.ui

import androidx.compose.ui.ImageComposeScene
import androidx.compose.ui.graphics.toComposeImageBitmap
import androidx.compose.ui.unit.Density
import org.jetbrains.skia.EncodedImageFormat
import org.jetbrains.skia.Image
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import se.skolbryggan.ui.l10n.Language
import se.skolbryggan.ui.theme.SkolbrygganTheme
import java.awt.image.BufferedImage
import java.io.File
import java.io.ByteArrayInputStream
import javax.imageio.ImageIO
import kotlin.math.abs
import kotlin.math.max

/**
 * Every screen rendered headless to PNG in four variants (light, dark, Arabic right-to-left,
 * 1.5× font) and compared with the committed goldens in src/test/goldens. A pixel differs when a
 * channel moves by more than [CHANNEL_TOLERANCE]; a golden fails when more than
 * [PIXEL_TOLERANCE] of its pixels differ (anti-aliasing and font hinting drift). A failing golden
 * writes the actual image and a diff (differing pixels in red) under target/screenshots/.
 * `-Dgoldens.update=true` (scripts/update-goldens.sh) rewrites the goldens and the contact sheet.
 */
class ScreenshotTest {
    private data class Variant(val name: String, val dark: Boolean, val language: Language, val fontScale: Float)

    private val variants = listOf(
        Variant("light", false, Language.Sv, 1f),
        Variant("dark", true, Language.Sv, 1f),
        Variant("rtl", false, Language.Ar, 1f),
        Variant("font150", false, Language.Sv, 1.5f),
    )
    private val goldens = File(System.getProperty("goldens.dir", "src/test/goldens"))
    private val out = File(System.getProperty("goldens.out", "target/screenshots"))
    private val update = System.getProperty("goldens.update") == "true"

    private fun render(variant: Variant, content: @androidx.compose.runtime.Composable () -> Unit): BufferedImage {
        val scene = ImageComposeScene(WIDTH_PX, HEIGHT_PX, Density(DENSITY, variant.fontScale)) {
            SkolbrygganTheme(
                dark = variant.dark,
                language = variant.language,
                imageDecoder = { bytes -> Image.makeFromEncoded(bytes).toComposeImageBitmap() },
                content = content,
            )
        }
        try {
            // Three frames, seconds apart, lets layout-driven animations (a scrollable
            // tab row bringing its selected tab into view) settle; fixed times keep it deterministic.
            scene.render(0)
            scene.render(1_000_000_000L)
            val png = scene.render(3_000_000_000L).encodeToData(EncodedImageFormat.PNG)!!.bytes
            return ImageIO.read(ByteArrayInputStream(png))
        } finally {
            scene.close()
        }
    }

    @Test
    fun everyScreenMatchesItsGoldens() {
        out.mkdirs()
        val failures = mutableListOf<String>()
        val rendered = mutableListOf<Pair<String, List<BufferedImage>>>()
        val scenes = Scenes.all()
        for ((name, content) in scenes) {
            val images = variants.map { v ->
                val image = render(v, content)
                val file = File(goldens, "$name-${v.name}.png")
                ImageIO.write(image, "png", File(out, file.name))
                if (update) {
                    goldens.mkdirs()
                    ImageIO.write(image, "png", file)
                } else {
                    compare(file, image)?.let { failures += "${file.name}: $it" }
                }
                image
            }
            rendered += name to images
        }
        if (update) ContactSheet.write(rendered, variants.map { it.name }, File(goldens.parentFile.parentFile.parentFile.parentFile, "screenshots/contact-sheet.png"))
        assertTrue(failures.isEmpty(), "goldens differ (actual and diff images in $out/failures):\n" + failures.joinToString("\n"))
        assertTrue(scenes.size >= 25, "every screen has a scene")
    }

    private fun compare(golden: File, actual: BufferedImage): String? {
        if (!golden.exists()) return fail(golden, actual, null, "no golden (run android/scripts/update-goldens.sh)")
        val expected = ImageIO.read(golden)
        if (expected.width != actual.width || expected.height != actual.height) return fail(golden, actual, null, "size ${actual.width}×${actual.height}, golden ${expected.width}×${expected.height}")
        val diff = BufferedImage(actual.width, actual.height, BufferedImage.TYPE_INT_RGB)
        var differing = 0
        for (y in 0 until actual.height) for (x in 0 until actual.width) {
            val a = actual.getRGB(x, y)
            val e = expected.getRGB(x, y)
            val d = max(max(abs((a shr 16 and 255) - (e shr 16 and 255)), abs((a shr 8 and 255) - (e shr 8 and 255))), abs((a and 255) - (e and 255)))
            if (d > CHANNEL_TOLERANCE) {
                differing++
                diff.setRGB(x, y, 0xFF0000)
            } else {
                diff.setRGB(x, y, (e and 0xFEFEFE) shr 1 or 0x808080)
            }
        }
        val share = differing.toDouble() / (actual.width * actual.height)
        return if (share > PIXEL_TOLERANCE) fail(golden, actual, diff, "%.3f%% of pixels differ".format(share * 100)) else null
    }

    private fun fail(golden: File, actual: BufferedImage, diff: BufferedImage?, why: String): String {
        val dir = File(out, "failures").apply { mkdirs() }
        ImageIO.write(actual, "png", File(dir, golden.name))
        if (diff != null) ImageIO.write(diff, "png", File(dir, golden.name.removeSuffix(".png") + "-diff.png"))
        return why
    }

    companion object {
        /** A common phone: 360 × 720 dp at 1.5 px per dp. */
        const val DENSITY = 1.5f
        const val WIDTH_PX = 540
        const val HEIGHT_PX = 1080
        const val CHANNEL_TOLERANCE = 48
        const val PIXEL_TOLERANCE = 0.004
    }
}
