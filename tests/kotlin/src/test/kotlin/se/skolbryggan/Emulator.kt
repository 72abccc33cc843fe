package se.skolbryggan

import java.io.BufferedReader
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

/** A running `skolbryggan-emulator` process (path in `-Dskolbryggan.emulator`) and its control API. */
class Emulator private constructor(private val process: Process, val address: String, val caPem: String) : AutoCloseable {
    private val http: HttpClient = run {
        val cert = CertificateFactory.getInstance("X.509").generateCertificate(ByteArrayInputStream(caPem.toByteArray()))
        val ks = KeyStore.getInstance(KeyStore.getDefaultType()).apply { load(null, null); setCertificateEntry("emulator", cert) }
        val tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm()).apply { init(ks) }
        val ssl = SSLContext.getInstance("TLS").apply { init(null, tmf.trustManagers, null) }
        HttpClient.newBuilder().sslContext(ssl).build()
    }

    fun control(method: String, path: String, body: String? = null): String {
        val req = HttpRequest.newBuilder(URI("https://$address/__control/$path"))
            .header("Content-Type", "application/json")
            .method(method, if (body == null) HttpRequest.BodyPublishers.noBody() else HttpRequest.BodyPublishers.ofString(body))
            .build()
        return http.send(req, HttpResponse.BodyHandlers.ofString()).body()
    }

    /** Requests the emulator has seen to `endpoint` (from its request log). */
    fun count(endpoint: String): Int {
        val log = control("GET", "log")
        val byEndpoint = log.substringAfter("\"byEndpoint\"", "")
        return Regex("\"$endpoint\"\\s*:\\s*(\\d+)").find(byEndpoint)?.groupValues?.get(1)?.toInt() ?: 0
    }

    override fun close() {
        process.destroy()
        process.waitFor()
    }

    companion object {
        const val GUARDIAN = "198001012387"

        fun start(): Emulator {
            val ca = Files.createTempFile("emulator-ca", ".pem")
            val bin = System.getProperty("skolbryggan.emulator")
            val process = ProcessBuilder(bin, "--port", "0", "--ca-out", ca.toString()).redirectErrorStream(true).start()
            val reader: BufferedReader = process.inputStream.bufferedReader()
            val line = reader.readLine() ?: error("the emulator did not start")
            val address = line.removePrefix("skolbryggan-emulator listening on ").trim()
            Thread { reader.forEachLine { } }.apply { isDaemon = true }.start()
            return Emulator(process, address, Files.readString(ca))
        }
    }
}
