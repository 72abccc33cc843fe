// A news article: Markdown in blocks, pictures loaded through the core.

import Foundation
import Observation

/// A block of an article as the screen lays it out.
public enum ArticleBlock: Sendable, Equatable {
    /// A heading.
    case heading(String)
    /// A paragraph of inline Markdown (bold, italics, links).
    case paragraph(String)
    /// A bullet.
    case bullet(String)
    /// A picture (loaded through the core) with the school's alt text.
    case image(url: String, alt: String)

    /// Splits Markdown into blocks (inline Markdown stays in the text for `AttributedString`).
    public static func parse(_ markdown: String) -> [ArticleBlock] {
        var blocks: [ArticleBlock] = []
        var paragraph: [String] = []
        func flush() {
            if !paragraph.isEmpty { blocks.append(.paragraph(paragraph.joined(separator: " "))) }
            paragraph = []
        }
        for raw in markdown.components(separatedBy: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { flush(); continue }
            if line.hasPrefix("#") {
                flush()
                blocks.append(.heading(String(line.drop { $0 == "#" }).trimmingCharacters(in: .whitespaces)))
            } else if line.hasPrefix("- ") || line.hasPrefix("* ") {
                flush()
                blocks.append(.bullet(String(line.dropFirst(2))))
            } else if line.hasPrefix("!["), let close = line.range(of: "]("), line.hasSuffix(")") {
                flush()
                let alt = String(line[line.index(line.startIndex, offsetBy: 2)..<close.lowerBound])
                let url = String(line[close.upperBound..<line.index(before: line.endIndex)])
                blocks.append(.image(url: url, alt: alt))
            } else {
                paragraph.append(line)
            }
        }
        flush()
        return blocks
    }
}

/// The article screen's state.
@MainActor
@Observable
public final class ArticleModel {
    /// The article.
    public private(set) var article: Loadable<Article> = .idle
    /// Its blocks.
    public private(set) var blocks: [ArticleBlock] = []
    /// The pictures by URL.
    public private(set) var images: [String: Loadable<LoadedContent>] = [:]
    private let core: SchoolCore
    private let newsId: String

    /// A model for `newsId`.
    public init(core: SchoolCore, newsId: String) {
        self.core = core
        self.newsId = newsId
    }

    /// Reads the article, marks it read in the feed, loads its pictures.
    public func load() async {
        let id = newsId, core = core
        article = .loading
        article = await .from { try await core.article(id: id) }
        guard let a = article.value else { return }
        blocks = ArticleBlock.parse(a.bodyMarkdown)
        try? await core.markEntityRead(entityId: id)
        var urls = blocks.compactMap { block -> String? in
            if case .image(let url, _) = block { return url }
            return nil
        }
        if let banner = a.summary.picture?.url, !urls.contains(banner) { urls.insert(banner, at: 0) }
        for url in urls {
            images[url] = .loading
            images[url] = await .from { try await core.loadContent(url: url) }
        }
    }
}
