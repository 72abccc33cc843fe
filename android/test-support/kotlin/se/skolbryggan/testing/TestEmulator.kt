package se.skolbryggan.testing

import java.io.ByteArrayInputStream
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.security.KeyStore
import java.security.cert.CertificateFactory
import javax.net.ssl.SSLContext
import javax.net.ssl.TrustManagerFactory

/**
 * The upstream emulator (`skolbryggan-emulator`, path in `-Dskolbryggan.emulator`) as a child
 * process on a free loopback port, its throwaway CA, and its control API. Shared by the tests of
 * android/bridge and android/app (a test source folder of both, in Maven and in Gradle).
 *
 * The control API is called over the JDK's own TLS (`SunJSSE`) by name: under Robolectric,
 * Conscrypt is installed as the default provider and the JDK's client cannot use it.
 */
class TestEmulator private constructor(private val process: Process, val address: String, val caPem: String) : AutoCloseable {
    private val http: HttpClient = run {
        val cert = CertificateFactory.getInstance("X.509").generateCertificate(ByteArrayInputStream(caPem.toByteArray()))
        val ks = KeyStore.getInstance(KeyStore.getDefaultType()).apply { load(null, null); setCertificateEntry("emulator", cert) }
        val tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm()).apply { init(ks) }
        val ssl = SSLContext.getInstance("TLSv1.3", "SunJSSE").apply { init(null, tmf.trustManagers, null) }
        HttpClient.newBuilder().sslContext(ssl).build()
    }

    /** Calls the control API (`/__control/<path>`) and returns the body. */
    fun control(method: String, path: String, body: String? = null): String {
        val req = HttpRequest.newBuilder(URI("https://$address/__control/$path"))
            .header("Content-Type", "application/json")
            .method(method, if (body == null) HttpRequest.BodyPublishers.noBody() else HttpRequest.BodyPublishers.ofString(body))
            .build()
        return http.send(req, HttpResponse.BodyHandlers.ofString()).body()
    }

    /** How many upstream requests the emulator has logged (its request log's total). */
    fun requests(): Long {
        val log = control("GET", "log")
        return Regex("\"total\"\\s*:\\s*(\\d+)").find(log)?.groupValues?.get(1)?.toLong() ?: error("no total in $log")
    }

    override fun close() {
        process.destroy()
        process.waitFor()
    }

    companion object {
        /** The emulator's guardian (BankID signs them in). */
        const val GUARDIAN = "198001012387"

        /** Starts the emulator; fails when `-Dskolbryggan.emulator` names no program. */
        fun start(): TestEmulator {
            val bin = System.getProperty("skolbryggan.emulator") ?: error("-Dskolbryggan.emulator is not set")
            check(java.io.File(bin).canExecute()) { "no emulator at $bin (cargo build -p skolbryggan-emulator)" }
            val ca = Files.createTempFile("emulator-ca", ".pem")
            val process = ProcessBuilder(bin, "--port", "0", "--ca-out", ca.toString()).redirectErrorStream(true).start()
            val reader = process.inputStream.bufferedReader()
            val line = reader.readLine() ?: error("the emulator did not start")
            val address = line.removePrefix("skolbryggan-emulator listening on ").trim()
            Thread { reader.forEachLine { } }.apply { isDaemon = true }.start()
            return TestEmulator(process, address, Files.readString(ca))
        }
    }
}
