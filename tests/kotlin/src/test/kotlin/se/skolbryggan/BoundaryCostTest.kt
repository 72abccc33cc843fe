package se.skolbryggan

import java.nio.file.Path
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/**
 * The cost of crossing the boundary: the week overview of the scaled demo family
 * (`DemoConfig::with_scale(10)`, 30 children) called from Kotlin. Prints the median; compare
 * with the Rust bench `cargo bench -p skolbryggan-ffi` and the Python figure.
 */
class BoundaryCostTest {
    @TempDir
    lateinit var dir: Path

    @Test
    fun `week overview of the scale 10 family from Kotlin`() = runBlocking<Unit> {
        val client = demoClient(dir, scale = 10u)
        client.loginDemo()
        repeat(20) { client.weekOverview(DATE) }
        val times = (1..100).map {
            val t0 = System.nanoTime()
            val week = client.weekOverview(DATE)
            val t = System.nanoTime() - t0
            assertEquals(30, week.days[0].children.size)
            t
        }.sorted()
        val median = times[times.size / 2] / 1000.0
        val p90 = times[times.size * 9 / 10] / 1000.0
        println("BOUNDARY kotlin week_overview scale=10: median %.0f µs, p90 %.0f µs".format(median, p90))
    }
}
