// The school-work reads and the write actions of the live core: assignments, attendance, care
// times (read, set a day, read back) and absence (fresh offers, report, read back, withdraw,
// typed refusals). The core reads fresh, refuses with its reason, writes and stores the
// read-back; this maps.

import Foundation
import Skolbryggan
import SkolbrygganKit

extension LiveSchoolCore {
    public func assignments(childId: String, offset: Int, limit: Int) async throws -> Page<AssignmentItem> {
        let page = try await call { try await client.assignments(childId: childId, offset: UInt32(offset), limit: UInt32(limit)) }
        return Page(items: page.items.map(WriteMapping.assignment), total: Int(page.total), nextOffset: page.nextOffset.map(Int.init),
                    freshness: RecordMapping.freshness(page.freshness))
    }

    public func attendance(childId: String, offset: Int, limit: Int) async throws -> Page<AttendanceItem> {
        let page = try await call { try await client.attendance(childId: childId, offset: UInt32(offset), limit: UInt32(limit)) }
        return Page(items: page.items.compactMap(WriteMapping.attendance), total: Int(page.total), nextOffset: page.nextOffset.map(Int.init),
                    freshness: RecordMapping.freshness(page.freshness))
    }

    public func careTimes(childId: String, week: SchoolWeek) async throws -> CareWeek {
        let w = try await call { try await client.careTimes(week: RecordMapping.week(week), childId: childId) }
        return WriteMapping.careWeek(w, childId: childId, week: week)
    }

    /// Sends each changed day (the core sets one day at a time), then reads the week back.
    public func setCareTimes(_ week: CareWeek) async throws -> CareWeek {
        let current = try await careTimes(childId: week.childId, week: week.week)
        for day in week.days {
            guard let before = current.days.first(where: { $0.date == day.date }) else { throw CoreError.careTimesRefused(.notOffered) }
            if before.start == day.start && before.end == day.end { continue }
            guard let start = day.start, let end = day.end else {
                // The core sets times; a day off (leave) is not a write it offers.
                throw CoreError.notInCore("Client.setCareLeave(childId, date)")
            }
            do {
                _ = try await client.setCareTimes(childId: week.childId, date: day.date, start: start, end: end)
            } catch SkolbrygganError.WriteRefused(let reason) {
                throw CoreError.careTimesRefused(WriteMapping.refusal(reason))
            } catch let e as SkolbrygganError {
                throw CoreErrorMapping.map(e)
            }
        }
        return try await careTimes(childId: week.childId, week: week.week)
    }

    public func absenceOptions(childId: String) async throws -> SkolbrygganKit.AbsenceOptions {
        WriteMapping.options(try await call { try await client.absenceOptions(childId: childId) }, childId: childId)
    }

    /// Reports, then reads the offers back: the receipt is what the platform now says about the day.
    public func reportAbsence(_ request: AbsenceRequest) async throws -> AbsenceReceipt {
        guard request.reason == .sick else { throw CoreError.notInCore("Client.reportAbsence(childId, day, reason)") }
        let outcome = try await write { try await client.reportAbsence(childId: request.childId, day: request.date, absent: true) }
        let back = try await absenceOptions(childId: request.childId)
        guard var receipt = back.days.first(where: { $0.date == request.date })?.existing else {
            throw CoreError.other("the platform's read-back does not show the report")
        }
        receipt.alreadyRecorded = outcome == .alreadyDone
        return receipt
    }

    public func withdrawAbsence(_ receipt: AbsenceReceipt) async throws {
        _ = try await write { try await client.reportAbsence(childId: receipt.childId, day: receipt.date, absent: false) }
    }

    /// A write into the core; a refusal is the screen's typed reason.
    private func write(_ body: () async throws -> WriteOutcome) async throws -> WriteOutcome {
        do {
            return try await body()
        } catch SkolbrygganError.WriteRefused(let reason) {
            throw CoreError.absenceRefused(WriteMapping.refusal(reason))
        } catch let e as SkolbrygganError {
            throw CoreErrorMapping.map(e)
        }
    }
}
