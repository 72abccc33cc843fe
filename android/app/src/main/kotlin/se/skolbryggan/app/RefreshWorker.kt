package se.skolbryggan.app

import android.content.Context
import androidx.work.BackoffPolicy
import androidx.work.Constraints
import androidx.work.CoroutineWorker
import androidx.work.ExistingWorkPolicy
import androidx.work.NetworkType
import androidx.work.OneTimeWorkRequestBuilder
import androidx.work.WorkManager
import androidx.work.WorkerParameters
import androidx.work.workDataOf
import kotlinx.coroutines.CancellationException
import se.skolbryggan.BackgroundOutcome
import se.skolbryggan.BackgroundRefresh
import se.skolbryggan.SkolbrygganException
import java.time.Duration
import java.time.Instant
import java.util.concurrent.TimeUnit

/**
 * The background refresh WorkManager runs: the core's `backgroundRefresh` within a budget, with a
 * cancel handle that WorkManager's stop cancels (the stop cancels the coroutine, whose call into
 * the core then ends with a CancellationException at once; the handle is cancelled before it is
 * rethrown, so the core stops too, nothing half written). Posts the changes not yet notified,
 * grouped per child, then `markNotified`, and schedules the next run when the core says.
 */
class RefreshWorker(context: Context, params: WorkerParameters) : CoroutineWorker(context, params) {
    override suspend fun doWork(): Result {
        val client = try {
            SkolbrygganApplication.services(applicationContext).client()
        } catch (e: SkolbrygganException) {
            return if (e is SkolbrygganException.KeyUnavailable) Result.retry() else Result.failure()
        }
        // No isLoggedIn() check here: WorkManager often starts a process for this run alone,
        // where no session is active yet; the core resumes the stored ones itself.
        val handle = handles()
        try {
            val report = try {
                client.backgroundRefresh(inputData.getLong(KEY_BUDGET_MS, DEFAULT_BUDGET_MS).toULong(), handle)
            } catch (e: CancellationException) {
                // WorkManager stopped the work: tell the core while the handle is still alive.
                handle.cancel()
                throw e
            }
            val posted = ChangeNotifier(applicationContext).post(report.children)
            if (posted > 0 && report.notifyUpToId > 0) client.markNotified(report.notifyUpToId)
            schedule(applicationContext, Duration.between(Instant.now(), report.nextRun))
            val data = workDataOf(KEY_OUTCOME to report.outcome.name, KEY_POSTED to posted)
            return when (report.outcome) {
                BackgroundOutcome.COMPLETED, BackgroundOutcome.SESSION_EXPIRED, BackgroundOutcome.BUDGET_EXHAUSTED -> Result.success(data)
                BackgroundOutcome.OFFLINE, BackgroundOutcome.CANCELLED -> Result.retry()
            }
        } catch (e: SkolbrygganException.NotLoggedIn) {
            // Nobody is signed in: nothing to refresh, and no next run (sign-in schedules one).
            return Result.success(workDataOf(KEY_OUTCOME to "signed-out"))
        } catch (e: SkolbrygganException) {
            return Result.retry()
        } finally {
            handle.destroy()
        }
    }

    companion object {
        /** The unique work name. */
        const val WORK_NAME = "skolbryggan.refresh"
        /** Input: the budget in milliseconds. */
        const val KEY_BUDGET_MS = "budget_ms"
        /** Output: how the run ended. */
        const val KEY_OUTCOME = "outcome"
        /** Output: how many changes were posted. */
        const val KEY_POSTED = "posted"
        /** Under WorkManager's 10-minute limit, with room to post. */
        const val DEFAULT_BUDGET_MS = 60_000L

        /** Where each run gets its cancel handle (a test substitutes one that records its cancel). */
        @Volatile
        var handles: () -> BackgroundRefresh = { BackgroundRefresh() }

        /** Schedules the next run after [delay] (at least 15 minutes), on any network. */
        fun schedule(context: Context, delay: Duration) {
            val minutes = delay.toMinutes().coerceAtLeast(15)
            val request = OneTimeWorkRequestBuilder<RefreshWorker>()
                .setInitialDelay(minutes, TimeUnit.MINUTES)
                .setConstraints(Constraints.Builder().setRequiredNetworkType(NetworkType.CONNECTED).build())
                .setBackoffCriteria(BackoffPolicy.EXPONENTIAL, 15, TimeUnit.MINUTES)
                .build()
            WorkManager.getInstance(context).enqueueUniqueWork(WORK_NAME, ExistingWorkPolicy.APPEND_OR_REPLACE, request)
        }
    }
}
