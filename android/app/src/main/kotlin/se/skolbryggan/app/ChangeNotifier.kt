package se.skolbryggan.app

import android.Manifest
import android.app.NotificationChannel
import android.app.NotificationManager
import android.app.PendingIntent
import android.content.Context
import android.content.Intent
import android.content.pm.PackageManager
import android.os.Build
import androidx.core.app.NotificationCompat
import androidx.core.app.NotificationManagerCompat
import androidx.core.content.ContextCompat
import se.skolbryggan.ChangeKind
import se.skolbryggan.ChildChanges

/** The notification channel a change kind is posted on (one per kind the parent can mute). */
enum class Channel(val id: String, val label: Int, val importance: Int) {
    /** News items, new and updated. */
    News("news", R.string.change_news, NotificationManager.IMPORTANCE_DEFAULT),
    /** Notifications from the platform. */
    Notification("notification", R.string.change_notification, NotificationManager.IMPORTANCE_HIGH),
    /** Calendar events added, moved, cancelled. */
    Event("event", R.string.change_event, NotificationManager.IMPORTANCE_DEFAULT),
    /** Timetable, menu, assignments, attendance, care times. */
    SchoolDay("school_day", R.string.change_timetable, NotificationManager.IMPORTANCE_LOW),
    ;

    companion object {
        /** The channel of [kind]. */
        fun of(kind: ChangeKind): Channel = when (kind) {
            ChangeKind.NEWS_ADDED, ChangeKind.NEWS_UPDATED -> News
            ChangeKind.NOTIFICATION_ADDED -> Notification
            ChangeKind.EVENT_ADDED, ChangeKind.EVENT_MOVED, ChangeKind.EVENT_CANCELLED -> Event
            else -> SchoolDay
        }
    }
}

/**
 * Local notifications from the core's change feed: one notification per change, grouped per
 * child (a NotificationCompat group with a summary titled with the child's first name), each on
 * the channel of its kind. Titles are the upstream titles as written; no server is involved.
 */
class ChangeNotifier(private val context: Context) {
    private val manager = NotificationManagerCompat.from(context)

    /** Creates (or updates the names of) the channels; safe to call at every start. */
    fun createChannels() {
        if (Build.VERSION.SDK_INT < Build.VERSION_CODES.O) return
        val system = context.getSystemService(NotificationManager::class.java) ?: return
        for (c in Channel.entries) {
            system.createNotificationChannel(NotificationChannel(c.id, context.getString(c.label), c.importance))
        }
    }

    /** Whether posting is allowed now (the runtime permission on Android 13+, not muted). */
    fun allowed(): Boolean {
        if (Build.VERSION.SDK_INT >= 33 &&
            ContextCompat.checkSelfPermission(context, Manifest.permission.POST_NOTIFICATIONS) != PackageManager.PERMISSION_GRANTED
        ) return false
        return manager.areNotificationsEnabled()
    }

    /**
     * Posts [children]'s changes, grouped per child; returns how many changes were posted (0 when
     * not [allowed]: then nothing is posted and the caller keeps them for later).
     */
    @Suppress("MissingPermission") // checked by allowed()
    fun post(children: List<ChildChanges>): Int {
        if (!allowed()) return 0
        var posted = 0
        for (child in children) {
            if (child.changes.isEmpty()) continue
            val group = groupKey(child.childId)
            for (change in child.changes) {
                val channel = Channel.of(change.kind)
                val n = NotificationCompat.Builder(context, channel.id)
                    .setSmallIcon(android.R.drawable.stat_notify_sync)
                    .setContentTitle(child.firstName.ifBlank { context.getString(R.string.app_name) })
                    .setContentText(change.title)
                    .setSubText(context.getString(channel.label))
                    .setWhen(change.at.toEpochMilli())
                    .setGroup(group)
                    .setAutoCancel(true)
                    .setContentIntent(open(change.id))
                    .build()
                manager.notify(TAG_CHANGE, change.id.toInt(), n)
                posted++
            }
            val summary = NotificationCompat.Builder(context, Channel.of(child.changes.last().kind).id)
                .setSmallIcon(android.R.drawable.stat_notify_sync)
                .setContentTitle(child.firstName.ifBlank { context.getString(R.string.app_name) })
                .setContentText(child.changes.last().title)
                .setStyle(NotificationCompat.InboxStyle().also { s -> child.changes.takeLast(5).forEach { s.addLine(it.title) } })
                .setNumber(child.changes.size)
                .setGroup(group)
                .setGroupSummary(true)
                .setAutoCancel(true)
                .build()
            manager.notify(TAG_SUMMARY, group.hashCode(), summary)
        }
        return posted
    }

    private fun open(changeId: Long): PendingIntent {
        val intent = Intent(context, MainActivity::class.java)
            .putExtra(MainActivity.EXTRA_CHANGE_ID, changeId)
            .addFlags(Intent.FLAG_ACTIVITY_NEW_TASK or Intent.FLAG_ACTIVITY_CLEAR_TOP)
        return PendingIntent.getActivity(context, changeId.toInt(), intent, PendingIntent.FLAG_IMMUTABLE or PendingIntent.FLAG_UPDATE_CURRENT)
    }

    companion object {
        /** The tag of a change's notification. */
        const val TAG_CHANGE = "change"
        /** The tag of a child's group summary. */
        const val TAG_SUMMARY = "summary"

        /** The notification group of one child. */
        fun groupKey(childId: String) = "se.skolbryggan.child.$childId"
    }
}
