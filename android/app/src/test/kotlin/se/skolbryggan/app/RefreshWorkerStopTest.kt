package se.skolbryggan.app

import androidx.work.ListenableWorker
import androidx.work.WorkInfo
import androidx.work.testing.TestListenableWorkerBuilder
import androidx.work.testing.WorkManagerTestInitHelper
import java.util.concurrent.CopyOnWriteArrayList
import kotlinx.coroutines.runBlocking
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Before
import org.junit.Rule
import org.junit.Test
import org.junit.rules.TemporaryFolder
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.annotation.ConscryptMode
import se.skolbryggan.BackgroundOutcome
import se.skolbryggan.BackgroundRefresh
import se.skolbryggan.Client
import se.skolbryggan.ClientBuilder
import se.skolbryggan.LoginListener
import se.skolbryggan.LoginMethod
import se.skolbryggan.LoginOptions
import se.skolbryggan.LoginUpdate
import se.skolbryggan.RefreshOptions
import se.skolbryggan.SchoolPlatform
import se.skolbryggan.testing.TestEmulator

/**
 * WorkManager's stop in the middle of a background refresh: the upstream emulator answers every
 * request only after 20 s, the work is stopped while the core waits for it, and the core's
 * cancel handle is cancelled at once; the emulator sees no further requests, and the cache is
 * as before (the same children, a later refresh completes). The run is a cold process's: its
 * client was opened after the login, so the core resumes the stored session first.
 */
// Conscrypt off: the test's own HTTPS calls to the emulator's control API use the JDK's TLS,
// which fails to initialise with Robolectric's Conscrypt provider installed.
@ConscryptMode(ConscryptMode.Mode.OFF)
@RunWith(RobolectricTestRunner::class)
class RefreshWorkerStopTest {
    @get:Rule val tmp = TemporaryFolder()
    private lateinit var emulator: TestEmulator
    private lateinit var client: Client
    private val handles = CopyOnWriteArrayList<RecordingHandle>()
    private val original = RefreshWorker.handles

    /** The core's handle, recording when the worker cancels it and when the run lets it go. */
    class RecordingHandle : BackgroundRefresh() {
        @Volatile var cancelledAt: Long? = null
        @Volatile var destroyedAt: Long? = null
        override fun cancel() {
            cancelledAt = System.nanoTime()
            super.cancel()
        }
        override fun destroy() {
            if (destroyedAt == null) destroyedAt = System.nanoTime()
            super.destroy()
        }
    }

    @Before
    fun signedInAtTheEmulator() {
        // A finished run schedules the next one.
        WorkManagerTestInitHelper.initializeTestWorkManager(application())
        val dir = tmp.newFolder("data")
        val keys = SoftwareKeys()
        fun open(today: String) = runBlocking {
            ClientBuilder(dir.path).fixedToday(today).secretStore(KeystoreSecretStore(application(), keys))
                .emulator(emulator.address, emulator.caPem).build()
        }
        emulator = TestEmulator.start()
        // Yesterday: signed in, the week refreshed (the family, news and notifications cached).
        val yesterday = open(YESTERDAY)
        runBlocking {
            yesterday.startLogin(SchoolPlatform.STOCKHOLM, LoginMethod.BankIdSameDevice(TestEmulator.GUARDIAN))
                .complete(object : LoginListener { override fun onUpdate(update: LoginUpdate) = Unit }, LoginOptions(pollIntervalMs = 20uL, timeoutSeconds = 30uL))
            yesterday.refresh(RefreshOptions(date = YESTERDAY, everything = false, force = false), null)
        }
        yesterday.destroy()
        // Today the same cache is a day old, so the Worker's background refresh (news and
        // notifications) has work to do; a fresh cache would send nothing.
        client = open(TODAY)
        useClient(client)
        RefreshWorker.handles = { RecordingHandle().also { handles += it } }
    }

    @After
    fun close() {
        RefreshWorker.handles = original
        client.destroy()
        emulator.close()
    }

    @Test
    fun stoppingTheWorkMidwayCancelsTheCoresHandleAndLeavesTheCacheAsItWas() {
        val children = runBlocking { client.children() }
        assertTrue("the emulator's family", children.isNotEmpty())
        emulator.control("POST", "faults", """{"endpoint":"*","fault":{"latencyMs":20000}}""")
        val before = emulator.requests()

        val worker = TestListenableWorkerBuilder<RefreshWorker>(application()).build()
        val future = worker.startWork()
        val waitingSince = System.nanoTime()
        while (emulator.requests() == before) {
            assertTrue(
                "the refresh reached the emulator (the work: ${if (future.isDone) future.get() else "running"})",
                System.nanoTime() - waitingSince < 30_000_000_000L,
            )
            Thread.sleep(20)
        }
        assertEquals("one run, one handle", 1, handles.size)
        val stoppedAt = System.nanoTime()
        // What WorkManager does on a stop: tell the worker, cancel its future (and so its coroutine).
        worker.stop(WorkInfo.STOP_REASON_CANCELLED_BY_APP)
        future.cancel(true)

        val handle = handles.single()
        while (handle.destroyedAt == null && System.nanoTime() - stoppedAt < 10_000_000_000L) Thread.sleep(20)
        val cancelledAt = handle.cancelledAt
        val destroyedAt = handle.destroyedAt
        assertTrue("the core's handle was cancelled", cancelledAt != null)
        assertTrue("within 5 s of the stop, not after the 20 s answer", cancelledAt!! - stoppedAt < 5_000_000_000L)
        assertTrue("the run ended (its handle let go) within 5 s", destroyedAt != null && destroyedAt - stoppedAt < 5_000_000_000L)
        assertTrue("cancelled before it was let go", cancelledAt <= destroyedAt!!)
        assertTrue(future.isCancelled)
        val atStop = emulator.requests()
        Thread.sleep(1_500)
        assertEquals("the core sent nothing more after the stop", atStop, emulator.requests())

        emulator.control("DELETE", "faults")
        runBlocking {
            assertEquals("the cache is as before", children, client.children())
            // The stop may have come while the core resumed the stored session (this client
            // is a cold process's): the next run resumes it and completes.
            val next = client.backgroundRefresh(60_000u, null)
            assertEquals(BackgroundOutcome.COMPLETED, next.outcome)
            assertTrue(client.isLoggedIn())
            assertEquals(children, client.children())
        }
        val again = TestListenableWorkerBuilder<RefreshWorker>(application()).build()
        val result = runBlocking { again.doWork() }
        assertTrue("a later run completes: $result", result is ListenableWorker.Result.Success)
    }
}

/** The day before [TODAY], when the cache was filled. */
private const val YESTERDAY = "2026-11-24"
