// The core's SecretStore on the iOS Keychain. The Security calls are behind `KeychainCalls` (the
// app passes `SecurityKeychain`, App/Sources/Platform), so the mapping of the Keychain's answers
// to the core's errors is tested on Linux: before the first unlock since boot the Keychain
// answers errSecInteractionNotAllowed, which must reach the core as `Unavailable` ("try again
// later": the core keeps every cache file untouched), never as a missing key.

import Foundation
import Skolbryggan

/// The Keychain's result codes the store acts on (Security's OSStatus values).
public enum KeychainStatus {
    /// errSecSuccess.
    public static let success: Int32 = 0
    /// errSecItemNotFound.
    public static let itemNotFound: Int32 = -25300
    /// errSecInteractionNotAllowed: the device is locked (before first unlock, for
    /// kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly items).
    public static let interactionNotAllowed: Int32 = -25308
    /// errSecNotAvailable: no keychain available.
    public static let notAvailable: Int32 = -25291
}

/// The four Keychain calls on generic-password items of one service.
public protocol KeychainCalls: AnyObject, Sendable {
    /// SecItemCopyMatching of `account`: status and data.
    func copy(account: String) -> (Int32, Data?)
    /// SecItemAdd, accessible after first unlock, this device only.
    func add(account: String, data: Data) -> Int32
    /// SecItemUpdate of `account`'s data.
    func update(account: String, data: Data) -> Int32
    /// SecItemDelete of `account`.
    func delete(account: String) -> Int32
}

/// The SecretStore over the Keychain.
public final class KeychainSecretStore: SecretStore, @unchecked Sendable {
    private let keychain: KeychainCalls

    /// A store over `keychain`.
    public init(keychain: KeychainCalls) {
        self.keychain = keychain
    }

    private func failure(_ status: Int32, _ what: String) -> SecretStoreError {
        switch status {
        case KeychainStatus.interactionNotAllowed, KeychainStatus.notAvailable:
            return .Unavailable(detail: "keychain \(what): OSStatus \(status)")
        default:
            return .Failed(detail: "keychain \(what): OSStatus \(status)")
        }
    }

    public func get(key: String) throws -> Data? {
        let (status, data) = keychain.copy(account: key)
        switch status {
        case KeychainStatus.success: return data
        case KeychainStatus.itemNotFound: return nil
        default: throw failure(status, "read")
        }
    }

    public func set(key: String, value: Data) throws {
        let status = keychain.update(account: key, data: value)
        if status == KeychainStatus.itemNotFound {
            let added = keychain.add(account: key, data: value)
            guard added == KeychainStatus.success else { throw failure(added, "add") }
        } else if status != KeychainStatus.success {
            throw failure(status, "update")
        }
    }

    public func delete(key: String) throws {
        let status = keychain.delete(account: key)
        guard status == KeychainStatus.success || status == KeychainStatus.itemNotFound else { throw failure(status, "delete") }
    }
}
