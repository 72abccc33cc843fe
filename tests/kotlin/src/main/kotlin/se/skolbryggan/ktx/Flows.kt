package se.skolbryggan.ktx

import kotlinx.coroutines.channels.awaitClose
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.callbackFlow
import kotlinx.coroutines.launch
import se.skolbryggan.Client
import se.skolbryggan.DataChangedListener
import se.skolbryggan.DataChange
import se.skolbryggan.LoginListener
import se.skolbryggan.LoginOptions
import se.skolbryggan.LoginUpdate
import se.skolbryggan.PendingLogin
import se.skolbryggan.RefreshListener
import se.skolbryggan.RefreshOptions
import se.skolbryggan.RefreshProgress
import se.skolbryggan.RefreshReport
import se.skolbryggan.User

/** What a login flow emits: every state change, then the logged-in guardian. */
sealed interface LoginEvent {
    /** A state change (with the QR payload to show, for BankID on another device). */
    data class Update(val update: LoginUpdate) : LoginEvent

    /** Logged in; the flow completes after this. */
    data class Done(val user: User) : LoginEvent
}

/**
 * Runs the login as a cold [Flow]: collecting it starts polling, every state arrives as
 * [LoginEvent.Update], and the flow ends with [LoginEvent.Done] or throws the
 * `SkolbrygganException` of a failed login.
 *
 * Cancelling the collector (leaving the screen, `job.cancel()`) cancels the Rust future at once,
 * so the polling of the identity provider stops.
 */
fun PendingLogin.events(options: LoginOptions? = null): Flow<LoginEvent> = callbackFlow {
    val listener = object : LoginListener {
        override fun onUpdate(update: LoginUpdate) {
            trySend(LoginEvent.Update(update))
        }
    }
    val job = launch {
        try {
            val user = complete(listener, options)
            send(LoginEvent.Done(user))
            close()
        } catch (e: Exception) {
            close(e)
        }
    }
    awaitClose { job.cancel() }
}

/**
 * The client's data-changed notices as a [Flow] (subscribed while collected): read again on each.
 * Cancelling the collector cancels (and closes) the subscription.
 */
fun Client.dataChanges(): Flow<DataChange> = callbackFlow {
    val handle = subscribeChanges(object : DataChangedListener {
        override fun onDataChanged(change: DataChange) {
            trySend(change)
        }
    })
    awaitClose {
        handle.cancel()
        handle.close()
    }
}

/** [Client.refresh] with a Kotlin lambda for the progress. */
suspend fun Client.refresh(options: RefreshOptions = RefreshOptions(), onProgress: (RefreshProgress) -> Unit): RefreshReport =
    refresh(options, object : RefreshListener {
        override fun onProgress(progress: RefreshProgress) = onProgress(progress)
    })
