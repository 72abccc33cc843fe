//! QR frames handed out as an SVG image (GrandID's `collect` answers): the dark shapes of the
//! image are read, filled onto a small greyscale canvas and decoded with a real QR decoder,
//! so that apps get the payload to draw themselves, as from every other platform.
//!
//! Read: `<rect>` (also as `<use>` of a rect defined in `<defs>`) and `<path>` made of straight
//! lines (`M L H V Z`, absolute and relative), filled even-odd; a white or `none` fill is
//! light. Transforms are ignored: QR generators put all modules under one transform, and the
//! decoder does not mind the scale. Curves, strokes and embedded bitmaps are not read (the
//! frame is then `None`): which of these GrandID uses is not known (`docs/upstream/schoolsoft.md`).

use std::cell::RefCell;
use std::collections::HashMap;

use html5ever::tokenizer::{TagKind, Token, TokenSink, TokenSinkResult};

use super::login::QrFrame;
use crate::html_scan;

/// Canvas pixels per module (the smallest edge found is taken as one module).
const PIXELS_PER_MODULE: f64 = 3.0;
/// Light modules added around the shapes, the quiet zone the decoder needs.
const QUIET_MODULES: f64 = 4.0;
/// The largest canvas side drawn: a QR code has at most 177 modules.
const MAX_SIDE: f64 = 1_000.0;
/// The most shapes read from one image (a version-40 code drawn one rect a module has ~16 000).
const MAX_SHAPES: usize = 40_000;

type Polygon = Vec<(f64, f64)>;

impl QrFrame {
    /// The frame whose payload is the content of the QR code drawn in `svg`, or `None` when
    /// the image holds no QR code this reader can find.
    pub fn from_svg(svg: &str) -> Option<QrFrame> {
        let shapes = read_shapes(svg)?;
        let payload = decode(&shapes)?;
        Some(QrFrame { payload })
    }
}

/// One filled shape: its outlines, filled even-odd.
struct Shape(Vec<Polygon>);

#[derive(Default)]
struct SvgSink {
    shapes: RefCell<Vec<Shape>>,
    templates: RefCell<HashMap<String, Shape>>,
    defs_depth: RefCell<u32>,
    unreadable: RefCell<bool>,
}

fn number(value: Option<&str>) -> f64 {
    value
        .map(|v| v.trim().trim_end_matches("px"))
        .and_then(|v| v.parse::<f64>().ok())
        .filter(|v| v.is_finite())
        .unwrap_or(0.0)
}

/// True when a fill paints dark (SVG's default fill is black).
fn is_dark(fill: Option<&str>) -> bool {
    let Some(fill) = fill else { return true };
    let fill: String = fill
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    !matches!(
        fill.as_str(),
        "none"
            | "transparent"
            | "white"
            | "#fff"
            | "#ffffff"
            | "#ffffffff"
            | "rgb(255,255,255)"
            | "rgba(255,255,255,1)"
    )
}

fn rect(x: f64, y: f64, w: f64, h: f64) -> Shape {
    Shape(vec![vec![(x, y), (x + w, y), (x + w, y + h), (x, y + h)]])
}

/// The outlines of a path's `d`, or `None` for commands other than straight lines.
fn path_outlines(d: &str) -> Option<Vec<Polygon>> {
    let mut tokens = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, tokens: &mut Vec<String>| {
        if !current.is_empty() {
            tokens.push(std::mem::take(current));
        }
    };
    for c in d.chars() {
        if c.is_ascii_alphabetic() && c != 'e' && c != 'E' {
            flush(&mut current, &mut tokens);
            tokens.push(c.to_string());
        } else if c == ',' || c.is_whitespace() {
            flush(&mut current, &mut tokens);
        } else if c == '-' && !current.is_empty() && !current.ends_with(['e', 'E']) {
            flush(&mut current, &mut tokens);
            current.push(c);
        } else {
            current.push(c);
        }
    }
    flush(&mut current, &mut tokens);
    let mut outlines: Vec<Polygon> = Vec::new();
    let mut outline: Polygon = Vec::new();
    let (mut x, mut y) = (0.0f64, 0.0f64);
    let mut command = ' ';
    let mut i = 0;
    let num = |i: usize| tokens.get(i).and_then(|t| t.parse::<f64>().ok());
    while i < tokens.len() {
        if let Some(c) = tokens.get(i).and_then(|t| t.chars().next())
            && c.is_ascii_alphabetic()
        {
            command = c;
            i += 1;
            if matches!(command, 'Z' | 'z') {
                if let Some(&(sx, sy)) = outline.first() {
                    (x, y) = (sx, sy);
                }
                outlines.push(std::mem::take(&mut outline));
                continue;
            }
        }
        match command {
            'M' | 'm' | 'L' | 'l' => {
                let (dx, dy) = (num(i)?, num(i + 1)?);
                i += 2;
                (x, y) = if command.is_ascii_lowercase() {
                    (x + dx, y + dy)
                } else {
                    (dx, dy)
                };
                if matches!(command, 'M' | 'm') {
                    if outline.len() > 1 {
                        outlines.push(std::mem::take(&mut outline));
                    }
                    outline.clear();
                    // Further pairs after a move are lines.
                    command = if command == 'M' { 'L' } else { 'l' };
                }
            }
            'H' => {
                x = num(i)?;
                i += 1;
            }
            'h' => {
                x += num(i)?;
                i += 1;
            }
            'V' => {
                y = num(i)?;
                i += 1;
            }
            'v' => {
                y += num(i)?;
                i += 1;
            }
            _ => return None,
        }
        outline.push((x, y));
    }
    if outline.len() > 1 {
        outlines.push(outline);
    }
    Some(outlines)
}

impl TokenSink for SvgSink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        let name = &*tag.name;
        if name == "defs" {
            let mut depth = self.defs_depth.borrow_mut();
            match tag.kind {
                TagKind::StartTag if !tag.self_closing => *depth += 1,
                TagKind::EndTag => *depth = depth.saturating_sub(1),
                TagKind::StartTag => {}
            }
            return TokenSinkResult::Continue;
        }
        if tag.kind != TagKind::StartTag {
            return TokenSinkResult::Continue;
        }
        let attr = |key: &str| {
            tag.attrs
                .iter()
                .find(|a| &*a.name.local == key)
                .map(|a| a.value.to_string())
        };
        // A `style="fill:…"` wins over the attribute, as in SVG.
        let fill = attr("style")
            .and_then(|style| {
                style.split(';').find_map(|decl| {
                    let (k, v) = decl.split_once(':')?;
                    (k.trim() == "fill").then(|| v.trim().to_owned())
                })
            })
            .or_else(|| attr("fill"));
        let in_defs = *self.defs_depth.borrow() > 0;
        let shape = match name {
            "rect" => {
                let n = |k: &str| number(attr(k).as_deref());
                let (w, h) = (n("width"), n("height"));
                // Percentages (a background `width="100%"`) read as 0 and are skipped.
                (w > 0.0 && h > 0.0).then(|| rect(n("x"), n("y"), w, h))
            }
            "path" => match attr("d").as_deref().map(path_outlines) {
                Some(Some(outlines)) => Some(Shape(outlines)),
                Some(None) => {
                    *self.unreadable.borrow_mut() = true;
                    None
                }
                None => None,
            },
            "use" => {
                // The tokenizer keeps a prefix in the name (`xlink:href`).
                let target = tag
                    .attrs
                    .iter()
                    .find(|a| &*a.name.local == "href" || a.name.local.ends_with(":href"))
                    .map(|a| a.value.to_string())
                    .unwrap_or_default();
                let (dx, dy) = (number(attr("x").as_deref()), number(attr("y").as_deref()));
                let templates = self.templates.borrow();
                templates.get(target.trim_start_matches('#')).map(|t| {
                    Shape(
                        t.0.iter()
                            .map(|o| o.iter().map(|&(x, y)| (x + dx, y + dy)).collect())
                            .collect(),
                    )
                })
            }
            "image" | "circle" | "ellipse" | "polygon" => {
                *self.unreadable.borrow_mut() = true;
                None
            }
            _ => None,
        };
        let Some(shape) = shape else {
            return TokenSinkResult::Continue;
        };
        if in_defs {
            if let Some(id) = attr("id") {
                self.templates.borrow_mut().insert(id, shape);
            }
        } else if is_dark(fill.as_deref()) {
            let mut shapes = self.shapes.borrow_mut();
            if shapes.len() < MAX_SHAPES {
                shapes.push(shape);
            }
        }
        TokenSinkResult::Continue
    }
}

fn read_shapes(svg: &str) -> Option<Vec<Shape>> {
    let sink = html_scan::run(svg, SvgSink::default());
    let shapes = sink.shapes.into_inner();
    if shapes.is_empty() && sink.unreadable.into_inner() {
        return None;
    }
    (!shapes.is_empty()).then_some(shapes)
}

/// Fills the shapes onto a canvas and decodes it.
fn decode(shapes: &[Shape]) -> Option<String> {
    let points = || shapes.iter().flat_map(|s| s.0.iter().flatten());
    let min_x = points().map(|p| p.0).fold(f64::INFINITY, f64::min);
    let min_y = points().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let max_x = points().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max);
    let max_y = points().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
    // The smallest edge is one module.
    let module = shapes
        .iter()
        .flat_map(|s| s.0.iter())
        .flat_map(|o| o.iter().zip(o.iter().cycle().skip(1)))
        .map(|(a, b)| (a.0 - b.0).abs().max((a.1 - b.1).abs()))
        .filter(|len| *len > 1e-9)
        .fold(f64::INFINITY, f64::min);
    if !module.is_finite() || !min_x.is_finite() || !max_x.is_finite() {
        return None;
    }
    let scale = PIXELS_PER_MODULE / module;
    let margin = QUIET_MODULES * module;
    let (origin_x, origin_y) = (min_x - margin, min_y - margin);
    let width = ((max_x - min_x + 2.0 * margin) * scale).ceil();
    let height = ((max_y - min_y + 2.0 * margin) * scale).ceil();
    if !(1.0..=MAX_SIDE).contains(&width) || !(1.0..=MAX_SIDE).contains(&height) {
        return None;
    }
    let (width, height) = (width as usize, height as usize);
    let mut dark = vec![false; width * height];
    let mut crossings = Vec::new();
    for py in 0..height {
        let y = origin_y + (py as f64 + 0.5) / scale;
        let row = &mut dark[py * width..(py + 1) * width];
        for shape in shapes {
            crossings.clear();
            for outline in &shape.0 {
                for (a, b) in outline.iter().zip(outline.iter().cycle().skip(1)) {
                    if (a.1 <= y) != (b.1 <= y) {
                        crossings.push(a.0 + (y - a.1) / (b.1 - a.1) * (b.0 - a.0));
                    }
                }
            }
            crossings.sort_by(f64::total_cmp);
            for span in crossings.chunks_exact(2) {
                let from = ((span[0] - origin_x) * scale - 0.5).ceil().max(0.0) as usize;
                let to = ((span[1] - origin_x) * scale - 0.5).floor();
                if to < 0.0 {
                    continue;
                }
                let to = (to as usize).min(width - 1);
                for pixel in row.iter_mut().take(to + 1).skip(from) {
                    *pixel = true;
                }
            }
        }
    }
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| {
        if dark.get(y * width + x) == Some(&true) {
            0
        } else {
            255
        }
    });
    image
        .detect_grids()
        .into_iter()
        .find_map(|grid| grid.decode().ok().map(|(_, content)| content))
}

#[cfg(test)]
mod tests {
    use super::*;
    use qrcode::{Color, QrCode};

    const PAYLOAD: &str = "bankid.5f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b.3.9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d";

    fn modules() -> (usize, Vec<bool>) {
        let code = QrCode::new(PAYLOAD.as_bytes()).unwrap();
        let colors = code.to_colors();
        (
            code.width(),
            colors.iter().map(|c| *c == Color::Dark).collect(),
        )
    }

    #[test]
    fn reads_a_path_drawing() {
        let code = QrCode::new(PAYLOAD.as_bytes()).unwrap();
        let svg = code.render::<qrcode::render::svg::Color>().build();
        assert_eq!(QrFrame::from_svg(&svg).unwrap().payload, PAYLOAD);
    }

    #[test]
    fn reads_one_rect_per_module_under_a_scale() {
        let (size, dark) = modules();
        let mut svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {0}\"><rect width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/><rect x=\"0\" y=\"0\" width=\"{0}\" height=\"{0}\" style=\"fill: white\"/><g transform=\"scale(7)\">",
            size * 10
        );
        for y in 0..size {
            for x in 0..size {
                if dark[y * size + x] {
                    svg.push_str(&format!(
                        "<rect x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"#000\"/>",
                        x * 10,
                        y * 10
                    ));
                }
            }
        }
        svg.push_str("</g></svg>");
        assert_eq!(QrFrame::from_svg(&svg).unwrap().payload, PAYLOAD);
    }

    #[test]
    fn reads_uses_of_a_defined_block() {
        let (size, dark) = modules();
        let mut svg = String::from(
            "<svg xmlns:xlink=\"http://www.w3.org/1999/xlink\"><defs><rect id=\"block\" width=\"2.5\" height=\"2.5\" fill=\"#000\"/></defs>",
        );
        for y in 0..size {
            for x in 0..size {
                if dark[y * size + x] {
                    svg.push_str(&format!(
                        "<use x=\"{}\" y=\"{}\" xlink:href=\"#block\"/>",
                        x as f64 * 2.5,
                        y as f64 * 2.5
                    ));
                }
            }
        }
        svg.push_str("</svg>");
        assert_eq!(QrFrame::from_svg(&svg).unwrap().payload, PAYLOAD);
    }

    #[test]
    fn relative_paths_with_subpaths() {
        assert_eq!(
            path_outlines("M4 4h1v1H4V4m2 0l1 0 0 1-1 0z").unwrap(),
            vec![
                vec![(4.0, 4.0), (5.0, 4.0), (5.0, 5.0), (4.0, 5.0), (4.0, 4.0)],
                vec![(6.0, 4.0), (7.0, 4.0), (7.0, 5.0), (6.0, 5.0)],
            ]
        );
        assert_eq!(path_outlines("M0 0C1 1 2 2 3 3"), None);
    }

    #[test]
    fn images_without_a_code_give_no_frame() {
        assert_eq!(QrFrame::from_svg("<svg data=\"roterande-qr\"/>"), None);
        assert_eq!(QrFrame::from_svg("not an image"), None);
        assert_eq!(
            QrFrame::from_svg("<svg><rect width=\"10\" height=\"10\"/></svg>"),
            None
        );
        assert_eq!(
            QrFrame::from_svg("<svg><circle r=\"4\"/><image href=\"x.png\"/></svg>"),
            None
        );
        // A huge drawing is refused before anything is allocated for it.
        assert_eq!(
            QrFrame::from_svg(
                "<svg><rect width=\"1\" height=\"1\"/><rect x=\"100000\" width=\"1\" height=\"1\"/></svg>"
            ),
            None
        );
    }
}
