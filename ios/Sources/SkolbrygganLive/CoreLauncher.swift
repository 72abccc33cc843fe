// Opening the core at app start (also when iOS wakes the app for a background refresh before
// the phone was unlocked): a locked keystore is "try again later", never a reason to reset.

import Foundation
import Skolbryggan
import SkolbrygganKit

/// What opening the core gave.
public enum CoreLaunch {
    /// The core, ready.
    case ready(LiveSchoolCore)
    /// The keystore cannot answer yet (locked since boot): show "unlock the phone", retry later;
    /// the core touched no file.
    case keystoreUnavailable
    /// Any other failure.
    case failed(CoreError)
}

/// Opens the core over a data folder and a secret store.
public enum CoreLauncher {
    /// Builds the Client for the iPhone and wraps it.
    public static func open(dataDir: String, store: SecretStore,
                            today: @escaping @Sendable () -> String = { SchoolDay.string(Date()) },
                            configure: (ClientBuilder) throws -> ClientBuilder = { $0 }) async -> CoreLaunch {
        do {
            let builder = try configure(try ClientBuilder(dataDir: dataDir).hostPlatform(platform: .ios).secretStore(store: store))
            return .ready(LiveSchoolCore(client: try await builder.build(), today: today))
        } catch let error as SkolbrygganError {
            let mapped = CoreErrorMapping.map(error)
            return mapped == .keystoreUnavailable ? .keystoreUnavailable : .failed(mapped)
        } catch {
            return .failed(.other(String(describing: error)))
        }
    }
}
