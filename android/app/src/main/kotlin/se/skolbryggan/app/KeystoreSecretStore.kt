package se.skolbryggan.app

import android.content.Context
import android.content.SharedPreferences
import android.security.keystore.KeyGenParameterSpec
import android.security.keystore.KeyProperties
import android.util.Base64
import se.skolbryggan.SecretStore
import se.skolbryggan.SecretStoreException
import java.security.GeneralSecurityException
import java.security.KeyStore
import javax.crypto.AEADBadTagException
import javax.crypto.Cipher
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey
import javax.crypto.spec.GCMParameterSpec

/** Where the wrapping key comes from: the Android Keystore on a phone, memory in tests. */
fun interface KeyProvider {
    /** The AES key that wraps the stored secrets (created on first use). */
    fun key(): SecretKey
}

/**
 * An AES-256-GCM key kept in the AndroidKeyStore under [alias] (never leaves secure hardware
 * where the phone has it). Robolectric has no AndroidKeyStore: tests inject another [KeyProvider].
 */
class AndroidKeystoreKeys(private val alias: String = "skolbryggan.wrap.v1") : KeyProvider {
    override fun key(): SecretKey {
        val store = KeyStore.getInstance("AndroidKeyStore").apply { load(null) }
        (store.getKey(alias, null) as? SecretKey)?.let { return it }
        val gen = KeyGenerator.getInstance(KeyProperties.KEY_ALGORITHM_AES, "AndroidKeyStore")
        gen.init(
            KeyGenParameterSpec.Builder(alias, KeyProperties.PURPOSE_ENCRYPT or KeyProperties.PURPOSE_DECRYPT)
                .setBlockModes(KeyProperties.BLOCK_MODE_GCM)
                .setEncryptionPaddings(KeyProperties.ENCRYPTION_PADDING_NONE)
                .setKeySize(256)
                .build(),
        )
        return gen.generateKey()
    }
}

/**
 * The core's [SecretStore] (the cache key, saved sessions' keys) on the Android Keystore: each
 * value is sealed with AES-GCM under the [keys] key, its name bound as associated data, and kept
 * in private SharedPreferences as Base64 of `iv ‖ ciphertext`.
 *
 * A store that cannot answer now (Keystore not ready, locked) raises
 * [SecretStoreException.Unavailable], so the core touches no file. A value that no longer opens
 * (the Keystore key was reset, e.g. after a lock-screen change) is really gone: it is removed and
 * `get` answers null, and the core rebuilds its cache.
 */
class KeystoreSecretStore(private val prefs: SharedPreferences, private val keys: KeyProvider) : SecretStore {
    /** A store in the app's private preferences file [file]. */
    constructor(context: Context, keys: KeyProvider = AndroidKeystoreKeys(), file: String = "skolbryggan.secrets") :
        this(context.getSharedPreferences(file, Context.MODE_PRIVATE), keys)

    private fun key(): SecretKey = try {
        keys.key()
    } catch (e: GeneralSecurityException) {
        throw SecretStoreException.Unavailable("keystore: ${e.javaClass.simpleName}")
    } catch (e: java.io.IOException) {
        throw SecretStoreException.Unavailable("keystore: ${e.javaClass.simpleName}")
    }

    override fun get(key: String): ByteArray? {
        val sealed = prefs.getString(key, null) ?: return null
        val bytes = try {
            Base64.decode(sealed, Base64.NO_WRAP)
        } catch (e: IllegalArgumentException) {
            throw SecretStoreException.Failed("stored value is not Base64")
        }
        if (bytes.size <= IV_BYTES) throw SecretStoreException.Failed("stored value is too short")
        val cipher = Cipher.getInstance(TRANSFORMATION)
        return try {
            cipher.init(Cipher.DECRYPT_MODE, key(), GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES))
            cipher.updateAAD(key.toByteArray(Charsets.UTF_8))
            cipher.doFinal(bytes, IV_BYTES, bytes.size - IV_BYTES)
        } catch (e: AEADBadTagException) {
            prefs.edit().remove(key).commit()
            null
        } catch (e: GeneralSecurityException) {
            throw SecretStoreException.Unavailable("keystore: ${e.javaClass.simpleName}")
        }
    }

    override fun set(key: String, value: ByteArray) {
        val cipher = Cipher.getInstance(TRANSFORMATION)
        val sealed = try {
            cipher.init(Cipher.ENCRYPT_MODE, key())
            cipher.updateAAD(key.toByteArray(Charsets.UTF_8))
            cipher.iv + cipher.doFinal(value)
        } catch (e: GeneralSecurityException) {
            throw SecretStoreException.Unavailable("keystore: ${e.javaClass.simpleName}")
        }
        if (!prefs.edit().putString(key, Base64.encodeToString(sealed, Base64.NO_WRAP)).commit()) {
            throw SecretStoreException.Failed("preferences not written")
        }
    }

    override fun delete(key: String) {
        if (!prefs.edit().remove(key).commit()) throw SecretStoreException.Failed("preferences not written")
    }

    private companion object {
        const val TRANSFORMATION = "AES/GCM/NoPadding"
        const val IV_BYTES = 12
        const val TAG_BITS = 128
    }
}
