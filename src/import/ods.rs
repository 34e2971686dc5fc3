//! Reading an ODS workbook (OpenDocument, what LibreOffice saves) into
//! sheets: the ZIP directory and `content.xml` checked first, then the
//! cells read through calamine (formula cells give their stored value;
//! nothing is ever run).
//!
//! calamine reads an ODS sheet whole: every cell from the first filled
//! one to the last, blanks between included, and a cell the file marks
//! as repeated is copied that many times. A file of a few kilobytes can
//! so ask for gigabytes. The check counts what calamine would build, the
//! way it reads, and refuses a sheet that spreads past [`MAX_CELLS`]
//! cells, or text that grows past [`MAX_TEXT`], before calamine starts.

use std::io::{BufReader, Cursor, Read};

use calamine::Reader;
use quick_xml::events::{BytesStart, Event};

use super::book;
use super::read::{Format, MAX_CELLS, MAX_TEXT, MAX_UNPACKED, ReadError, Sheet};
use super::xlsx::{attribute, check_size};

/// What an ODS workbook's `mimetype` entry holds.
const MIMETYPE: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";

/// The last row and column calamine reads from an ODS sheet.
const LAST_ROW: u64 = 1_048_576;
const LAST_COLUMN: u64 = 16_384;

/// The `mimetype` of an OpenDocument file that is not a spreadsheet (a
/// text, a presentation, ...), which no reader of ims takes: said as what
/// it is rather than as a workbook that cannot be read.
pub fn other_document(bytes: &[u8]) -> Option<String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let entry = archive.by_name("mimetype").ok()?;
    let mut head = Vec::new();
    entry.take(100).read_to_end(&mut head).ok()?;
    let mimetype = String::from_utf8(head).ok()?;
    (mimetype.starts_with("application/vnd.oasis.opendocument.") && mimetype.as_bytes() != MIMETYPE)
        .then_some(mimetype)
}

/// Whether `bytes`, a ZIP archive, is an ODS workbook: its `mimetype`
/// entry says so, whatever the file is named.
pub fn is_ods(bytes: &[u8]) -> bool {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return false;
    };
    let Ok(entry) = archive.by_name("mimetype") else {
        return false;
    };
    let mut head = Vec::new();
    entry
        .take(MIMETYPE.len() as u64 + 1)
        .read_to_end(&mut head)
        .is_ok()
        && head == MIMETYPE
}

/// Every sheet of an ODS workbook, in workbook order.
pub fn workbook(bytes: &[u8]) -> Result<Vec<Sheet>, ReadError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(ReadError::workbook(
        Format::Ods,
        Some("its ZIP directory cannot be read"),
    ))?;
    check_size(&mut archive, Format::Ods)?;
    if let Ok(content) = archive.by_name("content.xml") {
        check_content(BufReader::new(content.take(MAX_UNPACKED)))?;
    }
    let mut book: calamine::Ods<_> = match calamine::Ods::new(Cursor::new(bytes)) {
        Ok(book) => book,
        Err(calamine::OdsError::Password) => return Err(ReadError::Encrypted),
        Err(err) => return Err(ReadError::workbook(Format::Ods, None)(err)),
    };
    let metadata = book::metadata(book.sheets_metadata());
    book::each_sheet(&metadata, |name, builder, budget| {
        let range = book
            .worksheet_range(name)
            .map_err(ReadError::workbook(Format::Ods, None))?;
        // ODS dates are written as dates, not as serial numbers.
        book::put_range(builder, budget, &range, false)
    })
}

/// What calamine would build of one sheet, counted as it reads.
#[derive(Default)]
struct Count {
    /// The sheet's name.
    name: String,
    /// Rows read so far, repeats included, as calamine caps them.
    rows: u64,
    /// The first and last row (repeats included) with a filled cell.
    filled_rows: Option<(u64, u64)>,
    /// The first and last column with a filled cell.
    filled_columns: Option<(u64, u64)>,
}

impl Count {
    /// The cells calamine holds for the sheet: every one between the
    /// first filled cell and the last.
    fn spread(&self) -> (u64, u64) {
        match (self.filled_rows, self.filled_columns) {
            (Some((top, bottom)), Some((left, right))) => (bottom - top + 1, right - left + 1),
            _ => (0, 0),
        }
    }
}

/// Refuses a `content.xml` whose sheets calamine would spread past
/// [`MAX_CELLS`] cells, or whose text it would grow past [`MAX_TEXT`]. A
/// part calamine cannot parse is left to calamine, which reports it.
fn check_content(source: impl std::io::BufRead) -> Result<(), ReadError> {
    let mut xml = quick_xml::Reader::from_reader(source);
    // Read as calamine reads.
    let config = xml.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    let mut buf = Vec::new();
    let mut cells = 0u64;
    // What the sheets before this one spread over: calamine holds them all
    // at once.
    let mut before = 0u64;
    let mut text = 0u64;
    let mut sheet: Option<Count> = None;
    // Columns read so far in the row being read, its repeats, and the
    // blank cells not yet stored (calamine stores them only when a filled
    // cell follows).
    let mut row: Option<(u64, u64, u64)> = None;
    // Whether a sheet is open: calamine reads a sheet up to its end tag,
    // and reads on for ever when there is none.
    let mut open = false;
    loop {
        buf.clear();
        let Ok(event) = xml.read_event_into(&mut buf) else {
            return Ok(());
        };
        match event {
            Event::Eof if open => {
                return Err(ReadError::Damaged(
                    Format::Ods,
                    "content.xml: a sheet is never closed; the file is cut short or damaged"
                        .to_owned(),
                ));
            }
            Event::Eof => return Ok(()),
            Event::Start(e) if sheet.is_none() && e.name().as_ref() == "table:table" => {
                open = true;
                if let Some(name) = attribute(&e, "table:name") {
                    sheet = Some(Count {
                        name,
                        ..Count::default()
                    });
                }
            }
            Event::End(e) if row.is_none() && e.name().as_ref() == "table:table" => {
                open = false;
                if let Some(count) = sheet.take() {
                    let (rows, columns) = count.spread();
                    before = before.saturating_add(rows.saturating_mul(columns));
                }
            }
            Event::Start(e) if sheet.is_some() && row.is_none() => {
                if e.name().as_ref() == "table:table-row"
                    && let Some(count) = &mut sheet
                {
                    let repeats = number(&e, "table:number-rows-repeated")
                        .min(LAST_ROW.saturating_sub(count.rows));
                    row = Some((0, repeats, 0));
                }
            }
            Event::End(e) if row.is_some() && e.name().as_ref() == "table:table-row" => {
                if let (Some((_, repeats, _)), Some(count)) = (row.take(), &mut sheet) {
                    count.rows += repeats;
                }
            }
            Event::Start(e)
                if row.is_some()
                    && matches!(
                        e.name().as_ref(),
                        "table:table-cell" | "table:covered-table-cell"
                    ) =>
            {
                let (Some((columns, repeats, blanks)), Some(count)) = (&mut row, &mut sheet) else {
                    return Ok(());
                };
                let Some((filled, length)) = cell(&mut xml, &e) else {
                    return Ok(());
                };
                let stored_blanks = (*blanks).min(LAST_COLUMN.saturating_sub(*columns));
                let at = *columns + stored_blanks;
                let copies =
                    number(&e, "table:number-columns-repeated").min(LAST_COLUMN.saturating_sub(at));
                if filled {
                    *columns = at + copies;
                    *blanks = 0;
                    cells = cells.saturating_add(stored_blanks + copies);
                    // Each copy of the row copies the cell's text again.
                    text = text.saturating_add(
                        length
                            .saturating_mul(copies)
                            .saturating_mul((*repeats).max(1)),
                    );
                    if copies > 0 && *repeats > 0 {
                        let rows = (count.rows, count.rows + *repeats - 1);
                        count.filled_rows =
                            Some(count.filled_rows.map_or(rows, |(top, _)| (top, rows.1)));
                        let span = (at, at + copies - 1);
                        count.filled_columns = Some(
                            count
                                .filled_columns
                                .map_or(span, |(l, r)| (l.min(span.0), r.max(span.1))),
                        );
                    }
                } else {
                    *columns = at;
                    *blanks = copies;
                }
                let (rows, columns) = count.spread();
                let spread = rows.saturating_mul(columns);
                if spread.saturating_add(before) > MAX_CELLS as u64 || cells > MAX_CELLS as u64 {
                    return Err(ReadError::TooSpread {
                        format: Format::Ods,
                        sheet: count.name.clone(),
                        rows,
                        columns,
                    });
                }
                if text > MAX_TEXT as u64 {
                    return Err(ReadError::TooMuchText);
                }
            }
            _ => {}
        }
    }
}

/// Reads one cell, from its start tag to its end, as calamine reads it:
/// whether it is filled, and how long its text is. `None` where calamine
/// would stop with an error.
fn cell<R: std::io::BufRead>(
    xml: &mut quick_xml::Reader<R>,
    start: &BytesStart<'_>,
) -> Option<(bool, u64)> {
    let mut valued = false;
    let mut string = false;
    let mut length = 0u64;
    for attr in start.attributes().with_checks(false).flatten() {
        match attr.key.as_ref() {
            "office:value"
            | "office:string-value"
            | "office:date-value"
            | "office:time-value"
            | "office:boolean-value"
            | "table:formula" => {
                valued = true;
                length = length.saturating_add(attr.value.len() as u64);
            }
            "office:value-type" => string |= attr.value.as_ref() == "string",
            _ => {}
        }
    }
    let name = start.name().as_ref().to_owned();
    let mut buf = Vec::new();
    let mut depth = 0usize;
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf).ok()? {
            Event::Eof => return None,
            Event::End(e) if depth == 0 && e.name().as_ref() == name => break,
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Start(e) => {
                depth += 1;
                if e.name().as_ref() == "text:s" {
                    length = length.saturating_add(number(&e, "text:c"));
                } else {
                    length = length.saturating_add(1);
                }
            }
            Event::Text(t) => length = length.saturating_add(t.len() as u64),
            _ => length = length.saturating_add(1),
        }
    }
    Some((valued || string, length))
}

/// A count an attribute gives, 1 when it gives none; the largest when the
/// element names the attribute more than once, since a reader may take
/// any of them.
fn number(element: &BytesStart<'_>, key: &str) -> u64 {
    let counts: Vec<u64> = element
        .attributes()
        .with_checks(false)
        .flatten()
        .filter(|a| a.key.as_ref() == key)
        .map(|a| a.value.trim().parse::<u64>().unwrap_or(u64::MAX))
        .collect();
    counts.into_iter().max().unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content(rows: &str) -> String {
        format!(
            r#"<office:document-content><office:body><office:spreadsheet><table:table table:name="SoA">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
        )
    }

    const FILLED: &str =
        r#"<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>"#;

    #[test]
    fn blank_cells_repeated_to_the_last_column_cost_nothing() {
        let row = r#"<table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#;
        assert!(check_content(content(row).as_bytes()).is_ok());
    }

    #[test]
    fn a_sheet_spread_past_the_limit_is_refused_before_calamine_reads_it() {
        // Two filled cells, far apart: calamine would hold every cell between.
        let rows = format!(
            r#"<table:table-row>{FILLED}</table:table-row><table:table-row table:number-rows-repeated="100000"><table:table-cell/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="99"/>{FILLED}</table:table-row>"#
        );
        let err = check_content(content(&rows).as_bytes()).unwrap_err();
        assert!(
            err.to_string()
                .contains("sheet \"SoA\" spreads its cells over 100002 rows and 100 columns; ims reads at most 1000000 cells from an ODS workbook"),
            "{err}"
        );
        // A filled cell repeated along a repeated row is as many cells.
        let rows = r#"<table:table-row table:number-rows-repeated="1048576"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16384"/></table:table-row>"#;
        assert!(matches!(
            check_content(content(rows).as_bytes()),
            Err(ReadError::TooSpread { .. })
        ));
    }

    #[test]
    fn the_sheets_of_a_workbook_share_the_limit() {
        let tall = format!(
            r#"<table:table-row>{FILLED}</table:table-row><table:table-row table:number-rows-repeated="600000"><table:table-cell/></table:table-row><table:table-row>{FILLED}</table:table-row>"#
        );
        let one = content(&tall);
        assert!(check_content(one.as_bytes()).is_ok());
        let two = one.replace(
            "</table:table>",
            &format!(r#"</table:table><table:table table:name="Second">{tall}</table:table>"#),
        );
        let err = check_content(two.as_bytes()).unwrap_err();
        assert!(err.to_string().starts_with("sheet \"Second\""), "{err}");
    }

    #[test]
    fn a_sheet_never_closed_is_refused_since_calamine_would_read_on_for_ever() {
        let cut = content(&format!("<table:table-row>{FILLED}</table:table-row>"));
        let cut = cut.split("</table:table>").next().unwrap();
        let err = check_content(cut.as_bytes()).unwrap_err();
        assert!(err.to_string().contains("a sheet is never closed"), "{err}");
    }

    #[test]
    fn text_that_repeats_grows_past_the_limit_is_refused() {
        let rows = r#"<table:table-row><table:table-cell office:value-type="string"><text:p><text:s text:c="4000000000"/></text:p></table:table-cell></table:table-row>"#;
        assert!(matches!(
            check_content(content(rows).as_bytes()),
            Err(ReadError::TooMuchText)
        ));
    }
}
