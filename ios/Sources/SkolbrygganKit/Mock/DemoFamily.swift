// The mock's demo family: three children on two platforms with something on every screen.

import Foundation

/// The data `DemoSchoolCore` serves (fixed, so previews and tests are stable).
public struct DemoFamily: Sendable {
    /// The day the demo family lives in.
    public var today: String
    /// The guardian.
    public var guardian = GuardianProfile(firstName: "Maria", lastName: "Lind", maskedPersonalNumber: "19800101-****")
    /// The children.
    public var children: [ChildProfile]
    /// News per child.
    public var news: [NewsSummaryItem]
    /// Article bodies by news id.
    public var bodies: [String: String]
    /// Events.
    public var events: [CalendarItem]
    /// Notifications.
    public var notifications: [NotificationItem]
    /// Classmates per child.
    public var classmates: [String: [ClassmateItem]]
    /// Teachers per child.
    public var teachers: [String: [TeacherItem]]
    /// Contacts per child.
    public var contacts: [String: [ContactItem]]
    /// Assignments per child.
    public var assignments: [String: [AssignmentItem]]
    /// Attendance per child.
    public var attendance: [String: [AttendanceItem]]
    /// Lunch dishes by weekday (1 = Monday).
    public var lunch: [Int: [String]]

    /// The family on `today` (a weekday in the demo's school year).
    public init(today: String = "2026-11-25") {
        self.today = today
        let ella = ChildProfile(id: "demo-ella", platform: .stockholm, firstName: "Ella", lastName: "Lind",
                                schoolName: "Björkskolan", className: "3B", schoolForms: [.compulsory])
        let noah = ChildProfile(id: "demo-noah", platform: .infoMentor, firstName: "Noah", lastName: "Lind",
                                schoolName: "Ekbackens skola", className: "F-klass", schoolForms: [.preschoolClass, .afterSchool])
        let saga = ChildProfile(id: "demo-saga", platform: .infoMentor, firstName: "Saga", lastName: "Lind",
                                schoolName: "Förskolan Lärkan", className: "Blåbär", schoolForms: [.preschool])
        children = [ella, noah, saga]
        let at = { (day: String, hour: Int, minute: Int) -> Date in
            (SchoolDay.date(day) ?? Date(timeIntervalSince1970: 0)).addingTimeInterval(TimeInterval(hour * 3600 + minute * 60))
        }
        let yesterday = SchoolDay.adding(-1, to: today)
        news = [
            NewsSummaryItem(id: "news-ella-1", childId: ella.id, title: "Luciafirande i aulan", intro: "Välkomna den 13 december kl. 8.15.",
                            author: "Rektor Anna Berg", published: at(today, 7, 30), picture: NewsPicture(url: "https://demo.skolbryggan.se/lucia.jpg", altText: "Barn i luciatåg"), unread: true),
            NewsSummaryItem(id: "news-ella-2", childId: ella.id, title: "Utvecklingssamtal v. 49", intro: "Boka en tid i listan.",
                            author: "Klasslärare Jonas Ek", published: at(yesterday, 15, 0), picture: nil, unread: false),
            NewsSummaryItem(id: "news-noah-1", childId: noah.id, title: "Utflykt till skogen", intro: "Ta med matsäck och stövlar.",
                            author: "Fritids Ekbacken", published: at(today, 8, 0), picture: nil, unread: true),
            NewsSummaryItem(id: "news-saga-1", childId: saga.id, title: "Planeringsdag", intro: "Förskolan är stängd fredag vecka 49.",
                            author: "Förskolechef", published: at(yesterday, 9, 0), picture: nil, unread: false),
        ]
        bodies = [
            "news-ella-1": "## Lucia\n\nVi firar **lucia** i aulan.\n\n![Barn i luciatåg](https://demo.skolbryggan.se/lucia.jpg)\n\n- Vita kläder\n- Ljus finns på skolan",
            "news-ella-2": "Boka tid för **utvecklingssamtal** i [bokningslistan](https://demo.skolbryggan.se/boka).",
            "news-noah-1": "Vi går till skogen på torsdag. Ta med *matsäck*, vattenflaska och stövlar.",
            "news-saga-1": "Förskolan är stängd för planering. Kontakta oss om ni behöver omsorg.",
        ]
        let nextWeek = SchoolDay.adding(7, to: today)
        events = [
            CalendarItem(id: "event-ella-talk", childId: ella.id, title: "Utvecklingssamtal", details: "Med Jonas Ek", location: "Klassrum 3B",
                         when: .timed(start: at(nextWeek, 16, 0), end: at(nextWeek, 16, 30)), category: .parentMeeting),
            CalendarItem(id: "event-ella-test", childId: ella.id, title: "Matteprov", details: nil, location: nil,
                         when: .allDay(start: SchoolDay.adding(2, to: today), end: SchoolDay.adding(2, to: today)), category: .test),
            CalendarItem(id: "event-noah-trip", childId: noah.id, title: "Utflykt till skogen", details: "Matsäck", location: "Ekbacksskogen",
                         when: .timed(start: at(SchoolDay.adding(1, to: today), 9, 0), end: at(SchoolDay.adding(1, to: today), 13, 0)), category: .excursion),
            CalendarItem(id: "event-saga-planning", childId: saga.id, title: "Planeringsdag", details: nil, location: nil,
                         when: .allDay(start: SchoolDay.adding(9, to: today), end: SchoolDay.adding(9, to: today)), category: .studyDay),
            CalendarItem(id: "event-all-christmas", childId: ella.id, title: "Jullov", details: nil, location: nil,
                         when: .allDay(start: "2026-12-19", end: "2027-01-06"), category: .holiday),
        ]
        notifications = [
            NotificationItem(id: "notif-ella-1", childId: ella.id, sender: "Jonas Ek", message: "Glöm inte gympapåsen på torsdag.",
                             url: "https://demo.skolbryggan.se/meddelande/1", created: at(today, 7, 0)),
            NotificationItem(id: "notif-noah-1", childId: noah.id, sender: "Fritids", message: "Nya fritidstider för december.",
                             url: nil, created: at(yesterday, 14, 0)),
        ]
        let guardian = { (name: String, mobile: String?, email: String?) in ClassmateGuardian(name: name, mobile: mobile, email: email) }
        classmates = [
            ella.id: [
                ClassmateItem(id: "cm-1", name: "Alva Berg", guardians: [guardian("Sara Berg", "070-123 45 67", "sara.berg@example.se")]),
                ClassmateItem(id: "cm-2", name: "Omar Hassan", guardians: [guardian("Amina Hassan", "073-765 43 21", nil), guardian("Ali Hassan", nil, "ali.hassan@example.se")]),
            ],
            noah.id: [ClassmateItem(id: "cm-3", name: "Liam Nord", guardians: [guardian("Eva Nord", "076-111 22 33", "eva.nord@example.se")])],
            saga.id: [],
        ]
        teachers = [
            ella.id: [TeacherItem(id: "t-1", name: "Jonas Ek", email: "jonas.ek@example.se", phone: "08-123 456 01")],
            noah.id: [TeacherItem(id: "t-2", name: "Lena Ström", email: "lena.strom@example.se", phone: nil)],
            saga.id: [TeacherItem(id: "t-3", name: "Karin Ljung", email: nil, phone: "08-123 456 30")],
        ]
        contacts = [
            ella.id: [ContactItem(id: "c-1", name: "Anna Berg", role: "Rektor", email: "anna.berg@example.se", phone: "08-123 456 00"),
                      ContactItem(id: "c-2", name: "Skolsköterska", role: "Elevhälsa", email: nil, phone: "08-123 456 10")],
            noah.id: [ContactItem(id: "c-3", name: "Expedition", role: nil, email: "ekbacken@example.se", phone: "08-555 000 00")],
            saga.id: [ContactItem(id: "c-4", name: "Förskolan Lärkan", role: nil, email: nil, phone: "08-555 000 30")],
        ]
        assignments = [
            ella.id: [AssignmentItem(id: "a-1", title: "Läsläxa kapitel 4", subject: "Svenska", due: SchoolDay.adding(2, to: today), submitted: false),
                      AssignmentItem(id: "a-2", title: "Multiplikationstabellen", subject: "Matematik", due: yesterday, submitted: true)],
            noah.id: [], saga.id: [],
        ]
        attendance = [
            ella.id: [AttendanceItem(id: "att-1", date: yesterday, label: "Matematik", mark: .late, minutes: 10),
                      AttendanceItem(id: "att-2", date: SchoolDay.adding(-7, to: today), label: "Hela dagen", mark: .absentReported, minutes: nil)],
            noah.id: [AttendanceItem(id: "att-3", date: yesterday, label: "Hela dagen", mark: .present, minutes: nil)],
            saga.id: [],
        ]
        lunch = [1: ["Köttbullar med potatismos"], 2: ["Fiskgratäng"], 3: ["Pannkakor med sylt", "Vegetariskt: linsgryta"],
                 4: ["Ärtsoppa"], 5: ["Tacos"]]
    }
}
