// A platform link opened in a web view with the session's cookies (the core hands them out only
// for that platform's own hosts).

import SkolbrygganKit
import SwiftUI
import WebKit

struct SessionWebView: UIViewRepresentable {
    let link: SessionLink

    func makeUIView(context: Context) -> WKWebView {
        let configuration = WKWebViewConfiguration()
        configuration.websiteDataStore = .nonPersistent()
        let view = WKWebView(frame: .zero, configuration: configuration)
        let store = configuration.websiteDataStore.httpCookieStore
        let cookies = link.cookies.compactMap { c -> HTTPCookie? in
            var properties: [HTTPCookiePropertyKey: Any] = [.name: c.name, .value: c.value, .domain: c.domain, .path: c.path]
            if c.secure { properties[.secure] = "TRUE" }
            // HTTPCookie has no property key for HttpOnly; WKWebView honours the header form.
            if c.httpOnly { properties[HTTPCookiePropertyKey("HttpOnly")] = "TRUE" }
            return HTTPCookie(properties: properties)
        }
        let group = DispatchGroup()
        for cookie in cookies {
            group.enter()
            store.setCookie(cookie) { group.leave() }
        }
        group.notify(queue: .main) {
            if let url = URL(string: link.url) { view.load(URLRequest(url: url)) }
        }
        return view
    }

    func updateUIView(_ view: WKWebView, context: Context) {}
}
