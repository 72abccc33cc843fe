//! Tables as header-less pipe tables (one-column layout tables as plain blocks).

use std::rc::Rc;

use htmd::Element;
use htmd::element_handler::{HandlerResult, Handlers};
use markup5ever_rcdom::Node;

use super::dom::tag_name;
use super::handlers::flatten_lines;

/// A header-less pipe table: the first row, a separator, the other rows.
pub(super) fn table(handlers: &dyn Handlers, element: &Element) -> Option<HandlerResult> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    collect_rows(handlers, element.node, &mut rows);
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    if columns == 0 {
        let content = handlers.walk_children(element.node).content;
        let content = content.trim_matches('\n');
        return if content.trim().is_empty() {
            None
        } else {
            Some(format!("\n\n{content}\n\n").into())
        };
    }
    if columns == 1 {
        // A layout table: its cells are blocks.
        let blocks: Vec<String> = rows
            .into_iter()
            .flatten()
            .filter(|c| !c.is_empty())
            .collect();
        if blocks.is_empty() {
            return None;
        }
        return Some(format!("\n\n{}\n\n", blocks.join("\n\n")).into());
    }
    let mut out = String::from("\n\n");
    for (index, row) in rows.iter().enumerate() {
        out.push('|');
        for column in 0..columns {
            let cell = row.get(column).map(String::as_str).unwrap_or("");
            out.push_str(&table_cell(cell));
            out.push('|');
        }
        out.push('\n');
        if index == 0 {
            out.push('|');
            for _ in 0..columns {
                out.push_str("--------|");
            }
            out.push('\n');
        }
    }
    out.push('\n');
    Some(out.into())
}

fn table_cell(content: &str) -> String {
    flatten_lines(content).trim().replace('|', "\\|")
}

fn collect_rows(handlers: &dyn Handlers, node: &Rc<Node>, rows: &mut Vec<Vec<String>>) {
    for child in node.children.borrow().iter() {
        match tag_name(child) {
            Some("thead" | "tbody" | "tfoot") => collect_rows(handlers, child, rows),
            Some("tr") => {
                let mut cells = Vec::new();
                for cell in child.children.borrow().iter() {
                    if matches!(tag_name(cell), Some("td" | "th")) {
                        let content = handlers.walk_children(cell).content;
                        cells.push(content.trim_matches('\n').trim().to_owned());
                    }
                }
                if !cells.is_empty() {
                    rows.push(cells);
                }
            }
            _ => {}
        }
    }
}
