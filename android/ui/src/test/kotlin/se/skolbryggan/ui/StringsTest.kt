package se.skolbryggan.ui

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import se.skolbryggan.ui.l10n.Language
import se.skolbryggan.ui.l10n.Strings

/** The generated catalog: plural rules per CLDR, placeholders filled, every language complete. */
class StringsTest {
    @Test
    fun swedishAndEnglishPlurals() {
        assertEquals("1 ny nyhet", Strings.of(Language.Sv).homeUnreadNews(1))
        assertEquals("3 nya nyheter", Strings.of(Language.Sv).homeUnreadNews(3))
        assertEquals("1 new notification", Strings.of(Language.En).homeUnreadNotifications(1))
    }

    @Test
    fun arabicUsesAllSixCategories() {
        val ar = Strings.of(Language.Ar)
        val forms = listOf(0, 1, 2, 3, 11, 100).map { ar.homeUnreadNews(it) }
        assertEquals(6, forms.toSet().size, forms.toString())
        assertTrue(ar.homeUnreadNews(3).startsWith("3 "))
    }

    @Test
    fun russianAndPolishFewAndMany() {
        val ru = Strings.of(Language.Ru)
        fun form(n: Int) = ru.homeUnreadNews(n).substringAfter(' ')
        assertEquals(form(2), form(22))
        assertEquals(form(5), form(11))
        assertEquals(form(1), form(21))
        assertTrue(form(1) != form(2) && form(2) != form(5))
        val pl = Strings.of(Language.Pl)
        assertTrue(pl.homeUnreadNews(12).contains("nowych"))
    }

    @Test
    fun placeholdersAreFilledInEveryLanguage() {
        Language.entries.forEach { l ->
            val s = Strings.of(l)
            val text = s.absenceConfirm("Majken", "X") + s.bannerStale("T") + s.homeSchoolHours("A", "B")
            assertTrue(text.contains("Majken") && !text.contains("{"), "$l: $text")
            assertTrue(s.signinTitle.isNotBlank())
        }
        assertTrue(Language.entries.size >= 21)
        assertEquals(Language.Ar, Language.forTag("ar-SE"))
        assertTrue(Language.Ar.rightToLeft && Language.Fa.rightToLeft && Language.Ckb.rightToLeft && !Language.Ti.rightToLeft)
    }
}
