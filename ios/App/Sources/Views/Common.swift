// Shared pieces of the screens: loading/error states, banners, the adaptive stack.

import SkolbrygganKit
import SwiftUI

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
