// The Keychain calls of KeychainSecretStore (SkolbrygganLive) on the Security framework: generic
// passwords of the app's service, kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly — readable in
// background refresh after the first unlock since boot, never synced or restored to another
// device. Before the first unlock the Keychain answers errSecInteractionNotAllowed, which the
// store turns into the core's "unavailable, try again later".

import Foundation
import Security
import SkolbrygganLive

final class SecurityKeychain: KeychainCalls, @unchecked Sendable {
    private let service: String

    init(service: String = "se.skolbryggan.app.secrets") {
        self.service = service
    }

    private func base(_ account: String) -> [String: Any] {
        [
            kSecClass as String: kSecClassGenericPassword,
            kSecAttrService as String: service,
            kSecAttrAccount as String: account,
        ]
    }

    func copy(account: String) -> (Int32, Data?) {
        var query = base(account)
        query[kSecReturnData as String] = true
        query[kSecMatchLimit as String] = kSecMatchLimitOne
        var result: CFTypeRef?
        let status = SecItemCopyMatching(query as CFDictionary, &result)
        return (status, result as? Data)
    }

    func add(account: String, data: Data) -> Int32 {
        var query = base(account)
        query[kSecValueData as String] = data
        query[kSecAttrAccessible as String] = kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly
        return SecItemAdd(query as CFDictionary, nil)
    }

    func update(account: String, data: Data) -> Int32 {
        let attributes: [String: Any] = [
            kSecValueData as String: data,
            kSecAttrAccessible as String: kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly,
        ]
        return SecItemUpdate(base(account) as CFDictionary, attributes as CFDictionary)
    }

    func delete(account: String) -> Int32 {
        SecItemDelete(base(account) as CFDictionary)
    }
}
