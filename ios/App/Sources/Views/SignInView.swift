// Sign-in: platform, BankID on this phone (autostart link, universal-link return), BankID on
// another device (animated QR), Freja, demo.

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
            Picker(L10n.signinPlatform, selection: $model.platform) {
                ForEach(model.platforms) { offer in
                    Text(Format.platform(offer.platform)).tag(Optional(offer.platform))
                }
            }
            .pickerStyle(.inline)
            .labelsHidden()
        }
        Section {
            TextField(L10n.signinPersonalNumber, text: $model.personalNumber)
                .keyboardType(.numberPad)
                .textContentType(.username)
            ForEach(model.methods, id: \.self) { kind in
                Button(Format.method(kind)) { Task { await model.signIn(kind) } }
                    .frame(maxWidth: .infinity, minHeight: 44)
            }
        }
        Section {
            Button(L10n.signinDemo) { Task { await model.signInDemo() } }
                .frame(maxWidth: .infinity, minHeight: 44)
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
