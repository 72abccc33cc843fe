import Foundation
import XCTest

@testable import Skolbryggan

/// A running `skolbryggan-emulator` (path in SKOLBRYGGAN_EMULATOR_BIN), driven with curl.
final class Emulator {
    static let guardian = "198001012387"
    let process = Process()
    let address: String
    let caPath: String
    let caPem: String

    init() throws {
        caPath = FileManager.default.temporaryDirectory.appendingPathComponent("emu-\(UUID().uuidString).pem").path
        process.executableURL = URL(fileURLWithPath: ProcessInfo.processInfo.environment["SKOLBRYGGAN_EMULATOR_BIN"]!)
        process.arguments = ["--port", "0", "--ca-out", caPath]
        let pipe = Pipe()
        process.standardOutput = pipe
        // Not the test's own stderr: `swift test` waits for every holder of its output to close.
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while true {
            let byte = pipe.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data("\n".utf8) { break }
            line.append(byte)
        }
        let text = String(decoding: line, as: UTF8.self)
        address = text.replacingOccurrences(of: "skolbryggan-emulator listening on ", with: "")
        caPem = try String(contentsOfFile: caPath, encoding: .utf8)
    }

    @discardableResult
    func control(_ method: String, _ path: String, _ body: String? = nil) throws -> Data {
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        var args = ["-s", "--cacert", caPath, "-X", method, "https://\(address)/__control/\(path)"]
        if let body { args += ["-H", "Content-Type: application/json", "-d", body] }
        curl.arguments = args
        let pipe = Pipe()
        curl.standardOutput = pipe
        try curl.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        curl.waitUntilExit()
        return data
    }

    func count(_ endpoint: String) throws -> Int {
        let log = try JSONSerialization.jsonObject(with: control("GET", "log")) as? [String: Any]
        return ((log?["byEndpoint"] as? [String: Any])?[endpoint] as? Int) ?? 0
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    deinit { stop() }
}

final class EmulatorTests: XCTestCase {
    func client(_ emulator: Emulator, _ store: SecretStore = DictStore(), dir: String = newDir()) async throws -> Client {
        try await ClientBuilder(dataDir: dir).fixedToday(date: date).secretStore(store: store)
            .emulator(address: emulator.address, caPem: emulator.caPem).build()
    }

    func testBankIdLoginRefreshAndReads() async throws {
        let emulator = try Emulator()
        defer { emulator.stop() }
        let client = try await client(emulator)
        let login = try await client.startLogin(platform: .stockholm, method: .bankIdSameDevice(personalNumber: Emulator.guardian))
        XCTAssertNotNil(login.prompt().autostartToken)
        let recorder = Recorder()
        _ = try await login.complete(listener: recorder, options: fast)
        XCTAssertEqual(recorder.states.first, "pending")
        XCTAssertTrue(recorder.states.contains("userSign"))
        XCTAssertEqual(recorder.states.last, "complete")
        let report = try await client.refresh(options: everything, listener: nil)
        XCTAssertGreaterThan(report.fetched, 0)
        XCTAssertFalse(report.sessionExpired)
        let kids = try await client.children()
        XCTAssertFalse(kids.isEmpty)
        XCTAssertTrue(kids.allSatisfy { $0.platform == .stockholm })
        let week = try await client.weekOverview(date: date)
        XCTAssertTrue(week.days.contains { $0.children.contains { $0.lessonCount > 0 } })
        XCTAssertGreaterThanOrEqual(try emulator.count("GetChildren"), 1)
    }

    func testCancellingTheTaskStopsThePollingAtTheEmulator() async throws {
        let emulator = try Emulator()
        defer { emulator.stop() }
        try emulator.control("POST", "bankid", #"{"pendingPolls":10000,"userSignPolls":1,"outcome":"ok"}"#)
        let client = try await client(emulator)
        let login = try await client.startLogin(platform: .stockholm, method: .bankIdSameDevice(personalNumber: Emulator.guardian))
        let recorder = Recorder()
        let task = Task { try await login.completeCancellable(listener: recorder, options: LoginOptions(pollIntervalMs: 50, timeoutSeconds: 60)) }
        try await Task.sleep(nanoseconds: 800_000_000)
        let before = try emulator.count("NECSadcmbid")
        task.cancel()
        do {
            _ = try await task.value
            XCTFail("the login completed")
        } catch SkolbrygganError.Cancelled {
        }
        try await Task.sleep(nanoseconds: 300_000_000)
        let atCancel = try emulator.count("NECSadcmbid")
        try await Task.sleep(nanoseconds: 1_000_000_000)
        XCTAssertGreaterThanOrEqual(before, 5, "the login was polling")
        XCTAssertEqual(try emulator.count("NECSadcmbid"), atCancel, "the emulator saw the polling stop")
        XCTAssertEqual(recorder.states.last, "cancelled")
        XCTAssertFalse(client.isLoggedIn())
    }

    func testSessionExpiryIsTheTypedError() async throws {
        let emulator = try Emulator()
        defer { emulator.stop() }
        let store = DictStore()
        let dir = newDir()
        let client = try await client(emulator, store, dir: dir)
        _ = try await client.startLogin(platform: .stockholm, method: .bankIdSameDevice(personalNumber: Emulator.guardian))
            .complete(listener: Recorder(), options: fast)
        _ = try await client.refresh(options: everything, listener: nil)
        try emulator.control("POST", "sessions/expire", "{}")
        let report = try await client.refresh(options: RefreshOptions(date: date, everything: false, force: true), listener: nil)
        XCTAssertTrue(report.sessionExpired)
        let kids = try await client.children()
        XCTAssertFalse(kids.isEmpty, "the cached data stays readable")
        let restarted = try await self.client(emulator, store, dir: dir)
        do {
            _ = try await restarted.resumeSessions()
            XCTFail("resumed an expired session")
        } catch SkolbrygganError.SessionExpired {
        }
    }
}
