// Settings: language, appearance, the phone calendar, sign out, forget.

import SkolbrygganKit
import SwiftUI

struct SettingsView: View {
    let app: AppModel
    @Bindable var settings: SettingsModel
    let services: AppServices

    var body: some View {
        NavigationStack {
            Form {
                if !app.signedInNames.isEmpty {
                    Section { ForEach(app.signedInNames, id: \.self) { Text(L10n.settingsSignedInAs(name: $0)) } }
                }
                Section {
                    Picker(L10n.settingsLanguage, selection: $settings.language) {
                        Text(L10n.settingsLanguageSystem).tag(String?.none)
                        ForEach(L10n.languages) { language in
                            Text(language.name).tag(Optional(language.tag))
                        }
                    }
                    Picker(L10n.settingsTheme, selection: $settings.appearance) {
                        Text(L10n.themeSystem).tag(Appearance.system)
                        Text(L10n.themeLight).tag(Appearance.light)
                        Text(L10n.themeDark).tag(Appearance.dark)
                    }
                    Toggle(L10n.settingsCalendarSync, isOn: $settings.calendarSync)
                        .onChange(of: settings.calendarSync) { _, on in
                            Task {
                                if on { await services.syncCalendarIfOn() } else { try? services.calendarSync?.removeAll() }
                            }
                        }
                }
                Section {
                    Button(L10n.settingsSignOut) { Task { await app.signOut() } }
                    Button(L10n.settingsForget, role: .destructive) { settings.confirmingForget = true }
                }
            }
            .navigationTitle(L10n.settingsTitle)
            .confirmationDialog(L10n.settingsForgetConfirm, isPresented: $settings.confirmingForget, titleVisibility: .visible) {
                Button(L10n.settingsForget, role: .destructive) { Task { await app.forget() } }
                Button(L10n.actionCancel, role: .cancel) {}
            }
        }
    }
}
