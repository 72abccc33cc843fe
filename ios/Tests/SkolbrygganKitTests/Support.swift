// Shared test support: a dictionary SecretStore, the live core over the real library (demo or
// emulator), recording fakes of the app layer's notification and calendar writers.

import Foundation
import Skolbryggan
import SkolbrygganKit
import SkolbrygganLive
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// The day every test lives in (the demo family's and the emulator's).
let today = "2026-11-25"
/// A personal number ending in 1212121212 signs in to the demo family.
let demoPersonalNumber = "121212121212"

/// The SecretStore in a dictionary (on iOS: KeychainSecretStore).
final class DictStore: SecretStore, @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: Data] = [:]
    func get(key: String) throws -> Data? { lock.withLock { values[key] } }
    func set(key: String, value: Data) throws { lock.withLock { values[key] = value } }
    func delete(key: String) throws { _ = lock.withLock { values.removeValue(forKey: key) } }
}

func newDir() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("ios-" + UUID().uuidString).path
}

/// The live core over a real Client with the demo family's date.
func liveDemoCore(dir: String = newDir(), store: SecretStore = DictStore()) async throws -> LiveSchoolCore {
    let client = try await ClientBuilder(dataDir: dir).fixedToday(date: today).secretStore(store: store).build()
    return LiveSchoolCore(client: client, today: { today })
}

/// Records what would reach UNUserNotificationCenter.
final class RecordingPoster: NotificationPoster, @unchecked Sendable {
    private let lock = NSLock()
    private var _posted: [PlannedNotification] = []
    var allowed = true
    var posted: [PlannedNotification] { lock.withLock { _posted } }
    func post(_ plans: [PlannedNotification]) async -> Bool {
        guard allowed else { return false }
        lock.withLock { _posted += plans }
        return true
    }
}

/// A phone calendar in memory (what EKEventStore would hold in the app's calendar).
final class MemoryCalendar: CalendarWriter, @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private(set) var events: [String: CalendarItem] = [:]
    func create(_ item: CalendarItem, childName: String) throws -> String {
        lock.withLock {
            next += 1
            let id = "local-\(next)"
            events[id] = item
            return id
        }
    }
    func update(localId: String, with item: CalendarItem, childName: String) throws {
        lock.withLock { events[localId] = item }
    }
    func delete(localId: String) throws {
        _ = lock.withLock { events.removeValue(forKey: localId) }
    }
}

/// Waits until `condition` holds (polling the main actor), failing after `seconds`.
@MainActor
func eventually(_ seconds: Double = 10, _ condition: @MainActor () -> Bool, file: StaticString = #filePath, line: UInt = #line) async {
    let end = Date().addingTimeInterval(seconds)
    while !condition() {
        if Date() > end {
            XCTFail("condition not reached in \(seconds) s", file: file, line: line)
            return
        }
        try? await Task.sleep(nanoseconds: 10_000_000)
    }
}

/// A `skolbryggan-emulator` (SKOLBRYGGAN_EMULATOR_BIN) on loopback, driven through its control API.
final class Emulator {
    /// The guardian the emulator serves (a real, non-demo login).
    static let guardian = "198001012387"
    let address: String
    let caPem: String
    private let caPath: String
    private let process: Process

    init() throws {
        let binary = ProcessInfo.processInfo.environment["SKOLBRYGGAN_EMULATOR_BIN"] ?? ""
        caPath = newDir() + "-ca.pem"
        process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--port", "0", "--ca-out", caPath]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
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

    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: caPath)
    }

    /// Calls `https://ADDR/__control/<path>` with curl and decodes the JSON answer.
    @discardableResult
    func control(_ method: String, _ path: String, _ body: [String: Any]? = nil) throws -> Any? {
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        var args = ["-sS", "--fail-with-body", "--max-time", "10", "--cacert", caPath, "-X", method, "-H", "Content-Type: application/json"]
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

    /// The live core over a Client of the real providers pointed at this emulator.
    /// `day` is the app's "today" (the week a refresh fetches).
    func core(dir: String = newDir(), day: String = today) async throws -> LiveSchoolCore {
        let client = try await ClientBuilder(dataDir: dir).fixedToday(date: today).secretStore(store: DictStore())
            .emulator(address: address, caPem: caPem).build()
        return LiveSchoolCore(client: client, today: { day })
    }

    /// The part of an entity id after its account (`platform:account:kind:local` → `kind:local`):
    /// the emulator namespaces its family under its own installation's keyed account id, a client
    /// under its own, so ids of the two are compared by this part.
    static func entityPart(_ id: String) -> Substring {
        id.split(separator: ":", maxSplits: 2).last ?? Substring(id)
    }

    /// Edits the calendar the emulator serves: `edit` gets each event and returns it changed,
    /// or nil to remove it.
    func editCalendar(_ edit: ([String: Any]) -> [String: Any]?) throws {
        guard var family = try control("GET", "family") as? [String: Any] else { return }
        family["calendar"] = (family["calendar"] as? [[String: Any]] ?? []).compactMap(edit)
        try control("PUT", "family", family)
    }

    /// Prefixes the titles of the news the emulator serves for Stockholm children; returns their ids.
    func editNewsTitles(prefix: String) throws -> Set<String> {
        guard var family = try control("GET", "family") as? [String: Any] else { return [] }
        let served = Set((family["children"] as? [[String: Any]] ?? []).compactMap { child -> String? in
            (child["refs"] as? [String: Any])?["stockholm"] == nil ? nil : child["id"] as? String
        })
        var edited: Set<String> = []
        family["news"] = (family["news"] as? [[String: Any]] ?? []).map { item -> [String: Any] in
            guard let child = item["childId"] as? String, served.contains(child) else { return item }
            var item = item
            item["title"] = prefix + (item["title"] as? String ?? "")
            edited.insert(item["id"] as? String ?? "")
            return item
        }
        try control("PUT", "family", family)
        return edited
    }
}
