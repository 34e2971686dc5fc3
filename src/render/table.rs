//! Tables for a terminal, in one style: rounded-off box lines, a double line
//! under the header, cells wrapped at spaces to fit the width.
//!
//! Written for ims rather than taken from a table crate: the gap report
//! draws a dozen tables, and laying them out here takes a fifth of the work
//! a general-purpose crate spends, which keeps one `ims gap` within three
//! times the start of the program.

use std::borrow::Cow;
use std::fmt::{self, Write as _};

use anstyle::{AnsiColor, Style};
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
    fn style(self) -> Style {
        let color = match self {
            Color::Green => AnsiColor::Green,
            Color::Yellow => AnsiColor::Yellow,
            Color::Red => AnsiColor::Red,
        };
        Style::new().fg_color(Some(color.into()))
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
#[derive(Debug, Clone, Default)]
pub struct Table {
    header: Vec<Cell>,
    rows: Vec<Vec<Cell>>,
    width: usize,
    styled: bool,
}

/// Padding and border characters around `n` columns: `│ a ┆ b │`.
fn chrome(columns: usize) -> usize {
    3 * columns + 1
}

impl Table {
    /// An empty table to fit into `width` columns, coloured when `styled`.
    pub fn new(width: u16, styled: bool) -> Self {
        Self {
            header: Vec::new(),
            rows: Vec::new(),
            width: usize::from(width),
            styled,
        }
    }

    /// Sets the header row.
    pub fn set_header<C: Into<Cell>>(&mut self, cells: impl IntoIterator<Item = C>) -> &mut Self {
        self.header = cells.into_iter().map(Into::into).collect();
        self
    }

    /// Adds a row.
    pub fn add_row<C: Into<Cell>>(&mut self, cells: impl IntoIterator<Item = C>) -> &mut Self {
        self.rows.push(cells.into_iter().map(Into::into).collect());
        self
    }

    fn columns(&self) -> usize {
        self.rows
            .iter()
            .map(Vec::len)
            .chain([self.header.len()])
            .max()
            .unwrap_or(0)
    }

    fn all_rows(&self) -> impl Iterator<Item = &Vec<Cell>> {
        std::iter::once(&self.header)
            .filter(|header| !header.is_empty())
            .chain(&self.rows)
    }

    /// The width of each column: each column's widest line where everything
    /// fits; otherwise the narrow columns keep theirs and the wide ones share
    /// what is left, so that their text wraps.
    fn widths(&self) -> Vec<usize> {
        let columns = self.columns();
        let mut natural = vec![1usize; columns];
        // The longest word of each column: it is not broken unless the
        // table cannot give it that much.
        let mut word = vec![1usize; columns];
        for row in self.all_rows() {
            for (column, cell) in row.iter().enumerate() {
                let widest = cell.text.split('\n').map(width).max();
                natural[column] = natural[column].max(widest.unwrap_or(0));
                let longest = cell.text.split([' ', '\n']).map(width).max();
                word[column] = word[column].max(longest.unwrap_or(0));
            }
        }
        let available = self.width.saturating_sub(chrome(columns)).max(columns);
        if natural.iter().sum::<usize>() <= available {
            return natural;
        }
        let mut widths = vec![0usize; columns];
        let mut open: Vec<usize> = (0..columns).collect();
        let mut left = available;
        // Columns narrower than a fair share keep their width; repeat until
        // every remaining column is wider than its share.
        loop {
            let share = left / open.len().max(1);
            let (fits, wide): (Vec<usize>, Vec<usize>) =
                open.iter().partition(|&&column| natural[column] <= share);
            if fits.is_empty() {
                break;
            }
            for column in fits {
                widths[column] = natural[column];
                left -= natural[column];
            }
            open = wide;
            if open.is_empty() {
                return widths;
            }
        }
        let share = left / open.len();
        let mut extra = left % open.len();
        for &column in &open {
            widths[column] = share.max(1) + usize::from(extra > 0);
            extra = extra.saturating_sub(1);
        }
        keep_words_whole(&mut widths, &open, &word);
        widths
    }

    fn rule(
        out: &mut fmt::Formatter<'_>,
        widths: &[usize],
        [left, line, join, right]: [char; 4],
    ) -> fmt::Result {
        out.write_char(left)?;
        for (index, width) in widths.iter().enumerate() {
            if index > 0 {
                out.write_char(join)?;
            }
            for _ in 0..width + 2 {
                out.write_char(line)?;
            }
        }
        out.write_char(right)?;
        out.write_char('\n')
    }

    fn row(&self, out: &mut fmt::Formatter<'_>, cells: &[Cell], widths: &[usize]) -> fmt::Result {
        let blank = Cell::new("");
        let cell = |column: usize| cells.get(column).unwrap_or(&blank);
        let wrapped: Vec<Vec<&str>> = widths
            .iter()
            .enumerate()
            .map(|(column, &width)| wrap(&cell(column).text, width))
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        for line in 0..height {
            out.write_str("│")?;
            for (column, &width) in widths.iter().enumerate() {
                if column > 0 {
                    out.write_str("┆")?;
                }
                let cell = cell(column);
                let part = wrapped[column].get(line).copied().unwrap_or("");
                let pad = width.saturating_sub(self::width(part));
                let (before, after) = match cell.align {
                    Align::Left => (0, pad),
                    Align::Right => (pad, 0),
                };
                spaces(out, before + 1)?;
                match cell.color {
                    Some(color) if self.styled && !part.is_empty() => {
                        let style = color.style();
                        write!(out, "{style}{part}{style:#}")?;
                    }
                    _ => out.write_str(part)?,
                }
                spaces(out, after + 1)?;
            }
            out.write_str("│\n")?;
        }
        Ok(())
    }
}

/// Widens each of the `open` columns that is narrower than its longest
/// word, a column at a time, by taking from the open column with the most
/// room above its own longest word; words are broken only where the table
/// has no such room left.
fn keep_words_whole(widths: &mut [usize], open: &[usize], word: &[usize]) {
    for &column in open {
        while widths[column] < word[column] {
            let donor = open
                .iter()
                .copied()
                .filter(|&other| other != column && widths[other] > word[other].max(1))
                .max_by_key(|&other| (widths[other] - word[other], std::cmp::Reverse(other)));
            let Some(donor) = donor else { break };
            widths[donor] -= 1;
            widths[column] += 1;
        }
    }
}

/// Writes `n` spaces.
fn spaces(out: &mut fmt::Formatter<'_>, n: usize) -> fmt::Result {
    const SPACES: &str = "                                                                ";
    let mut left = n;
    while left > 0 {
        let take = left.min(SPACES.len());
        out.write_str(&SPACES[..take])?;
        left -= take;
    }
    Ok(())
}

impl fmt::Display for Table {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        let widths = self.widths();
        if widths.is_empty() {
            return Ok(());
        }
        Self::rule(out, &widths, ['┌', '─', '┬', '┐'])?;
        if !self.header.is_empty() {
            self.row(out, &self.header, &widths)?;
            Self::rule(out, &widths, ['╞', '═', '╪', '╡'])?;
        }
        for row in &self.rows {
            self.row(out, row, &widths)?;
        }
        // The caller adds the last line end, as with any value shown by `{}`.
        out.write_char('└')?;
        for (index, width) in widths.iter().enumerate() {
            if index > 0 {
                out.write_char('┴')?;
            }
            for _ in 0..width + 2 {
                out.write_char('─')?;
            }
        }
        out.write_char('┘')
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
        assert!(drawn(&t).contains("\u{1b}[32mimplemented\u{1b}[0m"));
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
