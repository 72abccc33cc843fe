package se.skolbryggan.app

import android.content.Context
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import se.skolbryggan.Client
import se.skolbryggan.ClientBuilder
import se.skolbryggan.HostPlatform
import se.skolbryggan.SecretStore
import java.io.File
import java.time.LocalDate
import java.time.ZoneId

/**
 * What the Android layer shares: one [Client] per process, opened on first use with the
 * Keystore [SecretStore], and the day the screens show ([today]: Stockholm's, or the fixed day
 * of a test whose client has one). Tests replace [open] (a fixed day, a software key) through
 * [SkolbrygganApplication.services].
 */
class AppServices(
    private val context: Context,
    /** Today for the screens; a test passes its client's fixed day. */
    val today: () -> LocalDate = { LocalDate.now(ZoneId.of("Europe/Stockholm")) },
    private val open: suspend (Context) -> Client = { ctx -> defaultClient(ctx, KeystoreSecretStore(ctx)) },
) {
    private val lock = Mutex()
    private var client: Client? = null

    /** The process's client (built once). */
    suspend fun client(): Client = lock.withLock { client ?: open(context).also { client = it } }

    companion object {
        /** The production client: cache in app-private storage, secrets in [secrets]. */
        suspend fun defaultClient(context: Context, secrets: SecretStore): Client =
            ClientBuilder(File(context.filesDir, "skolbryggan").path)
                .hostPlatform(HostPlatform.ANDROID)
                .secretStore(secrets)
                .build()
    }
}
