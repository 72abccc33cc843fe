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
        // Proper names, the same in every language.
        case .schoolSoft: return "SchoolSoft"
        case .vklass: return "Vklass"
        }
    }

    static func error(_ e: CoreError) -> String {
        switch e {
        case .offline: return L10n.errorOffline
        case .signIn(.invalidPersonalNumber): return L10n.signinInvalidPersonalNumber
        case .signIn(.cancelledByUser), .cancelled: return L10n.signinCancelled
        case .signIn: return L10n.signinFailed
        case .absenceRefused(let r): return refusal(r)
        case .careTimesRefused: return L10n.careLocked
        default: return L10n.errorGeneric
        }
    }

    static func refusal(_ r: AbsenceRefusal) -> String {
        switch r {
        case .locked: return L10n.absenceRefusedLocked
        case .notAllowed: return L10n.absenceRefusedNotAllowed
        case .notOffered: return L10n.absenceRefusedNotOffered
        case .closed: return L10n.absenceRefusedClosed
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
        // The catalog has no change lines for school work yet: the tab's name.
        case .assignmentAdded, .assignmentChanged: return L10n.tabAssignments
        case .attendanceRegistered: return L10n.tabAttendance
        case .careTimeChanged: return L10n.tabCare
        }
    }

    /// A home card's hours line (or its day off).
    static func hours(_ card: HomeCard) -> String {
        if let off = card.dayOff { return L10n.homeDayOff(reason: off) }
        switch card.dayOffKind {
        case .holiday: return L10n.homeDayOff(reason: L10n.kindHoliday)
        case .studyDay: return L10n.homeDayOff(reason: L10n.kindStudyDay)
        case .careClosed, .weekend: return L10n.homeNoSchool
        case nil: break
        }
        switch card.hours {
        case .school(let start, let end): return L10n.homeSchoolHours(start: time(start), end: time(end))
        case .care(let start, let end): return L10n.homeCareHours(start: time(start), end: time(end))
        case .none: return L10n.homeNoSchool
        }
    }

    /// A home card's absence line, when there is something to say.
    static func absence(_ card: HomeCard) -> String? {
        switch card.absence {
        case .reported: return L10n.absenceReported
        case .locked: return L10n.absenceLocked
        case .canReport, .notOffered, .unknown: return nil
        }
    }

    /// What to bring today: gym clothes first, then what the school wrote.
    static func bring(_ card: HomeCard) -> [String] {
        (card.bringGymClothes ? [L10n.homeBringGym] : []) + card.bring
    }

    /// A child tab's title.
    static func tab(_ tab: ChildTab) -> String {
        switch tab {
        case .news: return L10n.tabNews
        case .calendar: return L10n.tabCalendar
        case .notifications: return L10n.tabNotifications
        case .menu: return L10n.tabMenu
        case .timetable: return L10n.tabTimetable
        case .classmates: return L10n.tabClassmates
        case .teachers: return L10n.tabTeachers
        case .contacts: return L10n.tabContacts
        case .assignments: return L10n.tabAssignments
        case .attendance: return L10n.tabAttendance
        case .care: return L10n.tabCare
        }
    }

    /// An attendance mark.
    static func mark(_ m: AttendanceMark) -> String {
        switch m {
        case .present: return L10n.attendancePresent
        case .absentReported: return L10n.attendanceAbsentReported
        case .absentUnreported: return L10n.attendanceAbsentUnreported
        case .late: return L10n.attendanceLate
        }
    }

    /// When an event is.
    static func when(_ event: CalendarItem) -> String {
        switch event.when {
        case .allDay(let start, let end):
            return start == end ? "\(day(start)), \(L10n.calendarAllDay)" : "\(day(start)) – \(day(end))"
        case .timed(let start, let end):
            return "\(day(start)) \(time(start))–\(time(end))"
        }
    }

    /// A year-wheel span's kind.
    static func kind(_ c: YearWheelCategory) -> String {
        switch c {
        case .holiday: return L10n.kindHoliday
        case .studyDay: return L10n.kindStudyDay
        case .parentMeeting: return L10n.kindParentMeeting
        case .excursion: return L10n.kindExcursion
        case .test: return L10n.kindTest
        case .term, .deadline, .other: return L10n.kindOther
        }
    }

    /// A sign-in method's button title.
    static func method(_ kind: SignInMethodKind) -> String {
        switch kind {
        case .bankIdThisDevice: return L10n.signinBankidThisDevice
        case .bankIdOtherDevice: return L10n.signinBankidOtherDevice
        case .freja: return L10n.signinFreja
        case .password: return L10n.signinPassword
        }
    }

    /// A contact button's label ("Call Sara Berg").
    static func action(_ a: ContactAction, name: String) -> String {
        switch a {
        case .call: return L10n.contactCall(name: name)
        case .message: return L10n.contactSms(name: name)
        case .mail: return L10n.contactEmail(name: name)
        }
    }
}
