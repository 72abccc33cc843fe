// Report absence: day and reason, confirmation, the school's read-back, the refusal reasons.

import SkolbrygganKit
import SwiftUI

struct AbsenceView: View {
    @State private var model: AbsenceModel
    @Environment(\.dismiss) private var dismiss

    init(model: AbsenceModel) {
        _model = State(initialValue: model)
    }

    var body: some View {
        NavigationStack {
            Form {
                Section {
                    Text(L10n.absenceFor(name: model.child.firstName)).font(.headline).accessibilityAddTraits(.isHeader)
                }
                if let options = model.options {
                    Section {
                        Picker(L10n.absenceTitle, selection: Binding(get: { model.date ?? "" }, set: { model.choose(day: $0) })) {
                            ForEach(options.days) { day in
                                Text(dayName(day.date)).tag(day.date)
                            }
                        }
                        .pickerStyle(.segmented)
                        if !options.reasons.isEmpty {
                            Picker(L10n.absenceTitle, selection: $model.reason) {
                                ForEach(options.reasons, id: \.self) { Text(Format.reason($0)).tag($0) }
                            }
                            .pickerStyle(.inline)
                            .labelsHidden()
                        }
                    }
                }
                phaseSection
            }
            .navigationTitle(L10n.absenceTitle)
            .toolbar {
                ToolbarItem(placement: .cancellationAction) {
                    Button(L10n.actionCancel) { dismiss() }
                }
            }
            .confirmationDialog(confirmText, isPresented: confirming, titleVisibility: .visible) {
                Button(L10n.absenceSend) { Task { await model.send() } }
                Button(L10n.actionCancel, role: .cancel) { model.choose(day: model.date ?? "") }
            }
            .task { await model.load() }
        }
    }

    @ViewBuilder private var phaseSection: some View {
        switch model.phase {
        case .loading, .sending:
            Section { ProgressView().frame(maxWidth: .infinity) }
        case .choosing, .confirming:
            Section {
                Button(L10n.absenceSend) { model.confirm() }
                    .frame(maxWidth: .infinity, minHeight: 44)
            }
        case .recorded(let receipt):
            Section {
                Label(receipt.alreadyRecorded ? L10n.absenceReported : L10n.absenceSent, systemImage: "checkmark.circle")
                Text(L10n.absenceReadback(name: model.child.firstName, day: dayName(receipt.date), reason: Format.reason(receipt.reason)))
                if receipt.canWithdraw {
                    Button(L10n.absenceWithdraw, role: .destructive) { Task { await model.withdraw() } }
                }
            }
            .accessibilityElement(children: .contain)
        case .withdrawn:
            Section { Text(L10n.absenceCanReport) }
        case .refused(let reason):
            Section {
                Label(Format.refusal(reason), systemImage: "exclamationmark.triangle")
                    .foregroundStyle(.orange)
            }
        case .failed(let error):
            Section {
                Text(Format.error(error))
                Button(L10n.actionRetry) { Task { await model.load() } }
            }
        }
    }

    private var confirming: Binding<Bool> {
        Binding(get: {
            if case .confirming = model.phase { return true }
            return false
        }, set: { _ in })
    }

    private var confirmText: String {
        L10n.absenceConfirm(name: model.child.firstName, day: dayName(model.date ?? ""))
    }

    private func dayName(_ date: String) -> String {
        guard let first = model.options?.days.first?.date else { return Format.day(date) }
        if date == first { return L10n.absenceToday }
        if date == SchoolDay.adding(1, to: first) { return L10n.absenceTomorrow }
        return Format.day(date)
    }
}
