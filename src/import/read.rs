//! Reading a spreadsheet into sheets of text cells: XLSX through calamine
//! (formula cells give their stored value; nothing is ever run), CSV in
//! UTF-8 with or without a byte-order mark, in whichever common delimiter
//! the file uses.

use std::io::Cursor;

use calamine::{Data, Reader};

use crate::date::Date;

/// One sheet: its name and its rows of cells, as text.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The sheet's name; the file name for a CSV file.
    pub name: String,
    /// The rows, top to bottom; cells as written (line ends inside a cell
    /// matter: evidence and its dates are one per line).
    pub rows: Vec<Vec<String>>,
}

/// Why a spreadsheet could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The workbook is damaged or not a workbook.
    #[error("not a readable XLSX workbook: {0}")]
    Workbook(String),
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

/// Every sheet of an XLSX workbook, in workbook order.
pub fn workbook(bytes: &[u8]) -> Result<Vec<Sheet>, ReadError> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|err| ReadError::Workbook(err.to_string()))?;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|err| ReadError::Workbook(err.to_string()))?;
        // Rows and columns are counted from A1, whatever the used range.
        let (top, left) = range.start().unwrap_or((0, 0));
        let top = top as usize;
        let left = left as usize;
        let mut rows: Vec<Vec<String>> = vec![Vec::new(); top];
        for row in range.rows() {
            let mut cells: Vec<String> = vec![String::new(); left];
            cells.extend(row.iter().map(cell_text));
            rows.push(cells);
        }
        sheets.push(Sheet { name, rows });
    }
    Ok(sheets)
}

/// A cell as text: numbers without a trailing `.0`, dates as YYYY-MM-DD,
/// booleans as `yes`/`no`, errors as empty.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(text) => text.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{f:.0}")
            } else {
                f.to_string()
            }
        }
        Data::Bool(b) => if *b { "yes" } else { "no" }.to_owned(),
        Data::DateTime(serial) => {
            // Days since 1899-12-30 in Excel's usual 1900 date system;
            // 25,569 of them fall before 1970-01-01.
            let days = serial.as_f64().floor() as i64 - 25_569;
            Date::from_days(days).map_or_else(|| serial.to_string(), |d| d.to_string())
        }
        Data::DateTimeIso(text) => text.get(..10).unwrap_or(text).to_owned(),
        Data::DurationIso(text) => text.clone(),
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
}
