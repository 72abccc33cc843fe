// Sign-in: every platform the core offers, the organisation where the platform needs one,
// BankID on this phone (autostart link, universal-link return), BankID on another device
// (animated QR), Freja, username and password (InfoMentor's IM1 accounts, SchoolSoft, Vklass),
// demo.

import SkolbrygganKit
import SwiftUI

struct SignInView: View {
    @Bindable var model: SignInModel
    @Environment(\.openURL) private var openURL
    /// Where BankID sends the user back (an associated domain of the app).
    static let returnURL = "https://skolbryggan.se/bankid-return"

    var body: some View {
        NavigationStack {
            Form {
                Section {
                    Text(L10n.signinIntro)
                        .font(.body)
                }
                switch model.phase {
                case .choosing, .failed:
                    chooser
                case .starting, .finishing, .signedIn:
                    Section { ProgressView(L10n.loading).frame(maxWidth: .infinity) }
                case .waitingForApp, .identifying:
                    waiting
                case .showingQR:
                    qr
                }
            }
            .navigationTitle(L10n.signinTitle)
            .task { await model.load() }
        }
    }

    @ViewBuilder private var chooser: some View {
        if case .failed(let error) = model.phase {
            Section {
                Label(Format.error(error), systemImage: "exclamationmark.triangle")
                    .foregroundStyle(.red)
                    .accessibilityAddTraits(.isStaticText)
            }
        }
        Section(L10n.signinPlatform) {
            Picker(L10n.signinPlatform, selection: Binding(get: { model.platform }, set: { if let p = $0 { model.choose(platform: p) } })) {
                ForEach(model.platforms) { offer in
                    Text(offer.label.isEmpty ? Format.platform(offer.platform) : offer.label).tag(Optional(offer.platform))
                }
            }
            .pickerStyle(.inline)
            .labelsHidden()
        }
        if model.offer?.organisationRequired == true {
            organisation
        }
        if !model.needsOrganisation {
            methods
        }
        Section {
            Button(L10n.signinDemo) { Task { await model.signInDemo() } }
                .frame(maxWidth: .infinity, minHeight: 44)
        }
    }

    /// The organisation search (SchoolSoft's school groups, Vklass's municipalities).
    @ViewBuilder private var organisation: some View {
        Section(L10n.signinOrganisation) {
            if let chosen = model.organisation {
                Label(chosen.name, systemImage: "checkmark.circle")
            }
            TextField(L10n.signinOrganisation, text: $model.organisationQuery)
                .textContentType(.organizationName)
                .submitLabel(.search)
                .onSubmit { Task { await model.searchOrganisations() } }
            ForEach(model.organisations) { item in
                Button(item.name) { Task { await model.choose(organisation: item) } }
                    .frame(maxWidth: .infinity, minHeight: 44, alignment: .leading)
            }
        }
    }

    @ViewBuilder private var methods: some View {
        let kinds = model.methods
        if kinds.contains(where: { $0 != .password }) {
            Section {
                TextField(L10n.signinPersonalNumber, text: $model.personalNumber)
                    .keyboardType(.numberPad)
                ForEach(kinds.filter { $0 != .password }, id: \.self) { kind in
                    Button(Format.method(kind)) { Task { await model.signIn(kind) } }
                        .frame(maxWidth: .infinity, minHeight: 44)
                }
            }
        }
        if kinds.contains(.password) {
            Section(L10n.signinPassword) {
                TextField(L10n.signinUsernameField, text: $model.username)
                    .textContentType(.username)
                    .textInputAutocapitalization(.never)
                    .autocorrectionDisabled()
                SecureField(L10n.signinPasswordField, text: $model.password)
                    .textContentType(.password)
                Button(L10n.signinTitle) { Task { await model.signIn(.password) } }
                    .frame(maxWidth: .infinity, minHeight: 44)
                    .disabled(model.username.isEmpty || model.password.isEmpty)
            }
        }
    }

    private var waiting: some View {
        Section {
            VStack(spacing: 16) {
                ProgressView()
                Text(model.phase == .identifying ? L10n.signinUserSign : L10n.signinWaiting)
                    .multilineTextAlignment(.center)
                if let link = model.prompt?.bankIdLink(returningTo: Self.returnURL) {
                    Button(L10n.signinOpenBankid) { openURL(link) }
                        .buttonStyle(.borderedProminent)
                } else if let freja = model.prompt?.frejaLink.flatMap(URL.init(string:)) {
                    Button(L10n.signinFreja) { openURL(freja) }
                        .buttonStyle(.borderedProminent)
                }
                Button(L10n.actionCancel, role: .cancel) { model.cancel() }
            }
            .frame(maxWidth: .infinity)
            .onAppear {
                // Open BankID at once (the autostart link); the button stays for a second try.
                if let link = model.prompt?.bankIdLink(returningTo: Self.returnURL) { openURL(link) }
            }
        }
    }

    private var qr: some View {
        Section {
            VStack(spacing: 16) {
                Text(L10n.signinQrInstructions)
                    .multilineTextAlignment(.center)
                if let payload = model.qrPayload {
                    QRCodeView(payload: payload)
                        .id(payload)
                }
                Button(L10n.actionCancel, role: .cancel) { model.cancel() }
            }
            .frame(maxWidth: .infinity)
        }
    }
}
