package se.skolbryggan.app

import android.content.pm.PackageManager
import androidx.activity.ComponentActivity
import androidx.activity.result.contract.ActivityResultContracts
import androidx.core.content.ContextCompat
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock

/**
 * Runtime permissions as a suspend call: [request] answers at once when every permission is
 * held, else shows the phone's dialog and waits for the parent's answer. Construct it in
 * `onCreate` (an activity-result launcher must be registered before the Activity starts). One
 * request at a time.
 */
class RuntimePermissions(private val activity: ComponentActivity) {
    private var pending: CompletableDeferred<Map<String, Boolean>>? = null
    private val lock = Mutex()
    private val launcher = activity.registerForActivityResult(ActivityResultContracts.RequestMultiplePermissions()) { result ->
        pending?.complete(result)
    }

    /** True when [permission] is held. */
    fun holds(permission: String): Boolean =
        ContextCompat.checkSelfPermission(activity, permission) == PackageManager.PERMISSION_GRANTED

    /** True when every one of [permissions] is held, asking for the missing ones first. */
    suspend fun request(vararg permissions: String): Boolean = lock.withLock {
        val missing = permissions.filterNot(::holds)
        if (missing.isEmpty()) return@withLock true
        val answer = CompletableDeferred<Map<String, Boolean>>()
        pending = answer
        launcher.launch(missing.toTypedArray())
        val result = try { answer.await() } finally { pending = null }
        missing.all { result[it] == true }
    }
}
