// The core's school-work records and write results → the screens' types. Field by field.

import Foundation
import Skolbryggan
import SkolbrygganKit

/// Maps assignments, attendance, care times and absence offers.
enum WriteMapping {
    static func refusal(_ r: WriteRefusalReason) -> AbsenceRefusal {
        switch r {
        case .locked: return .locked
        case .notAllowed: return .notAllowed
        case .notOffered: return .notOffered
        case .closed: return .closed
        }
    }

    /// The receipt id of a child's report on a day (the core keys reports by child and day).
    static func receiptId(childId: String, day: String) -> String { "absence/\(childId)/\(day)" }

    /// One day of the core's offers. The core says what may be done; the app only shows it.
    static func day(_ o: AbsenceOption) -> AbsenceDayOption {
        let existing = o.alreadyReported
            ? AbsenceReceipt(id: receiptId(childId: o.childId, day: o.day), childId: o.childId, date: o.day, reason: .sick,
                             canWithdraw: o.canWithdraw)
            : nil
        let refusal: AbsenceRefusal?
        if o.alreadyReported || o.canReport {
            refusal = nil
        } else {
            refusal = o.locked ? .locked : .notAllowed
        }
        return AbsenceDayOption(date: o.day, refusal: refusal, existing: existing)
    }

    /// The offers of a child; the core reports sickness only (`reportAbsence(absent:)`).
    static func options(_ o: Skolbryggan.AbsenceOptions, childId: String) -> SkolbrygganKit.AbsenceOptions {
        let days = o.options.filter { $0.childId == childId }.sorted { $0.day < $1.day }.map(day)
        return SkolbrygganKit.AbsenceOptions(childId: childId, days: days, reasons: days.isEmpty ? [] : [.sick])
    }

    static func assignment(_ a: Assignment) -> AssignmentItem {
        AssignmentItem(id: a.id, title: a.title, subject: a.subject, due: a.due, submitted: a.status == .done)
    }

    static func attendance(_ r: AttendanceRecord) -> AttendanceItem? {
        let mark: AttendanceMark
        switch r.status {
        // An absence the school registered with a reason or a reporter was reported; one without
        // either was not (the platforms write "Ogiltig frånvaro" without a reason).
        case .absent: mark = (r.reason != nil || r.reportedBy != nil) ? .absentReported : .absentUnreported
        case .late: mark = .late
        case .present: mark = .present
        // The app has no mark for other registrations yet: left out of the list.
        case .other: return nil
        }
        let label = r.lesson ?? r.registrationType ?? r.reason ?? ""
        return AttendanceItem(id: r.id, date: r.date, label: label, mark: mark, minutes: r.minutes.map { Int($0) })
    }

    static func careDay(_ c: CareTime) -> CareDay {
        let off = c.onLeave || c.closed
        return CareDay(date: c.date, start: off ? nil : c.start.map(SchoolDay.time), end: off ? nil : c.end.map(SchoolDay.time),
                       locked: c.locked, closed: c.closed)
    }

    static func careWeek(_ w: CareTimeWeek, childId: String, week: SchoolWeek) -> CareWeek {
        let days = w.days.filter { $0.childId == childId }.sorted { $0.date < $1.date }.map(careDay)
        return CareWeek(childId: childId, week: week, days: days, editable: days.contains { $0.editable })
    }
}
