import XCTest

// The Swift quick start of bindings/README.md, verbatim between the markers
// (tests/python/test_readme.py checks it; the test below runs it).
// BEGIN QUICK START
import Foundation
import Skolbryggan

/// Keeps the cache key in memory; on iOS, use the Keychain.
final class MemoryStore: SecretStore, @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: Data] = [:]
    func get(key: String) throws -> Data? { lock.withLock { values[key] } }
    func set(key: String, value: Data) throws { lock.withLock { values[key] = value } }
    func delete(key: String) throws { _ = lock.withLock { values.removeValue(forKey: key) } }
}

func showToday() async throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString).path
    let client = try await ClientBuilder(dataDir: dir).secretStore(store: MemoryStore()).build()
    _ = try await client.loginDemo()
    _ = try await client.refresh()
    for card in try await client.familyHome().children {
        print(card.childName, card.schoolHours.map { "\($0.lessons) lessons" } ?? "-", card.lunch)
    }
}
// END QUICK START

final class QuickStartTests: XCTestCase {
    func testTheReadmeQuickStartRuns() async throws {
        try await showToday()
    }
}
