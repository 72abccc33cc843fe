// The Kotlin quick start of bindings/README.md, verbatim below the package line
// (tests/python/test_readme.py checks it; QuickStartTest runs it).
package se.skolbryggan.quickstart

import kotlinx.coroutines.runBlocking
import se.skolbryggan.ClientBuilder
import se.skolbryggan.SecretStore

/** Keeps the cache key in memory; on Android, use the Keystore. */
class MemoryStore : SecretStore {
    private val values = java.util.concurrent.ConcurrentHashMap<String, ByteArray>()
    override fun get(key: String): ByteArray? = values[key]
    override fun set(key: String, value: ByteArray) { values[key] = value }
    override fun delete(key: String) { values.remove(key) }
}

fun main() = runBlocking {
    val dir = java.nio.file.Files.createTempDirectory("skolbryggan").toString()
    val client = ClientBuilder(dir).secretStore(MemoryStore()).build()
    client.loginDemo()
    client.refresh()
    for (card in client.familyHome().children) {
        println("${card.childName}: ${card.schoolHours} ${card.lunch}")
    }
}
