package se.skolbryggan.ui

import java.awt.Color
import java.awt.Font
import java.awt.RenderingHints
import java.awt.image.BufferedImage
import java.io.File
import javax.imageio.ImageIO

/** One PNG with every screen in every variant, for review (android/screenshots/contact-sheet.png). */
object ContactSheet {
    private const val SCALE = 0.4

    fun write(scenes: List<Pair<String, List<BufferedImage>>>, variants: List<String>, file: File) {
        val first = scenes.first().second.first()
        val w = (first.width * SCALE).toInt()
        val h = (first.height * SCALE).toInt()
        val label = 22
        val perRow = 2
        val cols = perRow * variants.size
        val rows = (scenes.size + perRow - 1) / perRow
        val sheet = BufferedImage(cols * (w + 8) + 8, rows * (h + label + 8) + 8, BufferedImage.TYPE_INT_RGB)
        val g = sheet.createGraphics()
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR)
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON)
        g.color = Color(0x30, 0x30, 0x30)
        g.fillRect(0, 0, sheet.width, sheet.height)
        g.font = Font(Font.SANS_SERIF, Font.PLAIN, 14)
        scenes.forEachIndexed { i, (name, images) ->
            images.forEachIndexed { j, image ->
                val x = 8 + ((i % perRow) * variants.size + j) * (w + 8)
                val y = 8 + (i / perRow) * (h + label + 8)
                g.color = Color.WHITE
                g.drawString("$name · ${variants[j]}", x, y + 15)
                g.drawImage(image, x, y + label, w, h, null)
            }
        }
        g.dispose()
        file.parentFile.mkdirs()
        ImageIO.write(sheet, "png", file)
    }
}
