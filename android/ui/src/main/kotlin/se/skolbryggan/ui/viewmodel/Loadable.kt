package se.skolbryggan.ui.viewmodel

import se.skolbryggan.ui.core.CoreError
import se.skolbryggan.ui.core.CoreException

/** Something a screen loads: still loading, loaded, or failed with an error it can act on. */
sealed interface Loadable<out T> {
    /** Not there yet. */
    data object Loading : Loadable<Nothing>
    /** Loaded. */
    data class Loaded<T>(val value: T) : Loadable<T>
    /** Failed. */
    data class Failed(val error: CoreError) : Loadable<Nothing>

    /** The value when loaded, else null. */
    val valueOrNull: T? get() = (this as? Loaded<T>)?.value
}

/** Runs [block] and wraps its result or its [CoreException]. */
internal suspend fun <T> load(block: suspend () -> T): Loadable<T> = try {
    Loadable.Loaded(block())
} catch (e: CoreException) {
    Loadable.Failed(e.error)
}

/** Which banner a screen shows above its content. */
enum class BannerState { None, Stale, SessionExpired, Offline }
