// Fritids / pre-school times: a week, edited where the platform allows.

import Foundation
import Observation

/// The care-times tab's state and intents.
@MainActor
@Observable
public final class CareTimesModel {
    /// The week shown.
    public var week: SchoolWeek
    /// What the platform has.
    public private(set) var current: Loadable<CareWeek> = .idle
    /// The edited days (nil: not editing).
    public var draft: [CareDay]?
    /// A save failed with this.
    public private(set) var saveError: CoreError?
    private let core: SchoolCore
    private let childId: String

    /// A model for `childId`.
    public init(core: SchoolCore, childId: String, week: SchoolWeek) {
        self.core = core
        self.childId = childId
        self.week = week
    }

    /// Reads the week.
    public func load() async {
        let id = childId, week = week, core = core
        current = .loading
        current = await .from { try await core.careTimes(childId: id, week: week) }
    }

    /// Whether the edit button shows.
    public var canEdit: Bool { current.value?.editable ?? false }

    /// Starts editing.
    public func edit() {
        guard canEdit else { return }
        draft = current.value?.days
    }

    /// Sets one day of the draft (nil times: off).
    public func set(date: String, start: String?, end: String?) {
        guard var days = draft, let i = days.firstIndex(where: { $0.date == date }) else { return }
        guard days[i].editable else { return }
        days[i].start = start
        days[i].end = end
        draft = days
    }

    /// Saves the draft; shows what the platform recorded.
    public func save() async {
        guard let days = draft, var week = current.value else { return }
        week.days = days
        do {
            current = .loaded(try await core.setCareTimes(week))
            draft = nil
            saveError = nil
        } catch {
            saveError = CoreError.wrap(error)
        }
    }
}
