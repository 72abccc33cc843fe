package se.skolbryggan.app

import android.Manifest
import android.app.NotificationManager
import androidx.work.ListenableWorker
import androidx.work.testing.TestListenableWorkerBuilder
import kotlinx.coroutines.runBlocking
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Rule
import org.junit.Test
import org.junit.rules.TemporaryFolder
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.Shadows.shadowOf
import se.skolbryggan.Client

/**
 * The Worker against the real library and the demo family. A changed feed without a network:
 * the family signs in on one day, and the next run happens in the next school year, whose demo
 * news are new (what a parent sees after the summer).
 */
@RunWith(RobolectricTestRunner::class)
class RefreshWorkerTest {
    @get:Rule val tmp = TemporaryFolder()

    @org.junit.Before
    fun workManager() = androidx.work.testing.WorkManagerTestInitHelper.initializeTestWorkManager(application())

    private fun changedFeed(): Client {
        val keys = SoftwareKeys()
        val dir = tmp.newFolder("data")
        val before = realClient(dir, keys)
        runBlocking {
            before.loginDemo()
            before.backgroundRefresh(60_000u, null)
        }
        before.destroy()
        val after = realClient(dir, keys, today = "2027-09-01")
        runBlocking { assertEquals(1, after.resumeSessions().size) }
        return after
    }

    private fun work(): ListenableWorker.Result = runBlocking {
        TestListenableWorkerBuilder<RefreshWorker>(application()).build().doWork()
    }

    @Test
    fun refreshesAndPostsTheChangesGroupedPerChildOnAChannelPerKind() {
        shadowOf(application()).grantPermissions(Manifest.permission.POST_NOTIFICATIONS)
        val client = changedFeed()
        useClient(client)
        val result = work()
        assertTrue("$result", result is ListenableWorker.Result.Success)
        val posted = result.outputData.getInt(RefreshWorker.KEY_POSTED, -1)
        assertTrue("a changed feed posts: $result", posted > 0)
        val manager = shadowOf(application().getSystemService(NotificationManager::class.java))
        val all = manager.allNotifications
        val summaries = all.filter { it.group != null && (it.flags and android.app.Notification.FLAG_GROUP_SUMMARY) != 0 }
        val changes = all - summaries.toSet()
        assertEquals(posted, changes.size)
        val children = runBlocking { client.children() }.associate { ChangeNotifier.groupKey(it.id) to it.firstName }
        assertTrue("every change is in a child's group", changes.all { it.group in children })
        assertEquals("one summary per child with changes", changes.map { it.group }.toSet(), summaries.map { it.group }.toSet())
        val channels = Channel.entries.map { it.id }.toSet()
        assertTrue(changes.all { it.channelId in channels })
        assertEquals(channels, manager.notificationChannels.map { (it as android.app.NotificationChannel).id }.toSet())
        assertTrue("titled with the child's first name", changes.all { it.extras.getString(android.app.Notification.EXTRA_TITLE) in children.values })
        assertTrue("marked notified", runBlocking { client.unnotified() }.isEmpty())
        // The next run finds nothing new to post.
        val again = work()
        assertEquals(0, again.outputData.getInt(RefreshWorker.KEY_POSTED, -1))
        client.destroy()
    }

    @Test
    fun withoutThePermissionNothingIsPostedAndTheChangesWait() {
        shadowOf(application()).denyPermissions(Manifest.permission.POST_NOTIFICATIONS)
        val client = changedFeed()
        useClient(client)
        val result = work()
        assertEquals(0, result.outputData.getInt(RefreshWorker.KEY_POSTED, -1))
        assertTrue(shadowOf(application().getSystemService(NotificationManager::class.java)).allNotifications.isEmpty())
        assertTrue("kept for when posting is allowed", runBlocking { client.unnotified() }.isNotEmpty())
        client.destroy()
    }

    @Test
    fun signedOutTheWorkerDoesNothing() {
        val client = realClient(tmp.newFolder("data"), SoftwareKeys())
        useClient(client)
        val result = work()
        assertEquals("signed-out", result.outputData.getString(RefreshWorker.KEY_OUTCOME))
        client.destroy()
    }
}
