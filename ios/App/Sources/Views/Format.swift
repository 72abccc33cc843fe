// The core's values as text in the app's language: times and days in Swedish time, platform
// names, errors, refusal reasons, feed kinds. Needs only Foundation and SkolbrygganKit, so it is
// type-checked on Linux too.

import Foundation
import SkolbrygganKit

/// Formats the core's instants and days in Swedish time, in the app's language.
enum Format {
    static func time(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = L10n.locale
        f.timeZone = SchoolWeek.calendar.timeZone
        f.dateStyle = .none
        f.timeStyle = .short
        return f.string(from: date)
    }

    static func day(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = L10n.locale
        f.timeZone = SchoolWeek.calendar.timeZone
        f.setLocalizedDateFormatFromTemplate("EEEEdMMMM")
        return f.string(from: date)
    }

    static func day(_ day: String) -> String {
        SchoolDay.date(day).map { Format.day($0) } ?? day
    }

    static func relative(_ date: Date) -> String {
        date.formatted(Date.RelativeFormatStyle(presentation: .named, unitsStyle: .wide, locale: L10n.locale))
    }

    static func platform(_ p: SchoolPlatformID) -> String {
        switch p {
        case .stockholm: return L10n.platformStockholm
        case .infoMentor: return L10n.platformInfomentor
        case .skola24: return "Skola24"
        }
    }

    static func error(_ e: CoreError) -> String {
        switch e {
        case .offline: return L10n.errorOffline
        case .signIn(.invalidPersonalNumber): return L10n.signinInvalidPersonalNumber
        case .signIn(.cancelledByUser), .cancelled: return L10n.signinCancelled
        case .signIn: return L10n.signinFailed
        case .absenceRefused(let r): return refusal(r)
        default: return L10n.errorGeneric
        }
    }

    static func refusal(_ r: AbsenceRefusal) -> String {
        switch r {
        case .locked: return L10n.absenceRefusedLocked
        case .notAllowed: return L10n.absenceRefusedNotAllowed
        case .tooLate: return L10n.absenceRefusedTooLate
        }
    }

    static func reason(_ r: AbsenceReason) -> String {
        switch r {
        case .sick: return L10n.absenceSick
        case .leave: return L10n.absenceLeave
        }
    }

    static func kind(_ k: ChangeKindItem) -> String {
        switch k {
        case .newsAdded: return L10n.changeNews
        case .newsUpdated: return L10n.changeNewsUpdated
        case .notificationAdded: return L10n.changeNotification
        case .eventAdded: return L10n.changeEvent
        case .eventMoved: return L10n.changeEventMoved
        case .eventCancelled: return L10n.changeEventCancelled
        case .menuChanged: return L10n.tabMenu
        case .timetableChanged: return L10n.changeTimetable
        }
    }
}
