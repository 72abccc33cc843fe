import Foundation
import XCTest

@testable import Skolbryggan

#if canImport(Glibc)
import Glibc
#endif

/// A `skolbryggan-emulator` process (path in SKOLBRYGGAN_EMULATOR_BIN) on loopback, one per test,
/// driven through its HTTPS control API with curl (trusting only the emulator's CA).
final class Emulator {
    /// The guardian the emulator serves (`EmulatorConfig::DEMO_GUARDIAN`): a real, non-demo login.
    static let guardian = "198001012387"

    let address: String
    let caPem: String
    private let caPath: String
    private let process: Process

    init() throws {
        let binary = ProcessInfo.processInfo.environment["SKOLBRYGGAN_EMULATOR_BIN"]!
        caPath = newDir() + "-ca.pem"
        process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--port", "0", "--ca-out", caPath]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The first line is "skolbryggan-emulator listening on 127.0.0.1:PORT".
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let first = String(decoding: line, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
        let prefix = "skolbryggan-emulator listening on "
        guard first.hasPrefix(prefix) else {
            kill(process.processIdentifier, SIGKILL)
            throw NSError(domain: "emulator", code: 1, userInfo: [NSLocalizedDescriptionKey: "did not start: \(first)"])
        }
        address = String(first.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
        caPem = try String(contentsOfFile: caPath, encoding: .utf8)
    }

    /// Stops the process. SIGKILL: a signal that cannot be blocked or ignored, so a test never
    /// waits on a server that outlived it.
    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: caPath)
    }

    /// Calls the control API (`https://ADDR/__control/<path>`) and returns the decoded JSON answer.
    @discardableResult
    func control(_ method: String, _ path: String, _ body: [String: Any]? = nil) throws -> Any? {
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        var args = ["-sS", "--fail-with-body", "--max-time", "10", "--cacert", caPath, "-X", method,
                    "-H", "Content-Type: application/json"]
        // The body goes through a file: a whole family is larger than one argument may be.
        let bodyPath = newDir() + "-body.json"
        defer { try? FileManager.default.removeItem(atPath: bodyPath) }
        if let body {
            try JSONSerialization.data(withJSONObject: body).write(to: URL(fileURLWithPath: bodyPath))
            args += ["--data-binary", "@" + bodyPath]
        }
        args.append("https://\(address)/__control/\(path)")
        curl.arguments = args
        let out = Pipe()
        curl.standardOutput = out
        try curl.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        curl.waitUntilExit()
        guard curl.terminationStatus == 0 else {
            throw NSError(domain: "emulator", code: Int(curl.terminationStatus),
                          userInfo: [NSLocalizedDescriptionKey: "control \(method) \(path): \(String(decoding: data, as: UTF8.self))"])
        }
        return data.isEmpty ? nil : try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    }

    /// Requests the emulator has seen to `endpoint` (the last path segment), from its request log.
    func count(_ endpoint: String) throws -> Int {
        let log = try control("GET", "log") as? [String: Any]
        return (log?["byEndpoint"] as? [String: Any])?[endpoint] as? Int ?? 0
    }

    /// Makes every new BankID order stay pending for `pendingPolls` polls.
    func slowBankId(pendingPolls: Int = 10_000, outcome: String = "ok") throws {
        try control("POST", "bankid", ["pendingPolls": pendingPolls, "userSignPolls": 1, "outcome": outcome])
    }
}

/// A client of the real Stockholm provider pointed at `emulator` (hosts resolved to it, its CA
/// the only trusted one): the `ClientBuilder.emulator` option the CLI's `--emulator` also uses.
func emulatorClient(_ emulator: Emulator, store: SecretStore = DictStore(), dir: String = newDir()) async throws -> Client {
    try await ClientBuilder(dataDir: dir)
        .fixedToday(date: date)
        .secretStore(store: store)
        .emulator(address: emulator.address, caPem: emulator.caPem)
        .build()
}

/// The part of an entity id after its account (`platform:account:kind:local` → `kind:local`):
/// the emulator namespaces the ids it serves under its own installation's account id, a client
/// under its own, so ids of the two are compared by this part.
func afterAccount(_ id: String) -> String {
    String(id.split(separator: ":", maxSplits: 2).last ?? Substring(id))
}

func bankIdLogin(_ client: Client, listener: LoginListener = Recorder()) async throws -> User {
    let login = try await client.startLogin(platform: .stockholm, method: .bankIdSameDevice(personalNumber: Emulator.guardian))
    return try await login.complete(listener: listener, options: fast)
}

/// Records every update (state and QR payload) of a login.
final class UpdateRecorder: LoginListener, @unchecked Sendable {
    private let lock = NSLock()
    private var _updates: [LoginUpdate] = []
    var updates: [LoginUpdate] { lock.withLock { _updates } }
    var states: [String] { updates.map { stateName($0.state) } }
    func onUpdate(update: LoginUpdate) { lock.withLock { _updates.append(update) } }
}

final class EmulatorTests: XCTestCase {
    var emulator: Emulator!

    override func setUpWithError() throws {
        emulator = try Emulator()
    }

    override func tearDown() {
        emulator?.stop()
        emulator = nil
    }

    func testBankIdLoginAgainstTheEmulatorThenRefreshAndReads() async throws {
        let client = try await emulatorClient(emulator)
        let login = try await client.startLogin(platform: .stockholm, method: .bankIdSameDevice(personalNumber: Emulator.guardian))
        let prompt = try login.prompt()
        XCTAssertFalse(prompt.autostartToken?.isEmpty ?? true)
        XCTAssertTrue(prompt.bankidAppLink!.hasPrefix("bankid:///?autostarttoken="))
        let recorder = UpdateRecorder()
        let user = try await login.complete(listener: recorder, options: fast)
        XCTAssertFalse(user.firstName.isEmpty)
        // The emulator's default script: 2 × PENDING, 1 × USER_SIGN, then OK.
        XCTAssertEqual(recorder.states.first, "pending")
        XCTAssertTrue(recorder.states.contains("userSign"))
        XCTAssertEqual(recorder.states.last, "complete")
        XCTAssertTrue(try client.isLoggedIn())

        let report = try await client.refresh(options: everything, listener: nil)
        XCTAssertGreaterThan(report.fetched, 0)
        XCTAssertGreaterThan(report.requests, 0)
        XCTAssertFalse(report.sessionExpired)
        XCTAssertEqual(report.failures.filter { $0.kind != .unsupported }.count, 0, "\(report.failures)")
        XCTAssertGreaterThanOrEqual(try emulator.count("GetChildren"), 1)

        let kids = try await client.children()
        XCTAssertFalse(kids.isEmpty)
        XCTAssertTrue(kids.allSatisfy { $0.platform == .stockholm })
        let week = try await client.weekOverview(date: date)
        XCTAssertTrue(week.days.contains { $0.children.contains { $0.lessonCount > 0 } }, "Skola24 lessons arrived")
        let news = try await client.news(childId: nil, offset: 0, limit: 5)
        XCTAssertFalse(news.items.isEmpty)
        XCTAssertGreaterThanOrEqual(Int(news.total), news.items.count)

        // A second refresh within the freshness windows asks the upstream nothing.
        try emulator.control("DELETE", "log")
        let again = try await client.refresh(options: everything, listener: nil)
        XCTAssertEqual(again.requests, 0)
        XCTAssertEqual(try emulator.count("GetChildren"), 0)
    }

    func testBankIdOnAnotherDeviceShowsFreshQrFramesWhilePolling() async throws {
        let client = try await emulatorClient(emulator)
        let login = try await client.startLogin(platform: .stockholm, method: .bankIdOtherDevice(personalNumber: nil))
        XCTAssertTrue(try login.prompt().qrPayload?.hasPrefix("bankid.") ?? false)
        let recorder = UpdateRecorder()
        _ = try await login.complete(listener: recorder, options: fast)
        let frames = recorder.updates.compactMap(\.qrPayload)
        XCTAssertFalse(frames.isEmpty)
        XCTAssertTrue(frames.allSatisfy { $0.hasPrefix("bankid.") })
        XCTAssertEqual(recorder.states.last, "complete")
        XCTAssertTrue(try client.isLoggedIn())
    }

    func testSessionExpiryIsTheTypedErrorAndTheCacheStays() async throws {
        let store = DictStore()
        let dir = newDir()
        let client = try await emulatorClient(emulator, store: store, dir: dir)
        _ = try await bankIdLogin(client)
        _ = try await client.refresh(options: everything, listener: nil)
        let before = try await client.children()

        try emulator.control("POST", "sessions/expire", [:])
        let report = try await client.refresh(options: RefreshOptions(date: date, everything: false, force: true), listener: nil)
        XCTAssertTrue(report.sessionExpired)
        XCTAssertTrue(report.failures.contains { $0.kind == .sessionExpired })
        let after = try await client.children()
        XCTAssertEqual(after.map(\.id), before.map(\.id), "the cached data stays readable")

        // A restarted app cannot resume the dead session: the typed error, no BankID prompt.
        let restarted = try await emulatorClient(emulator, store: store, dir: dir)
        do {
            _ = try await restarted.resumeSessions()
            XCTFail("resumed an expired session")
        } catch SkolbrygganError.SessionExpired {
        }
    }

    func testCancellingTheSwiftTaskStopsThePollingAtTheEmulator() async throws {
        try emulator.slowBankId()
        let client = try await emulatorClient(emulator)
        let login = try await client.startLogin(platform: .stockholm, method: .bankIdSameDevice(personalNumber: Emulator.guardian))
        let recorder = UpdateRecorder()
        let task = Task {
            try await login.completeCancellable(listener: recorder, options: LoginOptions(pollIntervalMs: 50, timeoutSeconds: 60))
        }
        try await Task.sleep(nanoseconds: 800_000_000)
        let pollsBefore = try emulator.count("NECSadcmbid")
        XCTAssertGreaterThanOrEqual(pollsBefore, 5, "the login was polling")
        task.cancel()
        do {
            _ = try await task.value
            XCTFail("the login completed")
        } catch SkolbrygganError.Cancelled {
        }
        try await Task.sleep(nanoseconds: 300_000_000)  // an in-flight request may still land
        let atCancel = try emulator.count("NECSadcmbid")
        try await Task.sleep(nanoseconds: 1_000_000_000)  // 20 poll intervals
        XCTAssertEqual(try emulator.count("NECSadcmbid"), atCancel, "the emulator saw the polling stop")
        XCTAssertFalse(recorder.states.contains("complete"))
        XCTAssertFalse(try client.isLoggedIn())
    }

    func testLeavingTheLoginStreamStopsThePolling() async throws {
        try emulator.slowBankId()
        let client = try await emulatorClient(emulator)
        let login = try await client.startLogin(platform: .stockholm, method: .bankIdSameDevice(personalNumber: Emulator.guardian))
        var states: [String] = []
        var pollsBefore = 0
        for try await event in login.events(options: LoginOptions(pollIntervalMs: 50, timeoutSeconds: 60)) {
            guard case .update(let update) = event else { continue }
            states.append(stateName(update.state))
            // Updates arrive on state changes; the order stays pending, so the polling goes on.
            try await Task.sleep(nanoseconds: 800_000_000)
            pollsBefore = try emulator.count("NECSadcmbid")
            break  // the user navigated away
        }
        XCTAssertEqual(states, ["pending"])
        XCTAssertGreaterThanOrEqual(pollsBefore, 5, "the login was polling")
        try await Task.sleep(nanoseconds: 300_000_000)
        let atLeave = try emulator.count("NECSadcmbid")
        try await Task.sleep(nanoseconds: 1_000_000_000)
        XCTAssertEqual(try emulator.count("NECSadcmbid"), atLeave, "no polling after the stream ended")
        XCTAssertFalse(try client.isLoggedIn())
    }

    func testARejectedBankIdLoginIsLoginFailedWithItsReason() async throws {
        try emulator.slowBankId(pendingPolls: 1, outcome: "cancelled")
        let client = try await emulatorClient(emulator)
        let recorder = UpdateRecorder()
        do {
            _ = try await bankIdLogin(client, listener: recorder)
            XCTFail("a cancelled order logged in")
        } catch SkolbrygganError.LoginFailed(let reason) {
            switch reason {
            case .cancelledByUser, .rejected: break
            default: XCTFail("unexpected reason \(reason)")
            }
        }
        XCTAssertEqual(recorder.states.last, "failed")
        XCTAssertFalse(try client.isLoggedIn())
    }

    func testUpstreamEditsReachTheChangeFeedPagedNewestFirst() async throws {
        let client = try await emulatorClient(emulator)
        _ = try await bankIdLogin(client)
        _ = try await client.refresh(options: everything, listener: nil)
        let before = try await client.changes(unreadOnly: false, offset: 0, limit: 0)
        XCTAssertEqual(before.total, 0, "the first fetch records nothing")

        // The school edits the titles of the news it serves.
        var family = try XCTUnwrap(try emulator.control("GET", "family") as? [String: Any])
        let served = Set((family["children"] as? [[String: Any]] ?? []).compactMap { child -> String? in
            (child["refs"] as? [String: Any])?["stockholm"] == nil ? nil : child["id"] as? String
        })
        var edited: Set<String> = []
        family["news"] = (family["news"] as? [[String: Any]] ?? []).map { item -> [String: Any] in
            guard let child = item["childId"] as? String, served.contains(child) else { return item }
            var item = item
            item["title"] = "Uppdaterat: " + (item["title"] as? String ?? "")
            edited.insert(afterAccount(item["id"] as? String ?? ""))
            return item
        }
        XCTAssertFalse(edited.isEmpty)
        try emulator.control("PUT", "family", family)
        _ = try await client.refresh(options: RefreshOptions(date: date, everything: true, force: true), listener: nil)

        var items: [Change] = []
        var offset: UInt32? = 0
        while let o = offset {
            let page = try await client.changes(unreadOnly: false, offset: o, limit: 2)
            XCTAssertLessThanOrEqual(page.items.count, 2)
            items += page.items
            offset = page.nextOffset
        }
        let updates = items.filter { $0.kind == .newsUpdated }
        XCTAssertFalse(updates.isEmpty)
        XCTAssertTrue(updates.allSatisfy { $0.title.hasPrefix("Uppdaterat: ") && edited.contains(afterAccount($0.entityId)) })
        XCTAssertEqual(items.map(\.id), items.map(\.id).sorted(by: >), "newest first")
        try await client.markRead(changeIds: [items[0].id])
        let unread = try await client.changes(unreadOnly: true, offset: 0, limit: 0)
        XCTAssertEqual(Int(unread.total), items.count - 1)
        XCTAssertFalse(unread.items.contains { $0.id == items[0].id })
    }

    func testFrejaLoginAgainstTheEmulator() async throws {
        let client = try await emulatorClient(emulator)
        let login = try await client.startLogin(platform: .stockholm, method: .freja)
        XCTAssertTrue(try login.prompt().frejaLink?.hasPrefix("frejaeid://") ?? false)
        let recorder = UpdateRecorder()
        let user = try await login.complete(listener: recorder, options: fast)
        XCTAssertFalse(user.firstName.isEmpty)
        XCTAssertEqual(recorder.states.last, "complete")
    }
}
