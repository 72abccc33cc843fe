// The family home: the core's cards, banners, pull to refresh.

import Foundation
import Observation

/// The home screen's state and intents.
@MainActor
@Observable
public final class HomeModel {
    /// The home (nil until read).
    public private(set) var home: Loadable<FamilyHome> = .idle
    /// The banner to show.
    public private(set) var banner: Banner = .none
    /// A refresh is running.
    public private(set) var isRefreshing = false
    /// Progress of the refresh (0…1).
    public private(set) var progress: Double = 0
    private var lastError: CoreError?
    private let core: SchoolCore
    private let date: String?

    /// A model for `date` (nil: today).
    public init(core: SchoolCore, date: String? = nil) {
        self.core = core
        self.date = date
    }

    /// Reads the cards from the cache (instant).
    public func load() async {
        if home.value == nil { home = .loading }
        let next = await Loadable.from { try await core.familyHome(date: date) }
        if case .failed(let e) = next, home.value != nil {
            lastError = e // keep showing what we had
        } else {
            home = next
        }
        updateBanner()
    }

    /// Pull to refresh: fetches, then reads again.
    public func refresh() async {
        isRefreshing = true
        progress = 0
        defer { isRefreshing = false }
        do {
            let summary = try await core.refresh(force: true) { step in
                let fraction = step.total == 0 ? 1 : Double(step.done) / Double(step.total)
                Task { @MainActor [weak self] in self?.progress = max(self?.progress ?? 0, fraction) }
            }
            lastError = summary.sessionExpired ? .sessionExpired : nil
        } catch {
            lastError = CoreError.wrap(error)
        }
        await load()
    }

    /// Follows the core's notices (reads again after a refresh, shows an expired session).
    public func follow() async {
        for await event in core.events() {
            switch event {
            case .refreshed, .signedIn: await load()
            case .sessionExpired: lastError = .sessionExpired; await load()
            case .signedOut: break
            }
        }
    }

    private func updateBanner() {
        let h = home.value
        banner = Banner.from(sessions: h?.sessions ?? [], freshness: h?.freshness, lastError: lastError)
    }
}
