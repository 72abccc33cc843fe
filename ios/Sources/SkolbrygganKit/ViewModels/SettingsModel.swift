// Settings: language, appearance, calendar sync, sign out, forget.

import Foundation
import Observation

/// Small app preferences (UserDefaults in the app, memory in tests).
public protocol PreferencesStore: AnyObject, Sendable {
    /// The string stored under `key`.
    func string(_ key: String) -> String?
    /// Stores (nil: removes) `value` under `key`.
    func set(_ value: String?, for key: String)
}

/// Preferences in memory.
public final class MemoryPreferences: PreferencesStore, @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: String] = [:]
    /// Empty preferences.
    public init() {}
    public func string(_ key: String) -> String? {
        lock.lock(); defer { lock.unlock() }
        return values[key]
    }
    public func set(_ value: String?, for key: String) {
        lock.lock(); values[key] = value; lock.unlock()
    }
}

/// Light, dark or as the phone.
public enum Appearance: String, CaseIterable, Sendable {
    /// As the phone.
    case system
    /// Light.
    case light
    /// Dark.
    case dark
}

/// The settings screen's state and intents.
@MainActor
@Observable
public final class SettingsModel {
    /// The app's language tag (nil: the phone's).
    public var language: String? {
        didSet { preferences.set(language, for: "language") }
    }
    /// Appearance.
    public var appearance: Appearance {
        didSet { preferences.set(appearance.rawValue, for: "appearance") }
    }
    /// Show the school calendar in the phone's calendar (opt-in).
    public var calendarSync: Bool {
        didSet { preferences.set(calendarSync ? "on" : nil, for: "calendarSync") }
    }
    /// "Forget everything" asks first.
    public var confirmingForget = false
    private let preferences: PreferencesStore

    /// A model over `preferences`.
    public init(preferences: PreferencesStore) {
        self.preferences = preferences
        language = preferences.string("language")
        appearance = Appearance(rawValue: preferences.string("appearance") ?? "") ?? .system
        calendarSync = preferences.string("calendarSync") == "on"
    }
}
