//! Reading an XLSX workbook into sheets: the ZIP directory and every XML
//! part checked first (sizes, cell references, shared-string indices),
//! then the cells read through calamine, cell by cell (formula cells give
//! their stored value; nothing is ever run).
//!
//! The check comes first because calamine trusts what it reads: a row
//! number past 4,294,967,295 wraps round onto row 1, and a shared-string
//! index that is no number reads string 0. A workbook a spreadsheet program
//! wrote never holds either, so one that does is refused, located.

use std::io::{BufReader, Cursor, Read};

use calamine::{DataRef, Reader};
use quick_xml::events::{BytesStart, Event};

use super::book;
use super::read::{Cell, Format, MAX_UNPACKED, ReadError, Sheet};

/// The last row and column a spreadsheet has: 1,048,576 and XFD.
const LAST_ROW: u64 = 1_048_576;
const LAST_COLUMN: u64 = 16_384;

/// Every sheet of an XLSX workbook, in workbook order, read cell by cell so
/// that a stray cell far away costs nothing. A hidden sheet is marked; of
/// two sheets with one name only the first can be read, and the second
/// says so.
pub fn workbook(bytes: &[u8]) -> Result<Vec<Sheet>, ReadError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(ReadError::workbook(
        Format::Xlsx,
        Some("its ZIP directory cannot be read"),
    ))?;
    check_size(&mut archive, Format::Xlsx)?;
    check_parts(&mut archive)?;
    let bad = |err: calamine::XlsxError| ReadError::workbook(Format::Xlsx, None)(err);
    let mut book: calamine::Xlsx<_> = calamine::Xlsx::new(Cursor::new(bytes)).map_err(bad)?;
    let epoch_1904 = book.has_1904_epoch();
    let metadata = book::metadata(book.sheets_metadata());
    book::each_sheet(&metadata, |name, builder, budget| {
        let mut reader = book.worksheet_cells_reader(name).map_err(bad)?;
        while let Some(cell) = reader.next_cell().map_err(bad)? {
            let (row, column) = cell.get_position();
            let value = cell.get_value();
            let cell = Cell {
                at: (row as usize, column as usize),
                text: book::cell_text(value, epoch_1904),
                number: matches!(value, DataRef::Int(_) | DataRef::Float(_)),
            };
            builder.put(budget, cell)?;
        }
        Ok(())
    })
}

/// Refuses an archive whose entries unpack, as its directory says, to more
/// than [`MAX_UNPACKED`], before anything is unpacked.
pub(super) fn check_size<R: Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    format: Format,
) -> Result<(), ReadError> {
    let unpacked = unpacked_size(archive, format)?;
    if unpacked > MAX_UNPACKED {
        return Err(ReadError::TooLarge(unpacked / (1024 * 1024)));
    }
    Ok(())
}

/// The total size the archive's entries unpack to, as its directory says.
fn unpacked_size<R: Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    format: Format,
) -> Result<u64, ReadError> {
    let mut total = 0u64;
    for index in 0..archive.len() {
        let entry = archive.by_index_raw(index).map_err(ReadError::workbook(
            format,
            Some("its ZIP directory cannot be read"),
        ))?;
        total = total.saturating_add(entry.size());
    }
    Ok(total)
}

/// Checks every XML part of the archive for what calamine would misread.
/// A part that cannot be unpacked or parsed is left to calamine, which
/// reports it if it needs the part.
fn check_parts<R: Read + std::io::Seek>(archive: &mut zip::ZipArchive<R>) -> Result<(), ReadError> {
    for index in 0..archive.len() {
        let Ok(entry) = archive.by_index(index) else {
            continue;
        };
        let Ok(part) = entry.name().map(|name| name.into_owned()) else {
            continue;
        };
        if !part.to_ascii_lowercase().ends_with(".xml") {
            continue;
        }
        check_part(&part, BufReader::new(entry.take(MAX_UNPACKED)))?;
    }
    Ok(())
}

/// What one part holds that no spreadsheet program writes: a cell or row
/// reference beyond the last row or column, a range that ends before it
/// starts, a shared-string index that is no number.
fn check_part(part: &str, source: impl std::io::BufRead) -> Result<(), ReadError> {
    let mut xml = quick_xml::Reader::from_reader(source);
    // Read as calamine reads, so that what it tolerates (an end tag that
    // names another element, a malformed comment) cannot end the check
    // early and let a later reference through unchecked.
    let config = xml.config_mut();
    config.check_end_names = false;
    config.check_comments = false;
    let mut buf = Vec::new();
    // The cell being read when it is typed as a shared string, and the
    // text of its value so far.
    let mut shared: Option<String> = None;
    let mut value: Option<String> = None;
    let damaged = |what: String| ReadError::Damaged(Format::Xlsx, format!("{part}: {what}"));
    loop {
        buf.clear();
        let event = match xml.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => return Ok(()),
            Ok(event) => event,
        };
        let start = matches!(event, Event::Start(_));
        match event {
            Event::Start(element) | Event::Empty(element) => {
                let name = element.local_name();
                match name.as_ref() {
                    "dimension" => {
                        if let Some(range) = attribute(&element, "ref") {
                            check_range(&range).map_err(damaged)?;
                        }
                    }
                    "row" => {
                        if let Some(row) = attribute(&element, "r") {
                            check_row(&row).map_err(damaged)?;
                        }
                    }
                    "c" => {
                        let reference = attribute(&element, "r");
                        if let Some(reference) = &reference {
                            check_cell(reference).map_err(damaged)?;
                        }
                        let typed = attribute(&element, "t");
                        if start && typed.as_deref() == Some("s") {
                            shared = Some(reference.unwrap_or_else(|| "a cell".to_owned()));
                        }
                    }
                    "v" if start && shared.is_some() => value = Some(String::new()),
                    _ => {}
                }
            }
            Event::Text(text) => {
                if let Some(value) = &mut value {
                    value.push_str(text.as_ref());
                }
            }
            // An entity in an index (`&#49;`) is no plain number either.
            Event::GeneralRef(_) | Event::CData(_) => {
                if let Some(value) = &mut value {
                    value.push('&');
                }
            }
            Event::End(element) => match element.local_name().as_ref() {
                "v" => {
                    if let (Some(cell), Some(index)) = (&shared, value.take())
                        && !index.trim().bytes().all(|b| b.is_ascii_digit())
                    {
                        return Err(damaged(format!(
                            "cell {cell} refers to the shared string `{}`, which is no index into the workbook's strings",
                            crate::terminal::shorten(&index, 40)
                        )));
                    }
                }
                "c" => {
                    shared = None;
                    value = None;
                }
                _ => {}
            },
            _ => {}
        }
    }
}

/// The raw text of an attribute named exactly `key`, as calamine reads it.
pub(super) fn attribute(element: &BytesStart<'_>, key: &str) -> Option<String> {
    element
        .attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .map(|a| a.value.into_owned())
}

/// A row and column from a reference such as `B12`, each from 1; an error
/// for anything a spreadsheet could not hold.
fn position(reference: &str) -> Result<(u64, u64), String> {
    let digits = reference
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(reference.len());
    let (letters, number) = reference.split_at(digits);
    let wrong = || {
        format!(
            "the cell reference `{}` is beyond the last row ({LAST_ROW}) or column (XFD) a spreadsheet has, or malformed; a spreadsheet program never writes it",
            crate::terminal::shorten(reference, 40)
        )
    };
    if letters.len() > 3 || !letters.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(wrong());
    }
    let column = letters.bytes().fold(0u64, |n, b| {
        n * 26 + u64::from(b.to_ascii_uppercase() - b'A') + 1
    });
    let row = if number.len() > 7 || !number.bytes().all(|b| b.is_ascii_digit()) {
        return Err(wrong());
    } else {
        number.parse::<u64>().unwrap_or(0)
    };
    if column > LAST_COLUMN || row > LAST_ROW || (row == 0 && !number.is_empty()) {
        return Err(wrong());
    }
    Ok((row, column))
}

fn check_cell(reference: &str) -> Result<(), String> {
    match position(reference)? {
        (0, _) | (_, 0) => Err(format!(
            "the cell reference `{}` names no cell",
            crate::terminal::shorten(reference, 40)
        )),
        _ => Ok(()),
    }
}

fn check_row(row: &str) -> Result<(), String> {
    match row.parse::<u64>() {
        Ok(1..=LAST_ROW) => Ok(()),
        _ => Err(format!(
            "the row number `{}` is beyond the last row ({LAST_ROW}) a spreadsheet has, or malformed",
            crate::terminal::shorten(row, 40)
        )),
    }
}

fn check_range(range: &str) -> Result<(), String> {
    let ends: Vec<&str> = range.split(':').collect();
    let mut positions = Vec::new();
    for end in &ends {
        positions.push(position(end)?);
    }
    if let [(row1, column1), (row2, column2)] = positions[..]
        && (row2 < row1 || column2 < column1)
    {
        return Err(format!(
            "the range `{}` ends before it starts",
            crate::terminal::shorten(range, 40)
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_no_spreadsheet_writes_are_refused() {
        assert_eq!(position("A1"), Ok((1, 1)));
        assert_eq!(position("XFD1048576"), Ok((1_048_576, 16_384)));
        for bad in [
            "A4294967298",
            "A1048577",
            "XFE1",
            "AAAAAAAAAAAAAAA1",
            "A-1",
            "1A",
        ] {
            assert!(position(bad).is_err(), "{bad}");
        }
        assert!(check_range("B2:A1").is_err());
        assert!(check_range("A1:B2").is_ok());
        assert!(check_row("0").is_err());
        assert!(check_row("4294967297").is_err());
    }

    #[test]
    fn what_calamine_tolerates_does_not_end_the_check() {
        for tolerated in ["<v>1</x>", "<!-- a -- b -->"] {
            let part = format!(
                r#"<worksheet><sheetData><row r="1"><c r="A1">{tolerated}</c><c r="ssssssssF1"/></row></sheetData></worksheet>"#
            );
            let err = check_part("sheet1.xml", part.as_bytes()).unwrap_err();
            assert!(err.to_string().contains("ssssssssF1"), "{tolerated}: {err}");
        }
    }

    #[test]
    fn a_shared_string_index_that_is_no_number_is_refused() {
        let part = |v: &str| {
            format!(
                r#"<worksheet><sheetData><row r="1"><c r="B1" t="s"><v>{v}</v></c></row></sheetData></worksheet>"#
            )
        };
        assert!(check_part("sheet1.xml", part("3").as_bytes()).is_ok());
        for bad in ["-1", "abc", "&#49;"] {
            let err = check_part("sheet1.xml", part(bad).as_bytes()).unwrap_err();
            assert!(
                err.to_string()
                    .contains("sheet1.xml: cell B1 refers to the shared string"),
                "{bad}: {err}"
            );
        }
    }
}
