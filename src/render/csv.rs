//! CSV for spreadsheets: RFC 4180 quoting and CRLF line ends from the `csv`
//! crate, never hand-rolled, and the formula guard that keeps a cell from
//! running in a spreadsheet.

use super::Rendered;

/// The first characters of text a spreadsheet would run as a formula.
pub const RUNS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Neutralises a CSV cell that a spreadsheet would run as a formula
/// (OWASP "CSV injection"): a leading `=`, `+`, `-`, `@`, tab or carriage
/// return gets a leading apostrophe, which spreadsheets show as text.
pub fn csv_cell(text: &str) -> String {
    // Text that already looks guarded (apostrophes, then what would run)
    // gets one more, so that taking one guard off gives the text as it was.
    if text.trim_start_matches('\'').starts_with(RUNS) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// A cell without the guard [`csv_cell`] put on it: its exact inverse.
pub fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(RUNS) => rest,
        _ => cell,
    }
}

/// A CSV document: the header, then the rows.
pub fn document(header: &[&str], rows: Vec<Vec<String>>) -> Rendered {
    let header: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
    records(std::iter::once(header).chain(rows))
}

/// CSV records without a header, for streaming after one.
pub fn records(rows: impl IntoIterator<Item = Vec<String>>) -> Rendered {
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for row in rows {
        writer.write_record(row.iter().map(|cell| csv_cell(cell)))?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|err| ::csv::Error::from(err.into_error()))?;
    // Every cell is a Rust string, so the bytes are UTF-8.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised_and_stay_readable() {
        for text in ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx"] {
            let cell = csv_cell(text);
            assert!(cell.starts_with('\''), "{text:?}");
            assert_eq!(&cell[1..], text);
        }
        assert_eq!(csv_cell("A.5.1"), "A.5.1");
        assert_eq!(csv_cell("a=b"), "a=b");
        // Taking the guard off gives back any text, even text that looks
        // guarded already.
        for text in ["'=x", "''=x", "=x", "'x", "''", "'", "x", "'''@y"] {
            assert_eq!(unguard(&csv_cell(text)), text, "{text:?}");
        }
        assert_eq!(csv_cell("'=x"), "''=x");
        assert_eq!(csv_cell("''=x"), "'''=x");
    }

    #[test]
    fn csv_quotes_per_rfc_4180() {
        let text = document(&["a", "b"], vec![vec!["x, y".into(), "say \"hi\"".into()]]).unwrap();
        assert_eq!(text, "a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n");
    }
}
