//! A small read-only view of a parsed HTML page (html5ever's tree): find elements by tag or
//! class, read attributes and text. Used for the pages whose data sits in markup (the home
//! page, the class list options).

use std::rc::Rc;

use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{Handle, Node, NodeData, RcDom};

/// A parsed page.
pub(crate) struct Page {
    root: Handle,
}

/// One element of a [`Page`].
#[derive(Clone)]
pub(crate) struct Element(Handle);

impl Page {
    /// Parses `html` the way a browser would (never fails; broken markup is repaired).
    pub(crate) fn parse(html: &str) -> Page {
        let dom = html5ever::parse_document(RcDom::default(), Default::default()).one(html);
        Page { root: dom.document }
    }

    /// Every element below the document, in document order, that satisfies `pred`.
    pub(crate) fn find(&self, pred: impl Fn(&Element) -> bool) -> Vec<Element> {
        let mut out = Vec::new();
        collect(&self.root, &pred, &mut out);
        out
    }
}

fn collect(node: &Handle, pred: &impl Fn(&Element) -> bool, out: &mut Vec<Element>) {
    for child in node.children.borrow().iter() {
        if matches!(child.data, NodeData::Element { .. }) {
            let el = Element(Rc::clone(child));
            if pred(&el) {
                out.push(el);
            }
        }
        collect(child, pred, out);
    }
}

impl Element {
    /// The tag name (lower case).
    pub(crate) fn tag(&self) -> &str {
        match &self.0.data {
            NodeData::Element { name, .. } => &name.local,
            _ => "",
        }
    }

    /// The value of attribute `name`, entity-decoded.
    pub(crate) fn attr(&self, name: &str) -> Option<String> {
        match &self.0.data {
            NodeData::Element { attrs, .. } => attrs
                .borrow()
                .iter()
                .find(|a| &*a.name.local == name)
                .map(|a| a.value.to_string()),
            _ => None,
        }
    }

    /// True when the `class` attribute lists `class`.
    pub(crate) fn has_class(&self, class: &str) -> bool {
        self.attr("class")
            .is_some_and(|c| c.split_ascii_whitespace().any(|c| c == class))
    }

    /// Every descendant element that satisfies `pred`, in document order.
    pub(crate) fn find(&self, pred: impl Fn(&Element) -> bool) -> Vec<Element> {
        let mut out = Vec::new();
        collect(&self.0, &pred, &mut out);
        out
    }

    /// The first descendant element that satisfies `pred`.
    pub(crate) fn first(&self, pred: impl Fn(&Element) -> bool) -> Option<Element> {
        self.find(pred).into_iter().next()
    }

    /// The first descendant with class `class`.
    pub(crate) fn first_class(&self, class: &str) -> Option<Element> {
        self.first(|e| e.has_class(class))
    }

    /// The text content (all descendant text nodes, concatenated as written).
    pub(crate) fn text(&self) -> String {
        let mut out = String::new();
        text_into(&self.0, &mut out);
        out
    }
}

fn text_into(node: &Node, out: &mut String) {
    for child in node.children.borrow().iter() {
        match &child.data {
            NodeData::Text { contents } => out.push_str(&contents.borrow()),
            NodeData::Element { .. } => text_into(child, out),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_by_class_and_reads_text() {
        let page = Page::parse(
            "<div class='a b'><span class='t'>Hej &amp; d&#x00e5;</span><i x='1'>y</i></div>",
        );
        let divs = page.find(|e| e.has_class("b"));
        assert_eq!(divs.len(), 1);
        let t = divs[0].first_class("t").unwrap();
        assert_eq!(t.text(), "Hej & då");
        assert_eq!(
            divs[0]
                .first(|e| e.tag() == "i")
                .unwrap()
                .attr("x")
                .as_deref(),
            Some("1")
        );
    }
}
