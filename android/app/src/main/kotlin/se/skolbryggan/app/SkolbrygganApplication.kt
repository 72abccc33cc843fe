package se.skolbryggan.app

import android.app.Application
import android.content.Context

/** The application: holds [services] and creates the notification channels at start. */
class SkolbrygganApplication : Application() {
    /** Shared services; tests may replace it before an Activity or Worker starts. */
    lateinit var services: AppServices

    override fun onCreate() {
        super.onCreate()
        if (!::services.isInitialized) services = AppServices(this)
        ChangeNotifier(this).createChannels()
    }

    companion object {
        /** The services of [context]'s application. */
        fun services(context: Context): AppServices = (context.applicationContext as SkolbrygganApplication).services
    }
}
