// The core's SecretStore on the iOS Keychain. Items are generic passwords of the app's service,
// kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly: readable in background refresh after the
// first unlock since boot, never synced or restored to another device. Before the first unlock
// the Keychain answers errSecInteractionNotAllowed: that is the core's "unavailable, try later"
// (it keeps every cache file untouched), never "missing".

import Foundation
import Security
import Skolbryggan

final class KeychainSecretStore: SecretStore, @unchecked Sendable {
    private let service: String

    init(service: String = "se.skolbryggan.app.secrets") {
        self.service = service
    }

    private func base(_ key: String) -> [String: Any] {
        [
            kSecClass as String: kSecClassGenericPassword,
            kSecAttrService as String: service,
            kSecAttrAccount as String: key,
        ]
    }

    private func failure(_ status: OSStatus, _ what: String) -> SecretStoreError {
        let message = (SecCopyErrorMessageString(status, nil) as String?) ?? "OSStatus \(status)"
        switch status {
        case errSecInteractionNotAllowed, errSecNotAvailable:
            return .Unavailable(detail: "\(what): \(message)")
        default:
            return .Failed(detail: "\(what): \(message)")
        }
    }

    func get(key: String) throws -> Data? {
        var query = base(key)
        query[kSecReturnData as String] = true
        query[kSecMatchLimit as String] = kSecMatchLimitOne
        var result: CFTypeRef?
        let status = SecItemCopyMatching(query as CFDictionary, &result)
        switch status {
        case errSecSuccess:
            return result as? Data
        case errSecItemNotFound:
            return nil
        default:
            throw failure(status, "read")
        }
    }

    func set(key: String, value: Data) throws {
        let attributes: [String: Any] = [
            kSecValueData as String: value,
            kSecAttrAccessible as String: kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly,
        ]
        let status = SecItemUpdate(base(key) as CFDictionary, attributes as CFDictionary)
        if status == errSecItemNotFound {
            var add = base(key)
            for (k, v) in attributes { add[k] = v }
            let added = SecItemAdd(add as CFDictionary, nil)
            guard added == errSecSuccess else { throw failure(added, "add") }
        } else if status != errSecSuccess {
            throw failure(status, "update")
        }
    }

    func delete(key: String) throws {
        let status = SecItemDelete(base(key) as CFDictionary)
        guard status == errSecSuccess || status == errSecItemNotFound else { throw failure(status, "delete") }
    }
}
