// How fresh cached data is, and a page of a long list.

import Foundation

/// How fresh a piece of cached data is (decided by the core).
public struct Freshness: Sendable, Hashable {
    /// True when part of it is older than its freshness setting or was never fetched.
    public var stale: Bool
    /// When the oldest part was fetched (nil: nothing cached yet).
    public var oldestFetch: Date?
    /// A freshness.
    public init(stale: Bool, oldestFetch: Date?) {
        self.stale = stale
        self.oldestFetch = oldestFetch
    }
    /// Fresh data fetched at `date`.
    public static func fresh(at date: Date) -> Freshness { Freshness(stale: false, oldestFetch: date) }
}

/// A page of a long list.
public struct Page<Item: Sendable & Hashable>: Sendable, Hashable {
    /// The items of this page.
    public var items: [Item]
    /// How many there are in all.
    public var total: Int
    /// Where the next page starts (nil: this is the last).
    public var nextOffset: Int?
    /// The freshness of the list.
    public var freshness: Freshness
    /// A page.
    public init(items: [Item], total: Int, nextOffset: Int?, freshness: Freshness) {
        self.items = items
        self.total = total
        self.nextOffset = nextOffset
        self.freshness = freshness
    }
}

/// An ISO week (Monday to Sunday).
public struct SchoolWeek: Sendable, Hashable, Codable {
    /// ISO week-numbering year.
    public var year: Int
    /// Week number 1–53.
    public var week: Int
    /// A week.
    public init(year: Int, week: Int) {
        self.year = year
        self.week = week
    }

    /// The Swedish (ISO 8601, Europe/Stockholm) calendar the app shows dates in.
    public static var calendar: Calendar {
        var c = Calendar(identifier: .iso8601)
        c.timeZone = TimeZone(identifier: "Europe/Stockholm") ?? .current
        return c
    }

    /// The week containing `day` (`YYYY-MM-DD`); nil for a malformed date.
    public static func containing(_ day: String) -> SchoolWeek? {
        guard let date = SchoolDay.date(day) else { return nil }
        let c = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
        guard let y = c.yearForWeekOfYear, let w = c.weekOfYear else { return nil }
        return SchoolWeek(year: y, week: w)
    }

    /// The week `offset` weeks from this one (for the week pickers).
    public func adding(weeks offset: Int) -> SchoolWeek {
        var c = DateComponents()
        c.yearForWeekOfYear = year
        c.weekOfYear = week
        c.weekday = 2
        let cal = Self.calendar
        guard let monday = cal.date(from: c), let moved = cal.date(byAdding: .weekOfYear, value: offset, to: monday) else { return self }
        let m = cal.dateComponents([.yearForWeekOfYear, .weekOfYear], from: moved)
        return SchoolWeek(year: m.yearForWeekOfYear ?? year, week: m.weekOfYear ?? week)
    }
}

/// Calendar days as the core writes them: `YYYY-MM-DD` in Swedish local time.
public enum SchoolDay {
    /// Midnight of `day` in Stockholm, nil for a malformed date.
    public static func date(_ day: String) -> Date? {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return SchoolWeek.calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
    }

    /// `date` as `YYYY-MM-DD` in Stockholm.
    public static func string(_ date: Date) -> String {
        let c = SchoolWeek.calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    /// The time of day of `date` as `HH:MM` in Stockholm (care times).
    public static func time(_ date: Date) -> String {
        let c = SchoolWeek.calendar.dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0)
    }

    /// The day `offset` days after `day`.
    public static func adding(_ offset: Int, to day: String) -> String {
        guard let d = date(day), let moved = SchoolWeek.calendar.date(byAdding: .day, value: offset, to: d) else { return day }
        return string(moved)
    }
}
