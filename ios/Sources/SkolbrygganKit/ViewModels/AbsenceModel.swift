// Report absence: fresh options, confirmation, the school's read-back, refusal reasons.

import Foundation
import Observation

/// The absence screen's state and intents.
@MainActor
@Observable
public final class AbsenceModel {
    /// Where a report is.
    public enum Phase: Equatable, Sendable {
        /// Reading the options.
        case loading
        /// Choosing day and reason.
        case choosing
        /// Asking "report X absent today?".
        case confirming(AbsenceRequest)
        /// Sending.
        case sending
        /// The school recorded it (read back).
        case recorded(AbsenceReceipt)
        /// Withdrawn.
        case withdrawn
        /// The platform said no.
        case refused(AbsenceRefusal)
        /// Could not be done (offline, not in the core yet…).
        case failed(CoreError)
    }

    /// The child.
    public let child: ChildProfile
    /// What the platform offers.
    public private(set) var options: AbsenceOptions?
    /// Where it is.
    public private(set) var phase: Phase = .loading
    /// The chosen day.
    public var date: String?
    /// The chosen reason.
    public var reason: AbsenceReason = .sick
    private let core: SchoolCore

    /// A model for `child`.
    public init(core: SchoolCore, child: ChildProfile) {
        self.core = core
        self.child = child
    }

    /// Reads fresh options.
    public func load() async {
        phase = .loading
        do {
            let o = try await core.absenceOptions(childId: child.id)
            options = o
            reason = o.reasons.first ?? .sick
            phase = .choosing
            if let first = o.days.first?.date { choose(day: first) }
        } catch {
            phase = .failed(CoreError.wrap(error))
        }
    }

    /// Chooses a day (shows its refusal or existing report at once).
    public func choose(day: String) {
        date = day
        guard let option = options?.days.first(where: { $0.date == day }) else { return }
        if let existing = option.existing { phase = .recorded(existing) } else if let refusal = option.refusal { phase = .refused(refusal) } else { phase = .choosing }
    }

    /// Asks for confirmation.
    public func confirm() {
        guard let date else { return }
        phase = .confirming(AbsenceRequest(childId: child.id, date: date, reason: reason))
    }

    /// Sends the confirmed report; the phase becomes the school's read-back or its refusal.
    public func send() async {
        guard case .confirming(let request) = phase else { return }
        phase = .sending
        do {
            phase = .recorded(try await core.reportAbsence(request))
        } catch CoreError.absenceRefused(let reason) {
            phase = .refused(reason)
        } catch {
            phase = .failed(CoreError.wrap(error))
        }
    }

    /// Withdraws the recorded report.
    public func withdraw() async {
        guard case .recorded(let receipt) = phase else { return }
        phase = .sending
        do {
            try await core.withdrawAbsence(receipt)
            phase = .withdrawn
        } catch CoreError.absenceRefused(let reason) {
            phase = .refused(reason)
        } catch {
            phase = .failed(CoreError.wrap(error))
        }
    }
}
