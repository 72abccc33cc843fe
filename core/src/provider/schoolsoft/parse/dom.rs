//! A small read-only view of a parsed HTML page (html5ever's tree): elements by tag, class or
//! id, attributes, text and inner HTML. Enough for the JSP pages' fixed structure.

use std::rc::Rc;

use html5ever::serialize::{SerializeOpts, TraversalScope, serialize};
use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{Handle, NodeData, RcDom, SerializableHandle};

/// A parsed page.
pub(crate) struct Page {
    root: Handle,
}

/// One element of a page.
#[derive(Clone)]
pub(crate) struct El(Handle);

impl Page {
    /// Parses `html` (never fails: html5ever repairs anything).
    pub(crate) fn parse(html: &str) -> Page {
        let dom = html5ever::parse_document(RcDom::default(), Default::default()).one(html);
        Page { root: dom.document }
    }

    /// Every element, in document order.
    pub(crate) fn elements(&self) -> Vec<El> {
        let mut out = Vec::new();
        collect(&self.root, &mut out);
        out
    }

    /// The element with this `id`.
    pub(crate) fn by_id(&self, id: &str) -> Option<El> {
        self.elements()
            .into_iter()
            .find(|e| e.attr("id").as_deref() == Some(id))
    }

    /// Elements with this tag (`None` = any) and class (`None` = any).
    pub(crate) fn select(&self, tag: Option<&str>, class: Option<&str>) -> Vec<El> {
        El(Rc::clone(&self.root)).select(tag, class)
    }
}

fn collect(node: &Handle, out: &mut Vec<El>) {
    for child in node.children.borrow().iter() {
        if matches!(child.data, NodeData::Element { .. }) {
            out.push(El(Rc::clone(child)));
        }
        collect(child, out);
    }
}

impl El {
    /// The tag name.
    pub(crate) fn tag(&self) -> String {
        match &self.0.data {
            NodeData::Element { name, .. } => name.local.to_string(),
            _ => String::new(),
        }
    }

    /// An attribute's value.
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

    /// Every descendant element, in document order.
    pub(crate) fn descendants(&self) -> Vec<El> {
        let mut out = Vec::new();
        collect(&self.0, &mut out);
        out
    }

    /// The child elements.
    pub(crate) fn children(&self) -> Vec<El> {
        self.0
            .children
            .borrow()
            .iter()
            .filter(|c| matches!(c.data, NodeData::Element { .. }))
            .map(|c| El(Rc::clone(c)))
            .collect()
    }

    /// Descendants with this tag and class (`None` = any).
    pub(crate) fn select(&self, tag: Option<&str>, class: Option<&str>) -> Vec<El> {
        self.descendants()
            .into_iter()
            .filter(|e| tag.is_none_or(|t| e.tag() == t))
            .filter(|e| class.is_none_or(|c| e.has_class(c)))
            .collect()
    }

    /// The first descendant with this tag and class.
    pub(crate) fn first(&self, tag: Option<&str>, class: Option<&str>) -> Option<El> {
        self.select(tag, class).into_iter().next()
    }

    /// The descendant with this `id`.
    pub(crate) fn by_id(&self, id: &str) -> Option<El> {
        self.descendants()
            .into_iter()
            .find(|e| e.attr("id").as_deref() == Some(id))
    }

    /// The text content, whitespace (and no-break spaces) collapsed to single spaces, trimmed.
    pub(crate) fn text(&self) -> String {
        let mut raw = String::new();
        text_into(&self.0, &mut raw);
        collapse(&raw)
    }

    /// The inner HTML.
    pub(crate) fn inner_html(&self) -> String {
        let mut bytes = Vec::new();
        let handle: SerializableHandle = Rc::clone(&self.0).into();
        let opts = SerializeOpts {
            traversal_scope: TraversalScope::ChildrenOnly(None),
            ..Default::default()
        };
        if serialize(&mut bytes, &handle, opts).is_err() {
            return String::new();
        }
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

fn text_into(node: &Handle, out: &mut String) {
    for child in node.children.borrow().iter() {
        match &child.data {
            NodeData::Text { contents } => out.push_str(&contents.borrow()),
            NodeData::Element { name, .. } if &*name.local == "br" => out.push(' '),
            NodeData::Element { .. } => text_into(child, out),
            _ => {}
        }
    }
}

/// Collapses whitespace (including U+00A0) to single spaces and trims.
pub(crate) fn collapse(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_by_id_class_and_reads_text() {
        let page =
            Page::parse(r#"<div id="a" class="x y"><p>Hej&nbsp; <b>du</b></p><br><i>!</i></div>"#);
        let a = page.by_id("a").unwrap();
        assert!(a.has_class("y"));
        assert_eq!(a.text(), "Hej du !");
        assert_eq!(
            a.first(Some("p"), None).unwrap().inner_html(),
            "Hej&nbsp; <b>du</b>"
        );
        assert_eq!(page.select(Some("i"), None).len(), 1);
    }
}
