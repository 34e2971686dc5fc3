//! Reading a spreadsheet into sheets of text cells: XLSX through calamine
//! (formula cells give their stored value; nothing is ever run), CSV in
//! UTF-8 with or without a byte-order mark, in whichever common delimiter
//! the file uses.

use std::io::Cursor;

use calamine::{DataRef, Reader};

use crate::date::Date;

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

/// One sheet: its name and its rows of cells, as text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sheet {
    /// The sheet's name; the file name for a CSV file.
    pub name: String,
    /// The rows, top to bottom; cells as written (line ends inside a cell
    /// matter: evidence and its dates are one per line).
    pub rows: Vec<Vec<String>>,
    /// Cells that held a number, by (row, column) from 0: an id typed as a
    /// number has lost its trailing zeros (`7.10` is `7.1`).
    pub numbers: std::collections::BTreeSet<(usize, usize)>,
    /// Whether a leading `'` may be ims's formula guard (CSV); a workbook
    /// cell is typed text and carries none.
    pub guarded: bool,
    /// Cells beyond [`MAX_ROWS`] or [`MAX_COLUMNS`], or cut at
    /// [`MAX_CELL_CHARS`], as a sentence each.
    pub cut: Vec<String>,
}

/// Why a spreadsheet could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The workbook is damaged or not a workbook.
    #[error("not a readable XLSX workbook: {0}")]
    Workbook(String),
    /// The workbook's parts unpack to more than ims reads.
    #[error("the workbook unpacks to {0} MiB, more than the {max} MiB ims reads", max = MAX_UNPACKED / (1024 * 1024))]
    TooLarge(u64),
    /// The workbook unpacks to more text than ims reads.
    #[error("the workbook holds more than {} MiB of text, more than ims imports", MAX_TEXT / (1024 * 1024))]
    TooMuchText,
    /// The CSV is not UTF-8.
    #[error("the CSV file is not UTF-8 text (save it as \"CSV UTF-8\")")]
    NotUtf8,
    /// The CSV is malformed.
    #[error("not a readable CSV file: {0}")]
    Csv(String),
}

/// Whether `bytes` start like a ZIP archive, which an XLSX workbook is.
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// Every sheet of an XLSX workbook, in workbook order, read cell by cell so
/// that a stray cell far away costs nothing.
pub fn workbook(bytes: &[u8]) -> Result<Vec<Sheet>, ReadError> {
    let unpacked = unpacked_size(bytes)
        .ok_or_else(|| ReadError::Workbook("its ZIP directory cannot be read".to_owned()))?;
    if unpacked > MAX_UNPACKED {
        return Err(ReadError::TooLarge(unpacked / (1024 * 1024)));
    }
    let bad = |err: calamine::XlsxError| ReadError::Workbook(err.to_string());
    let mut book: calamine::Xlsx<_> = calamine::Xlsx::new(Cursor::new(bytes)).map_err(bad)?;
    let epoch_1904 = book.has_1904_epoch();
    let mut text = 0usize;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let mut sheet = Sheet {
            name: name.clone(),
            ..Sheet::default()
        };
        let mut beyond = 0usize;
        let mut reader = book.worksheet_cells_reader(&name).map_err(bad)?;
        while let Some(cell) = reader.next_cell().map_err(bad)? {
            let (row, column) = cell.get_position();
            let (row, column) = (row as usize, column as usize);
            if row >= MAX_ROWS || column >= MAX_COLUMNS {
                beyond += 1;
                continue;
            }
            let value = cell.get_value();
            let mut content = cell_text(value, epoch_1904);
            if content.is_empty() {
                continue;
            }
            if content.chars().count() > MAX_CELL_CHARS {
                sheet.cut.push(format!(
                    "cell {}{} holds more than {MAX_CELL_CHARS} characters; the rest is left out",
                    super::letter(column),
                    row + 1
                ));
                content = content.chars().take(MAX_CELL_CHARS).collect();
            }
            text += content.len();
            if text > MAX_TEXT {
                return Err(ReadError::TooMuchText);
            }
            if matches!(value, DataRef::Int(_) | DataRef::Float(_)) {
                sheet.numbers.insert((row, column));
            }
            if sheet.rows.len() <= row {
                sheet.rows.resize(row + 1, Vec::new());
            }
            let cells = &mut sheet.rows[row];
            if cells.len() <= column {
                cells.resize(column + 1, String::new());
            }
            cells[column] = content;
        }
        if beyond > 0 {
            sheet.cut.push(format!(
                "{beyond} cell(s) beyond row {MAX_ROWS} or column {} are not read",
                super::letter(MAX_COLUMNS - 1)
            ));
        }
        sheets.push(sheet);
    }
    Ok(sheets)
}

/// The total size a ZIP archive's entries unpack to, as its central
/// directory says; `None` when the directory cannot be found or read. A
/// ZIP64 size (which no workbook of a status file's size needs) counts as
/// too large.
fn unpacked_size(bytes: &[u8]) -> Option<u64> {
    let u16_at = |at: usize| -> Option<u64> {
        bytes
            .get(at..at + 2)
            .map(|b| u64::from(u16::from_le_bytes([b[0], b[1]])))
    };
    let u32_at = |at: usize| -> Option<u64> {
        bytes
            .get(at..at + 4)
            .map(|b| u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]])))
    };
    // The end-of-directory record: its signature, within the last 64 KiB.
    let from = bytes.len().saturating_sub(22 + 65_535);
    let end = (from..=bytes.len().saturating_sub(22))
        .rev()
        .find(|&at| bytes.get(at..at + 4) == Some(b"PK\x05\x06"))?;
    let entries = u16_at(end + 10)?;
    let mut at = usize::try_from(u32_at(end + 16)?).ok()?;
    let mut total = 0u64;
    for _ in 0..entries {
        if bytes.get(at..at + 4) != Some(b"PK\x01\x02") {
            return None;
        }
        let size = u32_at(at + 24)?;
        if size == u64::from(u32::MAX) {
            return Some(u64::MAX);
        }
        total = total.saturating_add(size);
        let name = usize::try_from(u16_at(at + 28)?).ok()?;
        let extra = usize::try_from(u16_at(at + 30)?).ok()?;
        let comment = usize::try_from(u16_at(at + 32)?).ok()?;
        at = at.checked_add(46 + name + extra + comment)?;
    }
    Some(total)
}

/// A cell as text: numbers without a trailing `.0`, dates as YYYY-MM-DD
/// (in the workbook's own date system), booleans as `yes`/`no`, errors as
/// the spreadsheet shows them (`#REF!`).
fn cell_text(cell: &DataRef<'_>, epoch_1904: bool) -> String {
    match cell {
        DataRef::Empty => String::new(),
        DataRef::Error(err) => err.to_string(),
        DataRef::String(text) => text.clone(),
        DataRef::SharedString(text) => (*text).to_owned(),
        DataRef::Int(n) => n.to_string(),
        DataRef::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{f:.0}")
            } else {
                f.to_string()
            }
        }
        DataRef::Bool(b) => if *b { "yes" } else { "no" }.to_owned(),
        DataRef::DateTime(serial) => {
            let value = serial.as_f64();
            if value < 1.0 {
                // A time of day with no date: no date to read.
                return format!("{value} (a time, not a date)");
            }
            // Days since 1899-12-30 in the 1900 date system, 25,569 of them
            // before 1970-01-01; since 1904-01-01 in the 1904 system.
            let before_1970 = if epoch_1904 { 24_107 } else { 25_569 };
            let days = value.floor() as i64 - before_1970;
            Date::from_days(days).map_or_else(|| value.to_string(), |d| d.to_string())
        }
        DataRef::DateTimeIso(text) => text.get(..10).unwrap_or(text).to_owned(),
        DataRef::DurationIso(text) => text.clone(),
    }
}

/// A CSV file as one sheet named `name`: a leading byte-order mark is
/// dropped, and the delimiter is the one of `,` `;` tab `|` that splits the
/// first lines most evenly.
pub fn csv(name: &str, bytes: &[u8]) -> Result<Sheet, ReadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| ReadError::NotUtf8)?;
    let delimiter = sniff(text);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|err| ReadError::Csv(err.to_string()))?;
        rows.push(record.iter().map(str::to_owned).collect());
    }
    Ok(Sheet {
        name: name.to_owned(),
        rows,
        guarded: true,
        ..Sheet::default()
    })
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

    #[test]
    fn csv_in_any_common_delimiter_with_or_without_a_bom() {
        for (text, delimiter) in [
            ("id,status\nA.5.1,Implemented\n", ','),
            ("\u{feff}id;status\nA.5.1;Implemented\n", ';'),
            ("id\tstatus\nA.5.1\tImplemented\n", '\t'),
            ("id|status\n\"A.5.1\"|\"Implemented, mostly\"\n", '|'),
        ] {
            let sheet = csv("s.csv", text.as_bytes()).unwrap();
            assert_eq!(sheet.rows[0], ["id", "status"], "{delimiter:?}");
            assert_eq!(sheet.rows[1][0], "A.5.1");
        }
        let quoted = csv("s.csv", b"a,b\n\"x, y\",z\n").unwrap();
        assert_eq!(quoted.rows[1], ["x, y", "z"]);
        assert!(matches!(
            csv("s.csv", b"\xff\xfeid"),
            Err(ReadError::NotUtf8)
        ));
    }

    #[test]
    fn a_workbook_that_would_unpack_too_far_is_refused_before_unpacking() {
        let mut book = rust_xlsxwriter::Workbook::new();
        book.add_worksheet().write_string(0, 0, "Control").unwrap();
        let mut bytes = book.save_to_buffer().unwrap();
        let size = unpacked_size(&bytes).unwrap();
        assert!(size > 0 && size < MAX_UNPACKED, "{size}");
        assert_eq!(workbook(&bytes).unwrap()[0].rows[0], ["Control"]);
        // Declare one part 100 MiB unpacked, as a ZIP bomb would.
        let entry = bytes.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
        bytes[entry + 24..entry + 28].copy_from_slice(&(100u32 << 20).to_le_bytes());
        assert!(matches!(workbook(&bytes), Err(ReadError::TooLarge(_))));
        assert_eq!(unpacked_size(&bytes[..bytes.len() - 30]), None);
    }
}
