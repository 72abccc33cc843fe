import Foundation
import XCTest

@testable import Skolbryggan

let date = "2026-11-25"
let demoPN = "121212121212"
let fast = LoginOptions(pollIntervalMs: 50, timeoutSeconds: 30)

/// The foreign SecretStore, in Swift (on iOS: the Keychain).
final class DictStore: SecretStore, @unchecked Sendable {
    private let lock = NSLock()
    var values: [String: Data] = [:]
    var sets: [String] = []
    func get(key: String) throws -> Data? { lock.withLock { values[key] } }
    func set(key: String, value: Data) throws { lock.withLock { sets.append(key); values[key] = value } }
    func delete(key: String) throws { _ = lock.withLock { values.removeValue(forKey: key) } }
    func list(prefix: String) throws -> [String] { lock.withLock { values.keys.filter { $0.hasPrefix(prefix) }.sorted() } }
}

final class Recorder: LoginListener, @unchecked Sendable {
    private let lock = NSLock()
    private var _states: [String] = []
    var states: [String] { lock.withLock { _states } }
    func onUpdate(update: LoginUpdate) { lock.withLock { _states.append(stateName(update.state)) } }
}

func stateName(_ s: LoginState) -> String {
    switch s {
    case .pending: return "pending"
    case .userSign: return "userSign"
    case .signed: return "signed"
    case .complete: return "complete"
    case .failed: return "failed"
    case .cancelled: return "cancelled"
    }
}

let everything = RefreshOptions(date: date, everything: true, force: false)

func newDir() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString).path
}

func demoClient(_ store: SecretStore = DictStore(), dir: String = newDir()) async throws -> Client {
    try await ClientBuilder(dataDir: dir).fixedToday(date: date).secretStore(store: store).build()
}

final class ClientTests: XCTestCase {
    func testDemoLoginThenWeekOverviewMatchesTheRustCLI() async throws {
        let client = try await demoClient()
        XCTAssertFalse(try client.isLoggedIn())
        let user = try await client.loginDemo()
        XCTAssertFalse(user.firstName.isEmpty)
        let report = try await client.refresh(options: everything, listener: nil)
        XCTAssertGreaterThan(report.fetched, 0)
        XCTAssertTrue(report.failures.isEmpty)
        let week = try await client.weekOverview(date: date)
        XCTAssertEqual(week.week.year, 2026)
        XCTAssertEqual(week.week.week, 48)
        XCTAssertEqual(week.days.map(\.date), (23...29).map { "2026-11-\($0)" })
        // The CLI (plain Rust) prints the same week as JSON.
        let cli = ProcessInfo.processInfo.environment["SKOLBRYGGAN_BIN"]!
        let process = Process()
        process.executableURL = URL(fileURLWithPath: cli)
        process.arguments = ["demo", "--json", "--date", date]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let days = (json["week"] as! [String: Any])["days"] as! [[String: Any]]
        XCTAssertEqual(days.count, 7)
        for (swiftDay, rustDay) in zip(week.days, days) {
            XCTAssertEqual(swiftDay.date, rustDay["date"] as? String)
            let kids = rustDay["children"] as! [[String: Any]]
            XCTAssertEqual(swiftDay.children.count, kids.count)
            for (s, r) in zip(swiftDay.children, kids) {
                XCTAssertEqual(s.childId, r["childId"] as? String)
                XCTAssertEqual(Int(s.lessonCount), r["lessonCount"] as? Int)
                XCTAssertEqual(s.lunch, (r["lunch"] as? [String]) ?? [])
                XCTAssertEqual(s.subjects, (r["subjects"] as? [String]) ?? [])
                XCTAssertEqual(s.bringGymClothes, r["bringGymClothes"] as? Bool)
            }
        }
        XCTAssertEqual(week.days[2].children[0].lessonCount, 0)
        XCTAssertGreaterThan(week.days[2].children[1].lessonCount, 0)
    }

    func testBankIdLoginStatesThroughTheStream() async throws {
        let client = try await demoClient()
        let login = try await client.startLogin(platform: .stockholm, method: .bankIdSameDevice(personalNumber: demoPN))
        XCTAssertTrue(try login.prompt().bankidUniversalLink!.hasPrefix("https://app.bankid.com/"))
        var states: [String] = []
        var loggedIn: User?
        for try await event in login.events(options: fast) {
            switch event {
            case .update(let u): states.append(stateName(u.state))
            case .done(let user): loggedIn = user
            }
        }
        XCTAssertEqual(states, ["pending", "userSign", "complete"])
        XCTAssertNotNil(loggedIn)
        XCTAssertTrue(try client.isLoggedIn())
    }

    func testCancellingTheTaskStopsTheLogin() async throws {
        let client = try await demoClient()
        let login = try await client.startLogin(platform: .stockholm, method: .bankIdSameDevice(personalNumber: demoPN))
        let recorder = Recorder()
        let task = Task { try await login.completeCancellable(listener: recorder, options: LoginOptions(pollIntervalMs: 300, timeoutSeconds: 60)) }
        while !recorder.states.contains("userSign") { try await Task.sleep(nanoseconds: 10_000_000) }
        task.cancel()
        do {
            _ = try await task.value
            XCTFail("the login completed")
        } catch SkolbrygganError.Cancelled {
        }
        let seen = recorder.states.count
        try await Task.sleep(nanoseconds: 1_000_000_000)
        XCTAssertEqual(recorder.states.count, seen, "no state after the task was cancelled")
        XCTAssertEqual(recorder.states, ["pending", "userSign", "cancelled"])
        XCTAssertFalse(try client.isLoggedIn())
    }

    func testSwiftSecretStoreHoldsTheCacheKey() async throws {
        let store = DictStore()
        let dir = newDir()
        let first = try await demoClient(store, dir: dir)
        _ = try await first.startLogin(platform: .stockholm, method: .bankIdSameDevice(personalNumber: demoPN))
            .complete(listener: Recorder(), options: fast)
        _ = try await first.refresh(options: everything, listener: nil)
        XCTAssertFalse(store.sets.isEmpty)
        let second = try await demoClient(store, dir: dir)
        let users = try await second.resumeSessions()
        XCTAssertEqual(users.count, 1)
        let kids = try await second.children()
        XCTAssertEqual(kids.count, 5)
    }

    func testTypedErrors() async throws {
        let client = try await demoClient()
        do {
            _ = try await client.children()
            XCTFail("read without a login")
        } catch SkolbrygganError.NotLoggedIn {
        }
        do {
            _ = try await client.startLogin(platform: .stockholm, method: .bankIdSameDevice(personalNumber: "12ab"))
            XCTFail("accepted a bad personal number")
        } catch SkolbrygganError.LoginFailed(let reason) {
            XCTAssertEqual(reason, .invalidPersonalNumber)
        }
    }

    func testRefreshAndPagedNews() async throws {
        let client = try await demoClient()
        _ = try await client.loginDemo()
        let report = try await client.refresh(options: everything, listener: nil)
        XCTAssertGreaterThan(report.fetched, 10)
        let pupil = try await client.children()[1]
        var ids: [String] = []
        var offset: UInt32? = 0
        while let o = offset {
            let page = try await client.news(childId: pupil.id, offset: o, limit: 4)
            XCTAssertLessThanOrEqual(page.items.count, 4)
            ids += page.items.map(\.id)
            offset = page.nextOffset
        }
        XCTAssertGreaterThan(ids.count, 4)
        XCTAssertEqual(Set(ids).count, ids.count)
    }
}
