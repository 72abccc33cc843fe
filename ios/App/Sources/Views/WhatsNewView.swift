// What's new since last time: the change feed, newest first, each entry leading to its thing.

import SkolbrygganKit
import SwiftUI

struct WhatsNewView: View {
    let app: AppModel
    @Bindable var model: WhatsNewModel
    @State private var destination: Destination?

    var body: some View {
        NavigationStack {
            List {
                LoadableView(state: model.entries, retry: { await model.load() }) { entries in
                    if entries.isEmpty { Text(L10n.whatsnewEmpty) }
                    ForEach(entries) { entry in
                        Button {
                            Task { destination = await model.open(entry) }
                        } label: {
                            VStack(alignment: .leading, spacing: 4) {
                                Text("\(entry.childName) · \(Format.kind(entry.kind))").font(.caption).foregroundStyle(.secondary)
                                Text(entry.title).font(.headline)
                                Text(Format.relative(entry.at)).font(.caption2).foregroundStyle(.secondary)
                            }
                            .accessibilityElement(children: .combine)
                        }
                    }
                }
            }
            .refreshable { await model.load() }
            .navigationTitle(L10n.whatsnewTitle)
            .toolbar {
                Button(L10n.whatsnewMarkAllRead) { Task { await model.markAllRead() } }
            }
            .navigationDestination(item: $destination) { target in
                switch target {
                case .article(_, let newsId):
                    ArticleView(model: ArticleModel(core: app.core, newsId: newsId))
                case .child(let childId, let tab):
                    if let card = app.home.home.value?.cards.first(where: { $0.id == childId }) {
                        ChildView(model: opened(app.child(card.child), tab: tab))
                    }
                }
            }
            .task { await model.load() }
            .onChange(of: app.deepLink) { _, target in
                if let target { destination = target }
                app.deepLink = nil
            }
        }
    }

    private func opened(_ child: ChildModel, tab: ChildTab) -> ChildModel {
        child.tab = tab
        return child
    }
}
