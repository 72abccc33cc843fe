// The Keychain SecretStore's answers (through a fake of the four Keychain calls), and a locked
// keychain at app start against the real library.

import Foundation
import Skolbryggan
import SkolbrygganKit
import SkolbrygganLive
import XCTest

/// The Keychain's behaviour for one service: items by account, and "locked before first unlock".
final class FakeKeychain: KeychainCalls, @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String: Data] = [:]
    var locked = false
    var failWith: Int32?

    private func answer<T>(_ fallback: T, _ body: () -> T) -> (Int32?, T) {
        lock.withLock {
            if locked { return (KeychainStatus.interactionNotAllowed, fallback) }
            if let failWith { return (failWith, fallback) }
            return (nil, body())
        }
    }

    func copy(account: String) -> (Int32, Data?) {
        let (status, data) = answer(nil as Data?) { items[account] }
        if let status { return (status, nil) }
        return data == nil ? (KeychainStatus.itemNotFound, nil) : (KeychainStatus.success, data)
    }

    func add(account: String, data: Data) -> Int32 {
        let (status, existed) = answer(false) { () -> Bool in
            let existed = items[account] != nil
            if !existed { items[account] = data }
            return existed
        }
        return status ?? (existed ? -25299 : KeychainStatus.success) // errSecDuplicateItem
    }

    func update(account: String, data: Data) -> Int32 {
        let (status, found) = answer(false) { () -> Bool in
            guard items[account] != nil else { return false }
            items[account] = data
            return true
        }
        return status ?? (found ? KeychainStatus.success : KeychainStatus.itemNotFound)
    }

    func delete(account: String) -> Int32 {
        let (status, found) = answer(false) { items.removeValue(forKey: account) != nil }
        return status ?? (found ? KeychainStatus.success : KeychainStatus.itemNotFound)
    }
}

/// Every file under `dir` with its bytes.
func snapshot(_ dir: String) -> [String: Data] {
    var out: [String: Data] = [:]
    let root = URL(fileURLWithPath: dir)
    guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return out }
    for case let url as URL in walker {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue {
            out[String(url.path.dropFirst(root.path.count))] = try? Data(contentsOf: url)
        }
    }
    return out
}

final class KeychainStoreTests: XCTestCase {
    func testRoundTripAndTheKeychainsAnswers() throws {
        let keychain = FakeKeychain()
        let store = KeychainSecretStore(keychain: keychain)
        XCTAssertNil(try store.get(key: "cache-key"))
        try store.set(key: "cache-key", value: Data([1, 2, 3]))
        XCTAssertEqual(try store.get(key: "cache-key"), Data([1, 2, 3]))
        try store.set(key: "cache-key", value: Data([4]))
        XCTAssertEqual(try store.get(key: "cache-key"), Data([4]), "set replaces")
        try store.delete(key: "cache-key")
        XCTAssertNil(try store.get(key: "cache-key"))
        try store.delete(key: "cache-key") // deleting what is not there is fine

        keychain.locked = true
        XCTAssertThrowsError(try store.get(key: "cache-key")) { error in
            guard case SecretStoreError.Unavailable = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try store.set(key: "cache-key", value: Data([5]))) { error in
            guard case SecretStoreError.Unavailable = error else { return XCTFail("\(error)") }
        }
        keychain.locked = false
        keychain.failWith = -34018 // errSecMissingEntitlement: a real failure, not "try later"
        XCTAssertThrowsError(try store.get(key: "cache-key")) { error in
            guard case SecretStoreError.Failed = error else { return XCTFail("\(error)") }
        }
    }

    @MainActor
    func testALockedKeychainAtStartIsTryLaterAndTouchesNoFile() async throws {
        let dir = newDir()
        let keychain = FakeKeychain()
        do {
            let client = try await ClientBuilder(dataDir: dir).fixedToday(date: today)
                .secretStore(store: KeychainSecretStore(keychain: keychain)).build()
            let app = AppModel(core: LiveSchoolCore(client: client, today: { today }), preferences: MemoryPreferences(), today: today)
            await app.start()
            await app.signIn.signInDemo()
            await app.home.refresh()
            XCTAssertEqual(app.home.home.value?.cards.count, 5)
        }
        let before = snapshot(dir)
        XCTAssertFalse(before.isEmpty)

        // The phone restarted and is not unlocked yet: iOS wakes the app for a background refresh.
        keychain.locked = true
        let launch = await CoreLauncher.open(dataDir: dir, store: KeychainSecretStore(keychain: keychain),
                                             today: { today }, configure: { try $0.fixedToday(date: today) })
        guard case .keystoreUnavailable = launch else { return XCTFail("\(launch)") }
        XCTAssertEqual(snapshot(dir), before, "a locked keychain must not cost the cache")

        // Unlocked: the same cache opens, the session resumes.
        keychain.locked = false
        let client = try await ClientBuilder(dataDir: dir).fixedToday(date: today)
            .secretStore(store: KeychainSecretStore(keychain: keychain)).build()
        let app = AppModel(core: LiveSchoolCore(client: client, today: { today }), preferences: MemoryPreferences(), today: today)
        await app.start()
        XCTAssertEqual(app.screen, .home)
        XCTAssertEqual(app.home.home.value?.cards.count, 5)
    }
}
