//! Test support: a small terminal that takes the bytes the CLI writes (text, line feeds,
//! cursor moves, erases, SGR colours) and tells what is on screen, as text and as a greyscale
//! bitmap of the half-block cells, for a light or a dark terminal theme.

/// The terminal theme: what the default colours look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Background {
    /// Black text on white.
    Light,
    /// Light grey text on black.
    Dark,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Colour {
    Default,
    Rgb(u8, u8, u8),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Cell {
    ch: char,
    fg: Colour,
    bg: Colour,
}

const BLANK: Cell = Cell {
    ch: ' ',
    fg: Colour::Default,
    bg: Colour::Default,
};

/// A greyscale picture of the screen: each cell is one pixel wide and two high (its upper and
/// lower half), scaled up.
pub struct Bitmap {
    /// Pixels across.
    pub width: usize,
    /// Pixels down.
    pub height: usize,
    scale: usize,
    cols: usize,
    halves: Vec<u8>,
}

impl Bitmap {
    /// The grey value at a pixel (0 black … 255 white).
    pub fn pixel(&self, x: usize, y: usize) -> u8 {
        let (cx, hy) = (x / self.scale, y / self.scale);
        self.halves[hy * self.cols + cx]
    }
}

/// The emulated terminal.
pub struct Screen {
    cols: usize,
    rows: usize,
    cells: Vec<Vec<Cell>>,
    row: usize,
    col: usize,
    fg: Colour,
    bg: Colour,
    scrolled: usize,
}

/// The 256-colour palette (xterm's values).
fn palette(index: u16) -> Colour {
    const BASE: [(u8, u8, u8); 16] = [
        (0, 0, 0),
        (205, 0, 0),
        (0, 205, 0),
        (205, 205, 0),
        (0, 0, 238),
        (205, 0, 205),
        (0, 205, 205),
        (229, 229, 229),
        (127, 127, 127),
        (255, 0, 0),
        (0, 255, 0),
        (255, 255, 0),
        (92, 92, 255),
        (255, 0, 255),
        (0, 255, 255),
        (255, 255, 255),
    ];
    match index {
        0..=15 => {
            let (r, g, b) = BASE[usize::from(index)];
            Colour::Rgb(r, g, b)
        }
        16..=231 => {
            let i = index - 16;
            let level = |v: u16| if v == 0 { 0 } else { (55 + v * 40) as u8 };
            Colour::Rgb(level(i / 36), level(i / 6 % 6), level(i % 6))
        }
        _ => {
            let v = (8 + (index.min(255) - 232) * 10) as u8;
            Colour::Rgb(v, v, v)
        }
    }
}

impl Screen {
    /// An empty screen of `cols` × `rows`.
    pub fn new(cols: usize, rows: usize) -> Self {
        Screen {
            cols,
            rows,
            cells: vec![vec![BLANK; cols]; rows],
            row: 0,
            col: 0,
            fg: Colour::Default,
            bg: Colour::Default,
            scrolled: 0,
        }
    }

    /// Lines that scrolled off the top so far.
    pub fn scrolled(&self) -> usize {
        self.scrolled
    }

    /// The characters of one row.
    pub fn row_text(&self, row: usize) -> String {
        self.cells[row].iter().map(|c| c.ch).collect()
    }

    fn line_feed(&mut self) {
        if self.row + 1 == self.rows {
            self.cells.remove(0);
            self.cells.push(vec![BLANK; self.cols]);
            self.scrolled += 1;
        } else {
            self.row += 1;
        }
    }

    fn put(&mut self, ch: char) {
        if self.col == self.cols {
            // Pending wrap: the next character goes to the next line.
            self.col = 0;
            self.line_feed();
        }
        self.cells[self.row][self.col] = Cell {
            ch,
            fg: self.fg,
            bg: self.bg,
        };
        self.col += 1;
    }

    fn sgr(&mut self, params: &[u16]) {
        let mut i = 0;
        if params.is_empty() {
            self.fg = Colour::Default;
            self.bg = Colour::Default;
        }
        while i < params.len() {
            match params[i] {
                0 => {
                    self.fg = Colour::Default;
                    self.bg = Colour::Default;
                }
                p @ 30..=37 => self.fg = palette(p - 30),
                p @ 90..=97 => self.fg = palette(p - 90 + 8),
                p @ 40..=47 => self.bg = palette(p - 40),
                p @ 100..=107 => self.bg = palette(p - 100 + 8),
                39 => self.fg = Colour::Default,
                49 => self.bg = Colour::Default,
                p @ (38 | 48) => {
                    let colour = match params.get(i + 1) {
                        Some(5) => {
                            let c = palette(params.get(i + 2).copied().unwrap_or(0));
                            i += 2;
                            c
                        }
                        Some(2) => {
                            let v = |k: usize| params.get(i + k).copied().unwrap_or(0) as u8;
                            let c = Colour::Rgb(v(2), v(3), v(4));
                            i += 4;
                            c
                        }
                        _ => Colour::Default,
                    };
                    if p == 38 {
                        self.fg = colour;
                    } else {
                        self.bg = colour;
                    }
                }
                _ => {}
            }
            i += 1;
        }
    }

    /// Erase below (`CSI J`). From the top-left corner that clears the whole screen, and tmux
    /// (its `scroll-on-clear`, on by default) then moves the screen into the history first: so
    /// does this terminal, so that a redraw that clears from the top is seen to scroll.
    fn erase_below(&mut self) {
        if self.row == 0 && self.col == 0 {
            self.scrolled += self
                .cells
                .iter()
                .rposition(|r| r.iter().any(|c| *c != BLANK))
                .map_or(0, |last| last + 1);
        }
        let (row, col) = (self.row, self.col.min(self.cols));
        for c in &mut self.cells[row][col..] {
            *c = BLANK;
        }
        for r in row + 1..self.rows {
            self.cells[r] = vec![BLANK; self.cols];
        }
    }

    fn csi(&mut self, params: &[u16], command: char) {
        let n = usize::from(params.first().copied().unwrap_or(1).max(1));
        match command {
            'm' => self.sgr(params),
            'A' => self.row = self.row.saturating_sub(n),
            'B' => self.row = (self.row + n).min(self.rows - 1),
            'C' => self.col = (self.col + n).min(self.cols - 1),
            'D' => self.col = self.col.saturating_sub(n),
            'F' => {
                self.row = self.row.saturating_sub(n);
                self.col = 0;
            }
            'H' => {
                self.row = usize::from(params.first().copied().unwrap_or(1).max(1)) - 1;
                self.col = usize::from(params.get(1).copied().unwrap_or(1).max(1)) - 1;
            }
            'J' => match params.first().copied().unwrap_or(0) {
                0 => self.erase_below(),
                _ => self.cells = vec![vec![BLANK; self.cols]; self.rows],
            },
            'K' => {
                let col = self.col.min(self.cols);
                let range = match params.first().copied().unwrap_or(0) {
                    0 => col..self.cols,
                    1 => 0..(col + 1).min(self.cols),
                    _ => 0..self.cols,
                };
                for c in &mut self.cells[self.row][range] {
                    *c = BLANK;
                }
            }
            _ => panic!("the test terminal does not know CSI {command}"),
        }
    }

    /// Takes bytes as a terminal (with `onlcr`: a line feed also returns the carriage) would.
    pub fn feed(&mut self, bytes: &[u8]) {
        let text = String::from_utf8(bytes.to_vec()).expect("the CLI writes UTF-8");
        let mut chars = text.chars().peekable();
        while let Some(ch) = chars.next() {
            match ch {
                '\n' => {
                    self.col = 0;
                    self.line_feed();
                }
                '\r' => self.col = 0,
                '\x1b' => {
                    assert_eq!(chars.next(), Some('['), "only CSI sequences are expected");
                    let mut params = Vec::new();
                    let mut current: Option<u16> = None;
                    loop {
                        let c = chars.next().expect("an unfinished escape sequence");
                        if let Some(d) = c.to_digit(10) {
                            current = Some(current.unwrap_or(0) * 10 + d as u16);
                        } else if c == ';' {
                            params.push(current.take().unwrap_or(0));
                        } else {
                            if let Some(v) = current {
                                params.push(v);
                            }
                            self.csi(&params, c);
                            break;
                        }
                    }
                }
                c => self.put(c),
            }
        }
    }

    /// The screen as grey values, the default colours taken from `background`.
    pub fn bitmap(&self, background: Background) -> Bitmap {
        let (default_fg, default_bg) = match background {
            Background::Light => (0, 255),
            Background::Dark => (229, 0),
        };
        let grey = |c: Colour, default: u8| match c {
            Colour::Default => default,
            Colour::Rgb(r, g, b) => {
                ((u16::from(r) * 3 + u16::from(g) * 6 + u16::from(b)) / 10) as u8
            }
        };
        let mut halves = vec![0u8; self.cols * self.rows * 2];
        for (r, row) in self.cells.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let fg = grey(cell.fg, default_fg);
                let bg = grey(cell.bg, default_bg);
                let (top, bottom) = match cell.ch {
                    '█' => (fg, fg),
                    '▀' => (fg, bg),
                    '▄' => (bg, fg),
                    // Spaces and text: the background (a glyph covers little of its cell).
                    _ => (bg, bg),
                };
                halves[(2 * r) * self.cols + c] = top;
                halves[(2 * r + 1) * self.cols + c] = bottom;
            }
        }
        let scale = 4;
        Bitmap {
            width: self.cols * scale,
            height: self.rows * 2 * scale,
            scale,
            cols: self.cols,
            halves,
        }
    }
}
