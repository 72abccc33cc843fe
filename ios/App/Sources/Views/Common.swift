// Shared pieces of the screens: loading/error states, banners, formatting of the core's values.

import SkolbrygganKit
import SwiftUI

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
        let f = RelativeDateTimeFormatter()
        f.locale = L10n.locale
        return f.localizedString(for: date, relativeTo: Date())
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

/// Shows a `Loadable`: a spinner, the error with a retry, or the content.
struct LoadableView<Value: Sendable & Equatable, Content: View>: View {
    let state: Loadable<Value>
    let retry: () async -> Void
    @ViewBuilder let content: (Value) -> Content

    var body: some View {
        switch state {
        case .idle, .loading:
            ProgressView(L10n.loading)
                .frame(maxWidth: .infinity, minHeight: 120)
        case .failed(let error):
            VStack(spacing: 12) {
                Text(Format.error(error))
                    .font(.body)
                    .multilineTextAlignment(.center)
                Button(L10n.actionRetry) { Task { await retry() } }
                    .buttonStyle(.bordered)
            }
            .frame(maxWidth: .infinity, minHeight: 120)
            .padding()
        case .loaded(let value):
            content(value)
        }
    }
}

/// The stale / expired / offline banner.
struct BannerView: View {
    let banner: Banner
    let signInAgain: () -> Void

    var body: some View {
        switch banner {
        case .none:
            EmptyView()
        case .stale(let since):
            label(since.map { L10n.bannerStale(time: Format.relative($0)) } ?? L10n.bannerNeverFetched, systemImage: "clock.arrow.circlepath")
        case .offline:
            label(L10n.errorOffline, systemImage: "wifi.slash")
        case .keystoreUnavailable:
            label(L10n.errorGeneric, systemImage: "lock")
        case .sessionExpired(let platform):
            VStack(alignment: .leading, spacing: 8) {
                label(L10n.bannerSessionExpired(platform: Format.platform(platform)), systemImage: "person.crop.circle.badge.exclamationmark")
                Button(L10n.actionSignInAgain, action: signInAgain)
                    .buttonStyle(.borderedProminent)
            }
        }
    }

    private func label(_ text: String, systemImage: String) -> some View {
        Label(text, systemImage: systemImage)
            .font(.callout)
            .frame(maxWidth: .infinity, alignment: .leading)
            .padding(12)
            .background(.yellow.opacity(0.2), in: RoundedRectangle(cornerRadius: 12))
            .accessibilityElement(children: .combine)
            .accessibilityAddTraits(.isStaticText)
    }
}

/// An HStack that becomes a VStack at the accessibility text sizes (no clipping).
struct AdaptiveStack<Content: View>: View {
    @Environment(\.dynamicTypeSize) private var size
    var spacing: CGFloat = 8
    @ViewBuilder let content: () -> Content

    var body: some View {
        let layout = size.isAccessibilitySize
            ? AnyLayout(VStackLayout(alignment: .leading, spacing: spacing))
            : AnyLayout(HStackLayout(alignment: .firstTextBaseline, spacing: spacing))
        layout(content)
    }
}
