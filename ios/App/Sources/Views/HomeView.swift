// The family home: a card per child from the core, the banner, pull to refresh.

import SkolbrygganKit
import SwiftUI

struct HomeView: View {
    let app: AppModel
    let signInAgain: () -> Void

    var body: some View {
        let home = app.home
        NavigationStack {
            ScrollView {
                VStack(spacing: 16) {
                    BannerView(banner: home.banner, signInAgain: signInAgain)
                    if home.isRefreshing {
                        ProgressView(value: home.progress) { Text(L10n.refreshing) }
                    }
                    LoadableView(state: home.home, retry: { await home.load() }) { family in
                        if family.cards.isEmpty {
                            Text(L10n.homeNoChildren).padding()
                        }
                        ForEach(family.cards) { card in
                            NavigationLink(value: card.child) {
                                HomeCardView(card: card)
                            }
                            .buttonStyle(.plain)
                            .accessibilityHint(L10n.cdOpenChild(name: card.child.firstName))
                        }
                    }
                }
                .padding()
            }
            .refreshable { await home.refresh() }
            .navigationTitle(L10n.homeTitle)
            .navigationDestination(for: ChildProfile.self) { child in
                ChildView(model: app.child(child))
            }
            .task { await home.load() }
            .task { await home.follow() }
        }
    }
}

/// One child's card. VoiceOver reads it in this order: name, hours (or day off), absence,
/// unread counts, lunch, what to bring, the next event.
struct HomeCardView: View {
    let card: HomeCard

    var body: some View {
        VStack(alignment: .leading, spacing: 8) {
            AdaptiveStack {
                Text(card.child.firstName)
                    .font(.title2.bold())
                    .accessibilityAddTraits(.isHeader)
                    .accessibilitySortPriority(7)
                if let school = card.child.schoolName {
                    Text(school).font(.subheadline).foregroundStyle(.secondary)
                        .accessibilitySortPriority(6.5)
                }
            }
            Text(Format.hours(card))
                .font(.body)
                .accessibilitySortPriority(6)
            if let absence = Format.absence(card) {
                Label(absence, systemImage: "cross.case")
                    .font(.callout)
                    .accessibilitySortPriority(5)
            }
            unread
                .accessibilitySortPriority(4)
            if !card.lunch.isEmpty {
                labelled(L10n.homeLunch, card.lunch.joined(separator: ", "), systemImage: "fork.knife")
                    .accessibilitySortPriority(3)
            }
            if !Format.bring(card).isEmpty {
                labelled(L10n.homeBring, Format.bring(card).joined(separator: ", "), systemImage: "backpack")
                    .accessibilitySortPriority(2)
            }
            if let next = card.nextEvent {
                Label(L10n.homeNextEvent(title: next.title), systemImage: "calendar")
                    .font(.callout)
                    .accessibilitySortPriority(1)
            }
        }
        .frame(maxWidth: .infinity, alignment: .leading)
        .padding()
        .background(.background.secondary, in: RoundedRectangle(cornerRadius: 16))
        .accessibilityElement(children: .contain)
    }

    @ViewBuilder private var unread: some View {
        let news = card.unreadNews ?? 0
        let notifications = card.unreadNotifications ?? 0
        if news > 0 || notifications > 0 {
            AdaptiveStack {
                if news > 0 { badge(L10n.homeUnreadNews(count: news), systemImage: "newspaper") }
                if notifications > 0 { badge(L10n.homeUnreadNotifications(count: notifications), systemImage: "bell.badge") }
            }
        }
    }

    private func badge(_ text: String, systemImage: String) -> some View {
        Label(text, systemImage: systemImage)
            .font(.callout.weight(.semibold))
            .foregroundStyle(.tint)
    }

    private func labelled(_ title: String, _ value: String, systemImage: String) -> some View {
        Label {
            Text("\(title): \(value)")
        } icon: {
            Image(systemName: systemImage)
        }
        .font(.callout)
        .accessibilityElement(children: .combine)
    }
}
