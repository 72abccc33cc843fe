// A news article: Markdown blocks, pictures loaded through the core, attachments.

import SkolbrygganKit
import SwiftUI
import UIKit

struct ArticleView: View {
    @State private var model: ArticleModel

    init(model: ArticleModel) {
        _model = State(initialValue: model)
    }

    var body: some View {
        ScrollView {
            LoadableView(state: model.article, retry: { await model.load() }) { article in
                VStack(alignment: .leading, spacing: 12) {
                    Text(article.summary.title)
                        .font(.title.bold())
                        .accessibilityAddTraits(.isHeader)
                    if let author = article.summary.author {
                        Text(L10n.articleAuthor(author: author)).font(.subheadline)
                    }
                    Text(L10n.articlePublished(date: Format.day(article.summary.published)))
                        .font(.caption)
                        .foregroundStyle(.secondary)
                    if let banner = article.summary.picture {
                        picture(url: banner.url, alt: banner.altText)
                    }
                    ForEach(Array(model.blocks.enumerated()), id: \.offset) { _, block in
                        blockView(block)
                    }
                    if !article.attachments.isEmpty {
                        Text(L10n.articleAttachments).font(.headline).accessibilityAddTraits(.isHeader)
                        ForEach(article.attachments, id: \.self) { a in
                            Label(a.name, systemImage: "paperclip")
                        }
                    }
                }
                .frame(maxWidth: .infinity, alignment: .leading)
                .padding()
            }
        }
        .task { await model.load() }
    }

    @ViewBuilder private func blockView(_ block: ArticleBlock) -> some View {
        switch block {
        case .heading(let text):
            Text(text).font(.title3.bold()).accessibilityAddTraits(.isHeader)
        case .paragraph(let text):
            Text(markdown(text)).font(.body)
        case .bullet(let text):
            HStack(alignment: .firstTextBaseline, spacing: 8) {
                Text("•").accessibilityHidden(true)
                Text(markdown(text))
            }
        case .image(let url, let alt):
            picture(url: url, alt: alt)
        }
    }

    @ViewBuilder private func picture(url: String, alt: String?) -> some View {
        switch model.images[url] {
        case .loaded(let content):
            if let image = UIImage(data: content.bytes) {
                Image(uiImage: image)
                    .resizable()
                    .scaledToFit()
                    .clipShape(RoundedRectangle(cornerRadius: 8))
                    .accessibilityLabel(alt.flatMap { $0.isEmpty ? nil : $0 } ?? L10n.imageFromSchool)
            }
        case .loading:
            ProgressView().frame(maxWidth: .infinity, minHeight: 120)
        default:
            EmptyView()
        }
    }

    private func markdown(_ text: String) -> AttributedString {
        (try? AttributedString(markdown: text, options: .init(interpretedSyntax: .inlineOnlyPreservingWhitespace))) ?? AttributedString(text)
    }
}
