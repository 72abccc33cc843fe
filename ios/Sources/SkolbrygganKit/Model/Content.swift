// Content: news and articles, calendar, notifications, menus, timetable.

import Foundation

/// A picture in the news; loaded through the core when it needs the platform's session.
public struct NewsPicture: Sendable, Hashable {
    /// Its URL.
    public var url: String
    /// The school's alt text.
    public var altText: String?
    /// A picture.
    public init(url: String, altText: String?) {
        self.url = url
        self.altText = altText
    }
}

/// A news item in a list.
public struct NewsSummaryItem: Sendable, Hashable, Identifiable {
    /// Id.
    public var id: String
    /// The child it is for.
    public var childId: String
    /// Title.
    public var title: String
    /// Intro.
    public var intro: String?
    /// Author.
    public var author: String?
    /// Published.
    public var published: Date
    /// The banner picture.
    public var picture: NewsPicture?
    /// Unread (from the change feed).
    public var unread: Bool
    /// A summary.
    public init(id: String, childId: String, title: String, intro: String?, author: String?, published: Date, picture: NewsPicture?, unread: Bool) {
        self.id = id
        self.childId = childId
        self.title = title
        self.intro = intro
        self.author = author
        self.published = published
        self.picture = picture
        self.unread = unread
    }
}

/// An attachment of an article.
public struct AttachmentItem: Sendable, Hashable {
    /// File name.
    public var name: String
    /// Where it lives (opened with the session).
    public var url: String
    /// An attachment.
    public init(name: String, url: String) {
        self.name = name
        self.url = url
    }
}

/// The full article.
public struct Article: Sendable, Hashable {
    /// Its summary.
    public var summary: NewsSummaryItem
    /// The body in Markdown (images as `![alt](url)`).
    public var bodyMarkdown: String
    /// Attachments.
    public var attachments: [AttachmentItem]
    /// An article.
    public init(summary: NewsSummaryItem, bodyMarkdown: String, attachments: [AttachmentItem]) {
        self.summary = summary
        self.bodyMarkdown = bodyMarkdown
        self.attachments = attachments
    }
}

/// Bytes of an image or attachment loaded through the core.
public struct LoadedContent: Sendable, Hashable {
    /// The bytes.
    public var bytes: Data
    /// The media type (`image/jpeg`).
    public var mediaType: String
    /// Content.
    public init(bytes: Data, mediaType: String) {
        self.bytes = bytes
        self.mediaType = mediaType
    }
}

/// A platform link opened with the session: the URL and the cookies for that platform's own hosts.
public struct SessionLink: Sendable, Hashable {
    /// The link.
    public var url: String
    /// Cookies (name, value, domain, path), only for the link's own platform hosts.
    public var cookies: [SessionCookie]
    /// A link.
    public init(url: String, cookies: [SessionCookie]) {
        self.url = url
        self.cookies = cookies
    }
}

/// One cookie the core hands to a web view.
public struct SessionCookie: Sendable, Hashable {
    /// Name.
    public var name: String
    /// Value.
    public var value: String
    /// Domain.
    public var domain: String
    /// Path.
    public var path: String
    /// HTTPS only.
    public var secure: Bool
    /// Hidden from page scripts.
    public var httpOnly: Bool
    /// A cookie.
    public init(name: String, value: String, domain: String, path: String, secure: Bool = true, httpOnly: Bool = false) {
        self.name = name
        self.value = value
        self.domain = domain
        self.path = path
        self.secure = secure
        self.httpOnly = httpOnly
    }
}

/// What kind of calendar event it is.
public enum EventCategory: String, Sendable, Hashable, Codable {
    /// Holiday.
    case holiday
    /// Study day (no school).
    case studyDay
    /// Parent meeting / development talk.
    case parentMeeting
    /// Trip.
    case excursion
    /// Test.
    case test
    /// Schedule change.
    case schedule
    /// Anything else.
    case other
}

/// When an event happens.
public enum EventWhen: Sendable, Hashable, Codable {
    /// All day, `YYYY-MM-DD` to `YYYY-MM-DD` inclusive.
    case allDay(start: String, end: String)
    /// From one instant to another.
    case timed(start: Date, end: Date)
}

/// A calendar event.
public struct CalendarItem: Sendable, Hashable, Identifiable, Codable {
    /// Id.
    public var id: String
    /// The child.
    public var childId: String
    /// Title.
    public var title: String
    /// Description.
    public var details: String?
    /// Location.
    public var location: String?
    /// When.
    public var when: EventWhen
    /// Kind.
    public var category: EventCategory
    /// An event.
    public init(id: String, childId: String, title: String, details: String?, location: String?, when: EventWhen, category: EventCategory) {
        self.id = id
        self.childId = childId
        self.title = title
        self.details = details
        self.location = location
        self.when = when
        self.category = category
    }
}

/// A notification from the school.
public struct NotificationItem: Sendable, Hashable, Identifiable {
    /// Id.
    public var id: String
    /// The child.
    public var childId: String
    /// Sender.
    public var sender: String
    /// Message.
    public var message: String
    /// A platform link to open with the session.
    public var url: String?
    /// When.
    public var created: Date
    /// A notification.
    public init(id: String, childId: String, sender: String, message: String, url: String?, created: Date) {
        self.id = id
        self.childId = childId
        self.sender = sender
        self.message = message
        self.url = url
        self.created = created
    }
}

/// One day's lunch.
public struct MenuDayItem: Sendable, Hashable, Identifiable {
    /// `YYYY-MM-DD`.
    public var date: String
    /// The dishes.
    public var dishes: [String]
    /// The date as identifier.
    public var id: String { date }
    /// A day.
    public init(date: String, dishes: [String]) {
        self.date = date
        self.dishes = dishes
    }
}

/// A lesson.
public struct LessonItem: Sendable, Hashable, Identifiable {
    /// Id.
    public var id: String
    /// Subject name.
    public var subject: String
    /// Teacher.
    public var teacher: String?
    /// Room.
    public var room: String?
    /// Start.
    public var start: Date
    /// End.
    public var end: Date
    /// A lesson.
    public init(id: String, subject: String, teacher: String?, room: String?, start: Date, end: Date) {
        self.id = id
        self.subject = subject
        self.teacher = teacher
        self.room = room
        self.start = start
        self.end = end
    }
}

/// An assignment.
public struct AssignmentItem: Sendable, Hashable, Identifiable {
    /// Id.
    public var id: String
    /// Title.
    public var title: String
    /// Subject.
    public var subject: String?
    /// Due date `YYYY-MM-DD`.
    public var due: String?
    /// Handed in.
    public var submitted: Bool
    /// An assignment.
    public init(id: String, title: String, subject: String?, due: String?, submitted: Bool) {
        self.id = id
        self.title = title
        self.subject = subject
        self.due = due
        self.submitted = submitted
    }
}

/// How a child was recorded for a lesson or day.
public enum AttendanceMark: String, Sendable, Hashable {
    /// Present.
    case present
    /// Absent, reported by a guardian.
    case absentReported
    /// Absent, not reported.
    case absentUnreported
    /// Late.
    case late
}

/// One attendance record.
public struct AttendanceItem: Sendable, Hashable, Identifiable {
    /// Id.
    public var id: String
    /// `YYYY-MM-DD`.
    public var date: String
    /// What it was about (a lesson, the day).
    public var label: String
    /// The mark.
    public var mark: AttendanceMark
    /// Minutes late or absent.
    public var minutes: Int?
    /// A record.
    public init(id: String, date: String, label: String, mark: AttendanceMark, minutes: Int?) {
        self.id = id
        self.date = date
        self.label = label
        self.mark = mark
        self.minutes = minutes
    }
}
