//! Reading a spreadsheet into sheets of text cells: XLSX in `xlsx`, CSV
//! here, in UTF-8 with or without a byte-order mark, in whichever common
//! delimiter the file uses. Both go through one [`Builder`], which keeps
//! rows sparse (a stray cell far to the right costs one cell, not a row of
//! blanks), enforces the limits, and says what it cut, changed or refused.

use std::collections::BTreeSet;

/// Most rows read from a sheet; a sheet with more is cut, and says so.
pub const MAX_ROWS: usize = 100_000;

/// Most columns read from a sheet.
pub const MAX_COLUMNS: usize = 256;

/// Most characters kept from one cell: what an Excel cell holds.
pub const MAX_CELL_CHARS: usize = 32_767;

/// Most characters read from a whole workbook, so that a small file that
/// unpacks to a huge one cannot exhaust memory.
pub const MAX_TEXT: usize = 32 * 1024 * 1024;

/// Most bytes a workbook's parts may unpack to, as its ZIP directory
/// declares them: a small file that unpacks to gigabytes is refused
/// before anything is unpacked.
pub const MAX_UNPACKED: u64 = 64 * 1024 * 1024;

/// Most cells read from a whole file. Each cell costs some bytes beyond
/// its text; a million is ten columns of [`MAX_ROWS`] rows.
pub const MAX_CELLS: usize = 1_000_000;

/// One row: its non-empty cells by column, left to right.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Row(Vec<(usize, String)>);

impl Row {
    /// The text of the cell in `column` (from 0), if it holds any.
    pub fn get(&self, column: usize) -> Option<&str> {
        self.0
            .binary_search_by_key(&column, |(c, _)| *c)
            .ok()
            .map(|at| self.0[at].1.as_str())
    }

    /// The cells that hold text, with their columns, left to right.
    pub fn cells(&self) -> impl Iterator<Item = (usize, &str)> {
        self.0.iter().map(|(c, text)| (*c, text.as_str()))
    }

    /// Whether every cell is blank.
    pub fn is_blank(&self) -> bool {
        self.0.iter().all(|(_, text)| text.trim().is_empty())
    }

    /// Puts `text` in `column`; false, changing nothing, when the cell
    /// holds text already.
    fn insert(&mut self, column: usize, text: String) -> bool {
        match self.0.binary_search_by_key(&column, |(c, _)| *c) {
            Ok(_) => false,
            Err(at) => {
                self.0.insert(at, (column, text));
                true
            }
        }
    }
}

impl<S: Into<String>> FromIterator<S> for Row {
    /// A row from its cells left to right, from column A.
    fn from_iter<I: IntoIterator<Item = S>>(cells: I) -> Self {
        Row(cells
            .into_iter()
            .map(Into::into)
            .enumerate()
            .filter(|(_, text)| !text.is_empty())
            .collect())
    }
}

/// What the reader did to a cell or a sheet, for the import to report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The row, from 0; `None` for the sheet as a whole.
    pub row: Option<usize>,
    /// The column, from 0, when one cell is meant.
    pub column: Option<usize>,
    /// What happened, as a sentence.
    pub message: String,
    /// How many cells were left out (0 when a cell was only changed).
    pub left_out: usize,
}

/// One sheet: its name and its rows of cells, as text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sheet {
    /// The sheet's name as the file has it; the file name for a CSV file.
    pub name: String,
    /// The rows, top to bottom; cells as written (line ends inside a cell
    /// matter: evidence and its dates are one per line), except that the
    /// characters no status file can hold are replaced (see `notes`).
    pub rows: Vec<Row>,
    /// Cells that held a number, by (row, column) from 0: an id typed as a
    /// number has lost its trailing zeros (`7.10` is `7.1`).
    pub numbers: BTreeSet<(usize, usize)>,
    /// Whether a leading `'` may be ims's formula guard (CSV); a workbook
    /// cell is typed text and carries none.
    pub guarded: bool,
    /// Whether the workbook hides the sheet.
    pub hidden: bool,
    /// Why the sheet's cells could not be read, when they could not (a
    /// second sheet of a name already taken).
    pub unreadable: Option<String>,
    /// Cells cut, changed or left out, each said once.
    pub notes: Vec<Note>,
}

/// The kinds of workbook ims reads, as the messages name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Office Open XML, what Excel saves by default.
    Xlsx,
    /// OpenDocument, what LibreOffice saves by default.
    Ods,
    /// The Excel 97-2003 binary format.
    Xls,
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Format::Xlsx => "XLSX",
            Format::Ods => "ODS",
            Format::Xls => "XLS",
        })
    }
}

/// The error a library gave, kept as the source of a [`ReadError`].
pub type Cause = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Why a spreadsheet could not be read. The library's own error, where
/// there is one, is the source, so that the whole chain can be shown.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// A library could not read the workbook: `what` says which part of it,
    /// when ims knows.
    #[error("not a readable {format} workbook{}", what.map(|w| format!(": {w}")).unwrap_or_default())]
    Workbook {
        /// The kind of workbook.
        format: Format,
        /// What could not be read, when ims knows.
        what: Option<&'static str>,
        /// The library's error.
        #[source]
        source: Cause,
    },
    /// An OpenDocument file that is not a spreadsheet.
    #[error("an OpenDocument file of type `{0}`, not a spreadsheet")]
    NotASpreadsheet(String),
    /// The workbook holds what no spreadsheet program writes.
    #[error("not a readable {0} workbook: {1}")]
    Damaged(Format, String),
    /// The workbook's parts unpack to more than ims reads.
    #[error("the workbook unpacks to {0} MiB, more than the {max} MiB ims reads", max = MAX_UNPACKED / (1024 * 1024))]
    TooLarge(u64),
    /// The file holds more text than ims reads.
    #[error("the file holds more than {} MiB of text, more than ims imports", MAX_TEXT / (1024 * 1024))]
    TooMuchText,
    /// The file holds more cells than ims reads.
    #[error("the file holds more than {MAX_CELLS} cells, more than ims imports")]
    TooManyCells,
    /// A sheet of an ODS or XLS workbook spreads its cells so far that
    /// reading it would take more memory than ims allows: such a sheet is
    /// read whole, blanks between its cells included.
    #[error(
        "sheet \"{sheet}\" spreads its cells over {rows} rows and {columns} columns; ims reads at most {MAX_CELLS} cells from an {format} workbook, all its sheets together, counting the blank cells between filled ones"
    )]
    TooSpread {
        /// The kind of workbook.
        format: Format,
        /// The sheet's name.
        sheet: String,
        /// Rows from the first filled cell to the last.
        rows: u64,
        /// Columns from the first filled cell to the last.
        columns: u64,
    },
    /// The CSV is not UTF-8.
    #[error("the CSV file is not UTF-8 text (save it as \"CSV UTF-8\")")]
    NotUtf8,
    /// A password-protected workbook, which is encrypted.
    #[error("this is a password-protected (encrypted) workbook, which ims cannot read")]
    Encrypted,
    /// An OLE compound file that is not an XLS workbook calamine can read.
    #[error("this is an OLE compound file that is not a readable Excel 97-2003 workbook (.xls)")]
    NotXls(#[source] Cause),
    /// A quoted CSV cell that is never closed.
    #[error(
        "line {0}: a quote opens a cell that is never closed, so every line after it would be read into that one cell"
    )]
    UnclosedQuote(usize),
    /// The CSV is malformed.
    #[error("not a readable CSV file")]
    Csv(#[source] ::csv::Error),
}

impl ReadError {
    /// A library's error reading a workbook of `format`.
    pub(super) fn workbook<E: std::error::Error + Send + Sync + 'static>(
        format: Format,
        what: Option<&'static str>,
    ) -> impl FnOnce(E) -> Self {
        move |source| ReadError::Workbook {
            format,
            what,
            source: Box::new(source),
        }
    }

    /// The message with every source after it, as the user reads it:
    /// `not a readable XLSX workbook: <what calamine says>`. A library's
    /// message often repeats its own source's, which is then not said twice.
    pub fn chain(&self) -> String {
        let mut text = self.to_string();
        let mut said = String::new();
        let mut next = std::error::Error::source(self);
        while let Some(cause) = next {
            let message = cause.to_string();
            if !said.contains(&message) {
                text.push_str(": ");
                text.push_str(&message);
            }
            said = message;
            next = cause.source();
        }
        text
    }
}

/// Whether `bytes` start like a ZIP archive, which an XLSX or ODS
/// workbook is.
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// Text with the characters no status file can hold (control characters
/// other than tab and line ends, and non-characters) replaced by U+FFFD;
/// whether any was.
pub fn clean(text: &str) -> (String, bool) {
    let bad = |c: char| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r'))
            || ('\u{7f}'..='\u{9f}').contains(&c)
            || matches!(c, '\u{fffe}' | '\u{ffff}')
    };
    if text.chars().any(bad) {
        (
            text.chars()
                .map(|c| if bad(c) { '\u{fffd}' } else { c })
                .collect(),
            true,
        )
    } else {
        (text.to_owned(), false)
    }
}

/// What the whole file may still hold, across its sheets.
#[derive(Debug, Default)]
pub(super) struct Budget {
    /// Characters read so far.
    text: usize,
    /// Cells read so far.
    cells: usize,
}

/// A cell as the reader found it.
pub(super) struct Cell {
    /// Row and column, from 0.
    pub at: (usize, usize),
    /// Its text.
    pub text: String,
    /// Whether the file typed it as a number.
    pub number: bool,
}

/// Builds one sheet cell by cell, within the limits.
#[derive(Debug)]
pub(super) struct Builder {
    sheet: Sheet,
    /// Cells beyond [`MAX_ROWS`] or [`MAX_COLUMNS`].
    beyond: usize,
}

impl Builder {
    /// A sheet named `name`, empty.
    pub fn new(name: &str) -> Self {
        Builder {
            sheet: Sheet {
                name: name.to_owned(),
                ..Sheet::default()
            },
            beyond: 0,
        }
    }

    /// Counts a cell beyond the limits without reading it.
    pub fn beyond(&mut self, cells: usize) {
        self.beyond += cells;
    }

    /// Puts one cell in the sheet: cut at [`MAX_CELL_CHARS`], cleaned of
    /// what no status file can hold, and refused when the file gives the
    /// cell a second time; each said in a note.
    pub fn put(&mut self, budget: &mut Budget, cell: Cell) -> Result<(), ReadError> {
        let Cell { at, text, number } = cell;
        let (row, column) = at;
        // A blank cell (one a template only formats) costs nothing, and
        // is no cell left out.
        if text.is_empty() {
            return Ok(());
        }
        if row >= MAX_ROWS || column >= MAX_COLUMNS {
            self.beyond += 1;
            return Ok(());
        }
        budget.cells += 1;
        if budget.cells > MAX_CELLS {
            return Err(ReadError::TooManyCells);
        }
        let sheet = &mut self.sheet;
        let place = format!("{}{}", super::letter(column), row + 1);
        let mut text = text;
        let mut note = |message: String, left_out: usize| {
            sheet.notes.push(Note {
                row: Some(row),
                column: Some(column),
                message,
                left_out,
            });
        };
        if text.chars().count() > MAX_CELL_CHARS {
            note(
                format!(
                    "cell {place} holds more than {MAX_CELL_CHARS} characters; the rest is left out"
                ),
                0,
            );
            text = text.chars().take(MAX_CELL_CHARS).collect();
        }
        budget.text += text.len();
        if budget.text > MAX_TEXT {
            return Err(ReadError::TooMuchText);
        }
        let (text, changed) = match clean(&text) {
            (_, false) => (text, false),
            (cleaned, true) => (cleaned, true),
        };
        if sheet.rows.len() <= row {
            sheet.rows.resize(row + 1, Row::default());
        }
        let shown = crate::terminal::shorten(&text, 40).into_owned();
        if !sheet.rows[row].insert(column, text) {
            sheet.notes.push(Note {
                row: Some(row),
                column: Some(column),
                message: format!(
                    "the file gives cell {place} a second time; the first value is kept and `{shown}` is left out"
                ),
                left_out: 1,
            });
            return Ok(());
        }
        if changed {
            sheet.notes.push(Note {
                row: Some(row),
                column: Some(column),
                message:
                    "a control character, which no status file can hold, is replaced by \u{fffd}"
                        .to_owned(),
                left_out: 0,
            });
        }
        if number {
            sheet.numbers.insert((row, column));
        }
        Ok(())
    }

    /// The sheet, with a note of the cells beyond the limits.
    pub fn finish(mut self) -> Sheet {
        if self.beyond > 0 {
            self.sheet.notes.push(Note {
                row: None,
                column: None,
                message: format!(
                    "{} cell(s) beyond row {MAX_ROWS} or column {} are not read",
                    self.beyond,
                    super::letter(MAX_COLUMNS - 1)
                ),
                left_out: self.beyond,
            });
        }
        self.sheet
    }
}

/// A CSV file as one sheet named `name`: a leading byte-order mark is
/// dropped, and the delimiter is the one of `,` `;` tab `|` that splits the
/// first lines most evenly. A quote left open is refused, with its line:
/// read on, it would swallow the rest of the file into one cell.
pub fn csv(name: &str, bytes: &[u8]) -> Result<Sheet, ReadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| ReadError::NotUtf8)?;
    let delimiter = sniff(text);
    if let Some(line) = unclosed_quote(text, delimiter) {
        return Err(ReadError::UnclosedQuote(line));
    }
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut budget = Budget::default();
    let mut builder = Builder::new(name);
    let mut record = ::csv::StringRecord::new();
    let mut row = 0usize;
    while reader.read_record(&mut record).map_err(ReadError::Csv)? {
        if row >= MAX_ROWS {
            builder.beyond(record.iter().filter(|text| !text.is_empty()).count());
        } else {
            for (column, text) in record.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
                if column >= MAX_COLUMNS {
                    builder.beyond(1);
                    continue;
                }
                let cell = Cell {
                    at: (row, column),
                    text: text.to_owned(),
                    number: false,
                };
                builder.put(&mut budget, cell)?;
            }
        }
        row += 1;
    }
    let mut sheet = builder.finish();
    sheet.guarded = true;
    Ok(sheet)
}

/// The line on which a quoted cell opens that is never closed, read as
/// the `csv` crate reads: a quote opens a cell only at its start, and two
/// quotes inside one stand for one.
fn unclosed_quote(text: &str, delimiter: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut line = 1usize;
    let mut opened = 0usize;
    let mut quoted = false;
    let mut at_start = true;
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        if quoted {
            if byte == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    quoted = false;
                }
            }
        } else if byte == b'"' && at_start {
            quoted = true;
            opened = line;
        }
        at_start = !quoted && (byte == delimiter || byte == b'\n' || byte == b'\r');
        if byte == b'\n' {
            line += 1;
        }
        i += 1;
    }
    quoted.then_some(opened)
}

/// The delimiter that gives the most lines of the same, largest width among
/// the first twenty non-empty lines (quoted text is not looked into).
fn sniff(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(20)
        .collect();
    let mut best = (b',', 0usize, 0usize);
    for delimiter in [b',', b';', b'\t', b'|'] {
        let counts: Vec<usize> = lines
            .iter()
            .map(|line| outside_quotes(line, delimiter))
            .collect();
        let widest = counts.iter().copied().max().unwrap_or(0);
        if widest == 0 {
            continue;
        }
        let agreeing = counts.iter().filter(|&&c| c == widest).count();
        if (agreeing, widest) > (best.1, best.2) {
            best = (delimiter, agreeing, widest);
        }
    }
    best.0
}

fn outside_quotes(line: &str, delimiter: u8) -> usize {
    let mut quoted = false;
    let mut count = 0;
    for &byte in line.as_bytes() {
        if byte == b'"' {
            quoted = !quoted;
        } else if byte == delimiter && !quoted {
            count += 1;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(row: &Row) -> Vec<&str> {
        row.cells().map(|(_, text)| text).collect()
    }

    #[test]
    fn blank_cells_count_against_no_limit() {
        let mut budget = Budget::default();
        let mut builder = Builder::new("SoA");
        // A template's formatted cells: blank, far beyond the limits.
        for at in [(0, 16_383), (1_048_575, 0), (MAX_ROWS, MAX_COLUMNS)] {
            let blank = Cell {
                at,
                text: String::new(),
                number: false,
            };
            builder.put(&mut budget, blank).unwrap();
        }
        let filled = Cell {
            at: (0, MAX_COLUMNS),
            text: "x".to_owned(),
            number: false,
        };
        builder.put(&mut budget, filled).unwrap();
        let sheet = builder.finish();
        assert_eq!(budget.cells, 0);
        assert_eq!(sheet.notes.len(), 1);
        assert_eq!(sheet.notes[0].left_out, 1, "{:?}", sheet.notes);
    }

    #[test]
    fn csv_in_any_common_delimiter_with_or_without_a_bom() {
        for (text, delimiter) in [
            ("id,status\nA.5.1,Implemented\n", ','),
            ("\u{feff}id;status\nA.5.1;Implemented\n", ';'),
            ("id\tstatus\nA.5.1\tImplemented\n", '\t'),
            ("id|status\n\"A.5.1\"|\"Implemented, mostly\"\n", '|'),
        ] {
            let sheet = csv("s.csv", text.as_bytes()).unwrap();
            assert_eq!(texts(&sheet.rows[0]), ["id", "status"], "{delimiter:?}");
            assert_eq!(sheet.rows[1].get(0), Some("A.5.1"));
        }
        let quoted = csv("s.csv", b"a,b\n\"x, y\",z\n").unwrap();
        assert_eq!(texts(&quoted.rows[1]), ["x, y", "z"]);
        assert!(matches!(
            csv("s.csv", b"\xff\xfeid"),
            Err(ReadError::NotUtf8)
        ));
    }

    #[test]
    fn a_quote_left_open_is_refused_with_its_line() {
        let text = "Control,Justification\nA.5.1,\"Policy\nA.5.2,Yes\nA.5.3,Yes\n";
        assert!(matches!(
            csv("s.csv", text.as_bytes()),
            Err(ReadError::UnclosedQuote(2))
        ));
        // Quotes that close, doubled quotes and a quote inside a cell are fine.
        let fine = "a,b\n\"x\ny\",\"say \"\"hi\"\"\"\n5\" disk,z\n";
        let sheet = csv("s.csv", fine.as_bytes()).unwrap();
        assert_eq!(texts(&sheet.rows[1]), ["x\ny", "say \"hi\""]);
        assert_eq!(texts(&sheet.rows[2]), ["5\" disk", "z"]);
    }

    #[test]
    fn rows_are_sparse_and_a_cell_given_twice_keeps_the_first() {
        let mut budget = Budget::default();
        let mut builder = Builder::new("s");
        for (at, text) in [((0, 0), "Control"), ((3, 255), "far"), ((0, 0), "again")] {
            let text = text.to_owned();
            let cell = Cell {
                at,
                text,
                number: false,
            };
            builder.put(&mut budget, cell).unwrap();
        }
        let sheet = builder.finish();
        assert_eq!(sheet.rows[3].cells().count(), 1);
        assert_eq!(sheet.rows[3].get(255), Some("far"));
        assert_eq!(sheet.rows[0].get(0), Some("Control"));
        assert_eq!(sheet.notes.len(), 1);
        assert!(
            sheet.notes[0].message.contains(
                "gives cell A1 a second time; the first value is kept and `again` is left out"
            ),
            "{:?}",
            sheet.notes
        );
    }
}
