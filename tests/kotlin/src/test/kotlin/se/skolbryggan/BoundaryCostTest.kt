package se.skolbryggan

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

/**
 * The cost of crossing the boundary: the week overview of the scaled demo family
 * (`DemoConfig::with_scale(10)`, 30 children) called from Kotlin. Prints the median; compare
 * with `cargo bench -p skolbryggan --bench week_overview` and the Python figure.
 */
class BoundaryCostTest {
    @Test
    fun `week overview of the scale 10 family from Kotlin`() {
        val family = DemoFamily.generate(DATE, 10u)
        assertEquals(50u, family.childCount())
        repeat(10) { family.weekOverview(DATE) }
        val times = (1..50).map {
            val t0 = System.nanoTime()
            val week = family.weekOverview(DATE)
            val t = System.nanoTime() - t0
            assertEquals(50, week.days[0].children.size)
            t
        }.sorted()
        println("BOUNDARY kotlin week_overview scale=10: median %.0f µs, p90 %.0f µs".format(times[25] / 1000.0, times[45] / 1000.0))
        family.close()
    }
}
