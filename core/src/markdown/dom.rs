//! Helpers over the parsed DOM: tag names, parents, block elements and block edges.

use std::rc::Rc;

use markup5ever_rcdom::{Node, NodeData};

pub(super) fn tag_name(node: &Node) -> Option<&str> {
    match &node.data {
        NodeData::Element { name, .. } => Some(&name.local),
        _ => None,
    }
}

fn parent(node: &Rc<Node>) -> Option<Rc<Node>> {
    let weak = node.parent.take();
    let parent = weak.as_ref().and_then(std::rc::Weak::upgrade);
    node.parent.set(weak);
    parent
}

/// Elements that start or end a line of output.
pub(super) fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "br"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hr"
            | "html"
            | "li"
            | "main"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
    )
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Edge {
    Start,
    End,
}

/// True when nothing but whitespace separates `node` from the start (or end) of its block.
pub(super) fn at_block_edge(node: &Rc<Node>, edge: Edge) -> bool {
    let mut current = Rc::clone(node);
    // Bounded walk up the tree; documents are shallow, the bound only guards odd input.
    for _ in 0..64 {
        let Some(up) = parent(&current) else {
            return true;
        };
        {
            let siblings = up.children.borrow();
            let Some(position) = siblings.iter().position(|s| Rc::ptr_eq(s, &current)) else {
                return false;
            };
            let neighbours: Box<dyn Iterator<Item = &Rc<Node>>> = match edge {
                Edge::Start => Box::new(siblings[..position].iter().rev()),
                Edge::End => Box::new(siblings[position + 1..].iter()),
            };
            for sibling in neighbours {
                match &sibling.data {
                    NodeData::Text { contents } if !contents.borrow().trim().is_empty() => {
                        return false;
                    }
                    NodeData::Element { name, .. } => return is_block(&name.local),
                    _ => {}
                }
            }
        }
        match tag_name(&up) {
            Some(tag) if is_block(tag) => return true,
            None => return true,
            Some(_) => current = up,
        }
    }
    false
}
