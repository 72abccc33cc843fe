// The top level: sign-in, the main tabs, or "unlock the phone first"; language, direction and
// appearance from settings; universal links and deep links.

import SkolbrygganKit
import SwiftUI

struct RootView: View {
    @Bindable var app: AppModel
    let services: AppServices
    @State private var tab = MainTab.home

    enum MainTab: Hashable { case home, whatsNew, year, settings }

    var body: some View {
        content
            .environment(\.layoutDirection, L10n.isRightToLeft(app.settings.language) ? .rightToLeft : .leftToRight)
            .environment(\.locale, L10n.locale)
            .preferredColorScheme(colorScheme)
            .onChange(of: app.settings.language) { _, tag in L10n.use(tag) }
            .onOpenURL { url in open(url) }
            .onChange(of: services.pendingDeepLink) { _, url in
                if let url { open(url) }
                services.pendingDeepLink = nil
            }
    }

    @ViewBuilder private var content: some View {
        switch app.screen {
        case .launching:
            ProgressView(L10n.loading)
        case .signIn:
            SignInView(model: app.signIn)
        case .locked:
            VStack(spacing: 16) {
                Image(systemName: "lock.iphone").font(.largeTitle).accessibilityHidden(true)
                Text(L10n.errorGeneric).multilineTextAlignment(.center)
                Button(L10n.actionRetry) { Task { await app.start() } }.buttonStyle(.borderedProminent)
            }
            .padding()
        case .home:
            TabView(selection: $tab) {
                HomeView(app: app, signInAgain: { Task { await app.signOut() } })
                    .tabItem { Label(L10n.navHome, systemImage: "house") }
                    .tag(MainTab.home)
                WhatsNewView(app: app, model: app.whatsNew)
                    .tabItem { Label(L10n.navWhatsNew, systemImage: "bell") }
                    .tag(MainTab.whatsNew)
                YearWheelView(model: app.yearWheel)
                    .tabItem { Label(L10n.navYear, systemImage: "circle.dashed") }
                    .tag(MainTab.year)
                SettingsView(app: app, settings: app.settings, services: services)
                    .tabItem { Label(L10n.navSettings, systemImage: "gearshape") }
                    .tag(MainTab.settings)
            }
        }
    }

    private var colorScheme: ColorScheme? {
        switch app.settings.appearance {
        case .system: return nil
        case .light: return .light
        case .dark: return .dark
        }
    }

    /// `https://skolbryggan.se/bankid-return` brings the app back after BankID (the sign-in keeps
    /// polling by itself); `skolbryggan://change/<id>` opens what's new.
    private func open(_ url: URL) {
        if url.scheme == "skolbryggan", url.host == "change" {
            tab = .whatsNew
            Task { app.deepLink = await app.whatsNew.open(deepLink: url) }
        }
    }
}
