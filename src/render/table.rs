//! Tables for a terminal, in one style: rounded-off box lines, `┆` between
//! columns, a double line under the header, cells wrapped at spaces to fit
//! the width. comfy-table lays them out; this module is the one way text
//! reaches it, escaped and shortened, and it keeps each column at least as
//! wide as its longest word so that words are broken only when one alone is
//! wider than the table can give it.

use std::borrow::Cow;
use std::fmt;

use anstyle::Style;
use comfy_table::{CellAlignment, ColumnConstraint, ContentArrangement, Width, presets};
use unicode_width::UnicodeWidthStr;

use crate::terminal;

/// Columns `text` takes on a terminal; plain ASCII is counted directly.
fn width(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.width()
    }
}

/// How a cell's text sits in its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Against the left border (text).
    Left,
    /// Against the right border (numbers).
    Right,
}

/// A colour for a cell's text, shown only when the table is styled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Color {
    /// In place.
    Green,
    /// Partly in place, or planned.
    Yellow,
    /// Not in place.
    Red,
}

impl Color {
    /// The terminal's own green, yellow and red (ANSI colours 2, 3 and 1),
    /// as the rest of ims's output uses them.
    fn comfy(self) -> comfy_table::Color {
        match self {
            Color::Green => comfy_table::Color::DarkGreen,
            Color::Yellow => comfy_table::Color::DarkYellow,
            Color::Red => comfy_table::Color::DarkRed,
        }
    }
}

/// One cell: its text (lines split at `\n`), alignment and colour.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    text: String,
    align: Align,
    color: Option<Color>,
}

impl Cell {
    /// A left-aligned, uncoloured cell of text as it is; text from outside
    /// comes through [`cell`].
    fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            align: Align::Left,
            color: None,
        }
    }

    /// The same cell with another alignment.
    pub fn set_alignment(mut self, align: Align) -> Self {
        self.align = align;
        self
    }

    /// The same cell in a colour.
    pub fn fg(mut self, color: Color) -> Self {
        self.color = Some(color);
        self
    }

    /// The cell as comfy-table takes it.
    fn comfy(self) -> comfy_table::Cell {
        let align = match self.align {
            Align::Left => CellAlignment::Left,
            Align::Right => CellAlignment::Right,
        };
        let cell = comfy_table::Cell::new_owned(self.text).set_alignment(align);
        match self.color {
            Some(color) => cell.fg(color.comfy()),
            None => cell,
        }
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        cell(text)
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        cell(text)
    }
}

/// Longest user text, in characters, that a terminal view shows whole: a
/// longer value is shortened with its length (the other formats keep it
/// whole). Nobody reads a megabyte in a table cell.
pub const TERMINAL_TEXT_MAX: usize = 200;

/// A table cell, the one way text enters a terminal table: shortened past
/// [`TERMINAL_TEXT_MAX`], control and bidi characters shown escaped (line
/// ends are kept).
pub fn cell(text: impl fmt::Display) -> Cell {
    cell_up_to(text, TERMINAL_TEXT_MAX)
}

/// A cell for ims's own sentences, which a reader needs whole (why a
/// milestone falls where it does): escaped as [`cell`] does, shortened
/// only past [`PARAGRAPH_MAX`].
pub fn sentence(text: impl fmt::Display) -> Cell {
    cell_up_to(text, PARAGRAPH_MAX)
}

fn cell_up_to(text: impl fmt::Display, max: usize) -> Cell {
    let text = text.to_string();
    let shown = match terminal::shorten(&text, max) {
        Cow::Borrowed(_) => match terminal::escape_lines(&text) {
            // Nothing to change: the text is kept as it is, not copied.
            Cow::Borrowed(_) => None,
            Cow::Owned(escaped) => Some(escaped),
        },
        Cow::Owned(short) => Some(terminal::escape_lines(&short).into_owned()),
    };
    Cell::new(shown.unwrap_or(text))
}

/// User text on a line of a terminal view: shortened past
/// [`TERMINAL_TEXT_MAX`], control and bidi characters (line ends too) shown
/// escaped.
pub fn term(text: &str) -> String {
    terminal::escape(&terminal::shorten(text, TERMINAL_TEXT_MAX)).into_owned()
}

/// Longest text, in characters, that a terminal paragraph shows whole: far
/// above any reason the plan gives, so that only runaway user text is cut.
pub const PARAGRAPH_MAX: usize = 4000;

/// A paragraph for a terminal: escaped as [`term`] does, wrapped whole at
/// spaces to `width` columns, each line indented by `indent` spaces; a word
/// is broken only when it alone is wider than the line.
pub fn paragraph(text: &str, indent: usize, width: u16) -> String {
    let text = terminal::escape(&terminal::shorten(text, PARAGRAPH_MAX)).into_owned();
    let room = usize::from(width).saturating_sub(indent).max(20);
    let pad = " ".repeat(indent);
    wrap(&text, room)
        .iter()
        .map(|line| format!("{pad}{line}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `text` in bold when the look is styled, else as it is: the one way a
/// terminal view emphasises a line.
pub fn bold(text: &str, look: super::Look) -> String {
    if look.styled {
        let bold = Style::new().bold();
        format!("{bold}{text}{bold:#}")
    } else {
        text.to_owned()
    }
}

/// A table in the house style, fitted to `look.width`, never asking the terminal.
pub fn table(look: super::Look) -> Table {
    Table::new(look.width, look.styled)
}

/// A table fitted to a width, drawn by [`fmt::Display`].
#[derive(Debug, Clone)]
pub struct Table {
    inner: comfy_table::Table,
    width: u16,
    /// How wide each column's text is.
    columns: Vec<Widths>,
}

/// How wide a column's text is, in terminal columns.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Widths {
    /// Its widest line, unwrapped.
    line: usize,
    /// Its widest word.
    word: usize,
}

/// Padding and border characters around `n` columns: `│ a ┆ b │`.
fn chrome(columns: usize) -> usize {
    3 * columns + 1
}

impl Table {
    /// An empty table to fit into `width` columns, coloured when `styled`.
    pub fn new(width: u16, styled: bool) -> Self {
        let mut inner = comfy_table::Table::new();
        inner
            .load_style(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            // Neither the terminal's size nor whether stdout is one: the
            // width and the colour are the caller's choice (`Look`), which
            // honours NO_COLOR and `-o FILE`.
            .force_no_tty()
            .set_width(width);
        if styled {
            inner.enforce_styling().style_text_only();
        }
        Self {
            inner,
            width,
            columns: Vec::new(),
        }
    }

    /// Sets the header row.
    pub fn set_header<C: Into<Cell>>(&mut self, cells: impl IntoIterator<Item = C>) -> &mut Self {
        let (row, wider) = self.row(cells);
        self.inner.set_header(row);
        if wider {
            self.keep_words_whole();
        }
        self
    }

    /// Adds a row.
    pub fn add_row<C: Into<Cell>>(&mut self, cells: impl IntoIterator<Item = C>) -> &mut Self {
        let (row, wider) = self.row(cells);
        self.inner.add_row(row);
        if wider {
            self.keep_words_whole();
        }
        self
    }

    /// The row as comfy-table cells, noting how wide each column's text
    /// is; and whether a column's text is now wider than before.
    fn row<C: Into<Cell>>(
        &mut self,
        cells: impl IntoIterator<Item = C>,
    ) -> (Vec<comfy_table::Cell>, bool) {
        let mut wider = false;
        let row = cells
            .into_iter()
            .enumerate()
            .map(|(column, cell)| {
                let cell: Cell = cell.into();
                if self.columns.len() <= column {
                    // One more column: less room for the others.
                    self.columns.resize(column + 1, Widths::default());
                    wider = true;
                }
                let seen = &mut self.columns[column];
                let line = cell.text.split('\n').map(width).max().unwrap_or(0);
                let word = cell.text.split([' ', '\n']).map(width).max().unwrap_or(0);
                if line > seen.line || word > seen.word {
                    wider = true;
                    seen.line = seen.line.max(line);
                    seen.word = seen.word.max(word);
                }
                cell.comfy()
            })
            .collect();
        (row, wider)
    }

    /// Gives each column that comfy-table would make narrower than its
    /// widest word that word's width, so that it wraps at spaces and breaks
    /// no word the width could keep whole; the other columns are left to it.
    fn keep_words_whole(&mut self) {
        let room = usize::from(self.width).saturating_sub(chrome(self.columns.len()));
        for (column, bound) in word_bounds(&self.columns, room).into_iter().enumerate() {
            let Some(column) = self.inner.column_mut(column) else {
                continue;
            };
            match bound {
                // comfy-table counts a column's padding in its bounds.
                Some(bound) => {
                    let bound = u16::try_from(bound + 2).unwrap_or(u16::MAX);
                    column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(bound)));
                }
                None => {
                    column.remove_constraint();
                }
            }
        }
    }
}

/// The width each wrapped column gets when the columns whose lines fit keep
/// their width and the rest share what is left, as comfy-table shares it;
/// the `fixed` columns take the width given.
fn share(columns: &[Widths], fixed: &[Option<usize>], room: usize) -> usize {
    let mut left = room.saturating_sub(fixed.iter().flatten().sum());
    let mut open: Vec<usize> = (0..columns.len()).filter(|&c| fixed[c].is_none()).collect();
    loop {
        let Some(average) = left.checked_div(open.len()) else {
            return usize::MAX;
        };
        let (fits, wide): (Vec<usize>, Vec<usize>) = open
            .iter()
            .partition(|&&column| columns[column].line <= average);
        if fits.is_empty() {
            return average;
        }
        left -= fits
            .iter()
            .map(|&column| columns[column].line)
            .sum::<usize>();
        open = wide;
    }
}

/// The least width to give each column, where one is needed: a column
/// whose text wraps and whose widest word is wider than its share gets that
/// word's width, until no other column's share falls below its word. Where
/// those words together do not fit in `room`, they are cut to one cap chosen
/// as large as fits, and only words longer than that are broken.
fn word_bounds(columns: &[Widths], room: usize) -> Vec<Option<usize>> {
    let mut bounds: Vec<Option<usize>> = vec![None; columns.len()];
    loop {
        let share = share(columns, &bounds, room);
        let mut grew = false;
        for (bound, seen) in bounds.iter_mut().zip(columns) {
            if bound.is_none() && seen.line > share && seen.word > share {
                *bound = Some(seen.word);
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    // Every other column keeps one character at least.
    let free = bounds.iter().filter(|bound| bound.is_none()).count();
    let room = room.saturating_sub(free);
    let capped = |cap: usize| {
        bounds
            .iter()
            .flatten()
            .map(move |&word| word.min(cap).max(1))
    };
    let widest = bounds.iter().flatten().copied().max().unwrap_or(0);
    if capped(widest).sum::<usize>() > room {
        // The largest cap whose bounds fit, by bisection.
        let (mut low, mut high) = (1, widest);
        while low < high {
            let middle = (low + high).div_ceil(2);
            if capped(middle).sum::<usize>() <= room {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        for bound in bounds.iter_mut().flatten() {
            *bound = (*bound).min(low).max(1);
        }
    }
    bounds
}

impl fmt::Display for Table {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The caller adds the last line end, as with any value shown by `{}`.
        for (index, line) in self.inner.lines().enumerate() {
            if index > 0 {
                out.write_str("\n")?;
            }
            out.write_str(&line)?;
        }
        Ok(())
    }
}

/// Wraps text to `width` columns: at its line ends, then at spaces, and
/// inside a word only when the word alone is wider than the column. Each
/// line is a slice of the text.
pub fn wrap(text: &str, width: usize) -> Vec<&str> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        if self::width(paragraph) <= width {
            lines.push(paragraph);
            continue;
        }
        // The line being built runs from `start` to `end` in `paragraph`.
        let (mut start, mut end, mut used) = (None::<usize>, 0, 0);
        let base = paragraph.as_ptr() as usize;
        for word in paragraph.split(' ').filter(|word| !word.is_empty()) {
            let mut at = word.as_ptr() as usize - base;
            let mut word = word;
            let mut word_width = self::width(word);
            if let Some(begin) = start {
                if used + 1 + word_width <= width {
                    end = at + word.len();
                    used += 1 + word_width;
                    continue;
                }
                lines.push(&paragraph[begin..end]);
            }
            while word_width > width {
                let (head, rest) = split_at_width(word, width);
                lines.push(head);
                at += head.len();
                word = rest;
                word_width = self::width(word);
            }
            start = Some(at);
            end = at + word.len();
            used = word_width;
        }
        lines.push(start.map_or("", |begin| &paragraph[begin..end]));
    }
    lines
}

/// The longest prefix of `word` no wider than `width` (at least one
/// character), and the rest.
fn split_at_width(word: &str, width: usize) -> (&str, &str) {
    let mut used = 0;
    for (at, c) in word.char_indices() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width && at > 0 {
            return word.split_at(at);
        }
        used += w;
    }
    (word, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drawn(table: &Table) -> String {
        table.to_string()
    }

    #[test]
    fn a_table_that_fits_keeps_its_natural_widths() {
        let mut t = Table::new(80, false);
        t.set_header(["Standard", "Coverage"]);
        t.add_row([
            Cell::new("alpha"),
            Cell::new("48.3%").set_alignment(Align::Right),
        ]);
        assert_eq!(
            drawn(&t),
            "┌──────────┬──────────┐\n\
             │ Standard ┆ Coverage │\n\
             ╞══════════╪══════════╡\n\
             │ alpha    ┆    48.3% │\n\
             └──────────┴──────────┘"
        );
    }

    #[test]
    fn a_wide_table_wraps_its_wide_columns_to_the_width() {
        let mut t = Table::new(40, false);
        t.set_header(["Id", "Text"]);
        t.add_row([
            "A.5.1",
            "one two three four five six seven eight nine ten eleven twelve",
        ]);
        let text = drawn(&t);
        for line in text.lines() {
            assert!(width(line) <= 40, "{line:?}");
        }
        assert!(text.lines().count() > 5, "{text}");
        assert!(text.contains("│ A.5.1 ┆ one two three"), "{text}");
    }

    /// Every word of `text`, as the lines of a drawn table show it.
    fn words_shown(text: &str) -> Vec<String> {
        text.split(['│', '┆', '\n', ' '])
            .filter(|word| !word.is_empty() && !word.contains(['─', '═']))
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn words_are_kept_whole_where_the_width_allows() {
        // An even share of 60 columns is 16 a column, narrower than the
        // longest word of the second column: it gets that word's width.
        let mut t = Table::new(60, false);
        t.set_header(["What", "Why", "Note"]);
        t.add_row([
            "one two three four five six seven eight nine",
            "internationalisation of responsibilities",
            "ten eleven twelve thirteen fourteen fifteen",
        ]);
        let text = drawn(&t);
        assert!(text.lines().all(|line| width(line) <= 60), "{text}");
        for word in [
            "internationalisation",
            "responsibilities",
            "thirteen",
            "fourteen",
        ] {
            assert!(
                words_shown(&text).iter().any(|shown| shown == word),
                "{word}: {text}"
            );
        }
    }

    #[test]
    fn a_table_whose_text_wraps_takes_the_whole_width() {
        // The status column is given its word; the title column still gets
        // all the width left, not only its own longest word.
        let mut t = Table::new(80, false);
        t.set_header(["Id", "Title", "Status", "Owner", "Due"]);
        t.add_row([
            "A.5.21",
            "Managing information security in the information and communication technology (ICT) supply chain",
            "not-implemented",
            "S. Nilsen",
            "2027-01-15",
        ]);
        let text = drawn(&t);
        assert!(text.lines().all(|line| width(line) == 80), "{text}");
        assert!(text.contains("not-implemented"), "{text}");
    }

    #[test]
    fn where_the_words_cannot_all_fit_the_longest_are_cut_and_the_table_fits() {
        let mut t = Table::new(40, false);
        t.add_row(["tiny", &"a".repeat(30), &"b".repeat(30)]);
        let text = drawn(&t);
        assert!(text.lines().all(|line| width(line) <= 40), "{text}");
        assert!(
            words_shown(&text).iter().any(|shown| shown == "tiny"),
            "{text}"
        );
        assert_eq!(text.matches('a').count(), 30, "{text}");
        let columns = |widths: &[(usize, usize)]| -> Vec<Widths> {
            widths
                .iter()
                .map(|&(line, word)| Widths { line, word })
                .collect()
        };
        // The long words cannot both fit: each is cut to the same cap, and
        // the short column keeps its own word.
        let long = columns(&[(4, 4), (30, 30), (30, 30)]);
        assert_eq!(word_bounds(&long, 31), [Some(4), Some(13), Some(13)]);
        assert_eq!(word_bounds(&long, 100), [None, None, None]);
        // A column whose share is wide enough for its words needs no bound.
        let prose = columns(&[(8, 8), (200, 12), (200, 40)]);
        assert_eq!(word_bounds(&prose, 70), [None, None, Some(40)]);
        assert_eq!(word_bounds(&prose, 100), [None, None, None]);
    }

    #[test]
    fn words_wider_than_a_column_are_cut_and_nothing_is_lost() {
        let long = "x".repeat(100);
        let text = format!("a {long} b");
        let lines = wrap(&text, 30);
        assert!(lines.iter().all(|line| width(line) <= 30), "{lines:?}");
        assert_eq!(lines.concat().replace(' ', ""), format!("a{long}b"));
        assert_eq!(wrap("one  two three", 8), ["one  two", "three"]);
        assert_eq!(wrap("a\nb", 10), ["a", "b"]);
        assert_eq!(wrap("", 10), [""]);
    }

    #[test]
    fn colours_only_when_styled() {
        let mut t = Table::new(80, true);
        t.add_row([Cell::new("implemented").fg(Color::Green)]);
        // The terminal's own green (ANSI colour 2), on the text only.
        assert!(drawn(&t).contains("│ \u{1b}[38;5;2mimplemented\u{1b}[39m │"));
        let mut plain = Table::new(80, false);
        plain.add_row([Cell::new("implemented").fg(Color::Green)]);
        assert!(!drawn(&plain).contains('\u{1b}'));
    }

    #[test]
    fn wide_characters_take_two_columns() {
        let mut t = Table::new(80, false);
        t.add_row(["日本", "x"]);
        assert_eq!(drawn(&t).lines().next().unwrap(), "┌──────┬───┐");
    }
}
