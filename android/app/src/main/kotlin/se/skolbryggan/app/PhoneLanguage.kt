package se.skolbryggan.app

import android.os.LocaleList
import se.skolbryggan.ui.l10n.Language

/** The catalog language closest to the phone's languages (Swedish when none matches). */
object PhoneLanguage {
    /** The first of [locales] that the catalog has, by language tag. */
    fun of(locales: LocaleList): Language {
        for (i in 0 until locales.size()) {
            val tag = locales[i].language
            Language.entries.firstOrNull { it.tag == tag }?.let { return it }
        }
        return Language.Sv
    }
}
