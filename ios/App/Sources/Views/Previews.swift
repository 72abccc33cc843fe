// Xcode previews of the screens over the demo core (no network, no Keychain).

import SkolbrygganKit
import SwiftUI

@MainActor
private func demoApp() async -> AppModel {
    let app = AppModel(core: DemoSchoolCore(), preferences: MemoryPreferences(), today: "2026-11-25")
    await app.start()
    await app.signIn.signInDemo()
    await app.home.refresh()
    return app
}

private struct DemoHost<Content: View>: View {
    @State private var app: AppModel?
    @ViewBuilder let content: (AppModel) -> Content

    var body: some View {
        Group {
            if let app { content(app) } else { ProgressView() }
        }
        .task { app = await demoApp() }
    }
}

#Preview("Sign-in") {
    SignInView(model: SignInModel(core: DemoSchoolCore()) { _ in })
}

#Preview("Home") {
    DemoHost { app in HomeView(app: app, signInAgain: {}) }
}

#Preview("Home, Arabic, largest text") {
    DemoHost { app in HomeView(app: app, signInAgain: {}) }
        .environment(\.layoutDirection, .rightToLeft)
        .environment(\.locale, Locale(identifier: "ar"))
        .dynamicTypeSize(.accessibility5)
}

#Preview("Child") {
    DemoHost { app in
        NavigationStack {
            ChildView(model: app.child(ChildProfile(id: "demo-ella", platform: .stockholm, firstName: "Ella", lastName: "Lind",
                                                    schoolName: "Björkskolan", className: "3B", schoolForms: [.compulsory])))
        }
    }
}

#Preview("Year wheel") {
    DemoHost { app in YearWheelView(model: app.yearWheel) }
}
