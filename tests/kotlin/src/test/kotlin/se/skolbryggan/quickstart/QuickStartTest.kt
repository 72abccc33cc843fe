package se.skolbryggan.quickstart

import java.io.ByteArrayOutputStream
import java.io.PrintStream
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** Runs the README's quick start as written and checks what it printed: one line per child. */
class QuickStartTest {
    @Test
    fun `the README quick start shows today for every demo child`() {
        val out = ByteArrayOutputStream()
        val saved = System.out
        System.setOut(PrintStream(out, true, "UTF-8"))
        try {
            main()
        } finally {
            System.setOut(saved)
        }
        val lines = out.toString("UTF-8").lines().filter { it.isNotBlank() }
        assertEquals(5, lines.size, lines.joinToString("\n"))
        assertTrue(lines.all { it.contains(": ") }, lines.joinToString("\n"))
    }
}
