package se.skolbryggan.app

import android.content.Context
import kotlinx.coroutines.runBlocking
import org.junit.Assert.assertArrayEquals
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Rule
import org.junit.Test
import org.junit.rules.TemporaryFolder
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import se.skolbryggan.SecretStoreException
import java.security.KeyStoreException

@RunWith(RobolectricTestRunner::class)
class KeystoreSecretStoreTest {
    @get:Rule val tmp = TemporaryFolder()

    private fun prefs(name: String = "secrets") = application().getSharedPreferences(name, Context.MODE_PRIVATE)

    @Test
    fun valuesRoundTripSealedAndBoundToTheirName() {
        val store = KeystoreSecretStore(prefs(), SoftwareKeys())
        val secret = ByteArray(32) { it.toByte() }
        store.set("skolbryggan.cache.v1", secret)
        assertArrayEquals(secret, store.get("skolbryggan.cache.v1"))
        val stored = prefs().getString("skolbryggan.cache.v1", null)!!
        assertTrue("stored sealed, not as written", !stored.contains(android.util.Base64.encodeToString(secret, android.util.Base64.NO_WRAP)))
        // The same sealed value under another name does not open (the name is associated data).
        prefs().edit().putString("other", stored).commit()
        assertNull(store.get("other"))
        assertNull("a value that does not open is removed", prefs().getString("other", null))
        store.delete("skolbryggan.cache.v1")
        assertNull(store.get("skolbryggan.cache.v1"))
        store.delete("never-set")
    }

    @Test
    fun aResetKeystoreKeyMeansTheValueIsGoneAndAnUnreachableOneIsUnavailable() {
        KeystoreSecretStore(prefs(), SoftwareKeys()).set("k", byteArrayOf(1, 2, 3))
        assertNull("another key: the value is really gone", KeystoreSecretStore(prefs(), SoftwareKeys()).get("k"))
        KeystoreSecretStore(prefs(), SoftwareKeys()).set("k", byteArrayOf(1, 2, 3))
        val locked = KeystoreSecretStore(prefs()) { throw KeyStoreException("locked") }
        val e = runCatching { locked.get("k") }.exceptionOrNull()
        assertTrue("$e", e is SecretStoreException.Unavailable)
        assertTrue(runCatching { locked.set("k", byteArrayOf(9)) }.exceptionOrNull() is SecretStoreException.Unavailable)
    }

    @Test
    fun theRealCoreKeepsItsCacheKeyThereAndReopensWithIt() {
        val keys = SoftwareKeys()
        val dir = tmp.newFolder("data")
        val first = realClient(dir, keys)
        runBlocking { first.loginDemo() }
        val names = prefs("skolbryggan.secrets").all.keys
        assertTrue("the core stored its key: $names", names.isNotEmpty())
        first.destroy()
        val again = realClient(dir, keys)
        val users = runBlocking { again.resumeSessions() }
        assertEquals(1, users.size)
        assertEquals(false, again.cacheKeyLost())
        again.destroy()
        val lost = realClient(dir, SoftwareKeys())
        assertTrue("another key cannot open the cache", lost.cacheKeyLost())
        lost.destroy()
    }
}
