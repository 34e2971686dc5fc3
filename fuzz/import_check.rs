//! The import fuzz target's check, shared with the test that replays its
//! findings (`tests/import_hostile.rs`), so that both hold an import to the
//! same rule: it fails, or every problem names its sheet and the written
//! status file passes `ims validate`.
//!
//! An input is read as the file itself (a CSV file, or a workbook when it
//! starts like a ZIP archive); or, when it starts with `IMSX`, as the XML
//! parts of a workbook (`workbook.xml`, `sharedStrings.xml`, then one part
//! per sheet, separated by a 0xFF byte), zipped here, so that mutations
//! reach the XML reading rather than dying in the ZIP layer.

use std::io::Write as _;

use ims::import::{self, Options, read};
use ims::model::Catalog;

/// Imports `data` as the fuzz target does; `Err` says how the rule broke.
pub fn check(catalog: &Catalog, data: &[u8]) -> Result<(), String> {
    let built;
    let bytes = match data.strip_prefix(b"IMSX") {
        Some(rest) => {
            let parts: Vec<&[u8]> = rest.split(|&b| b == 0xFF).collect();
            let Some(book) = zipped(&parts) else {
                return Ok(());
            };
            built = book;
            &built[..]
        }
        None => data,
    };
    let file = if read::is_workbook(bytes) {
        "fuzz.xlsx"
    } else {
        "fuzz.csv"
    };
    let Ok(sheets) = import::sheets(file, bytes) else {
        // A file that cannot be read is one problem about the whole file.
        return Ok(());
    };
    let Ok(imported) = import::import(catalog, file, &sheets, &Options::default()) else {
        return Ok(());
    };
    for problem in &imported.problems {
        if problem
            .sheet
            .as_ref()
            .is_none_or(|s| s.name.trim().is_empty())
            || problem.message.is_empty()
        {
            return Err(format!("a problem that does not say where: {problem:?}"));
        }
    }
    if imported.entries.is_empty() && imported.additional.is_empty() {
        return Ok(());
    }
    let text = import::write::render(catalog, &imported);
    match ims::status::load("fuzz.yaml", &text, catalog) {
        Ok(_) => Ok(()),
        Err(err) => Err(format!(
            "the imported file does not validate: {:?}\n{text}",
            err.0.first()
        )),
    }
}

/// A workbook whose XML parts are `parts`: the workbook, the shared
/// strings, then the sheets.
fn zipped(parts: &[&[u8]]) -> Option<Vec<u8>> {
    let [workbook, strings, sheets @ ..] = parts else {
        return None;
    };
    let mut types = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#,
    );
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#,
    );
    for n in 1..=sheets.len() {
        types.push_str(&format!(r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#));
        rels.push_str(&format!(r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#));
    }
    types.push_str("</Types>");
    rels.push_str("</Relationships>");
    let root = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    let mut files: Vec<(String, &[u8])> = vec![
        ("[Content_Types].xml".to_owned(), types.as_bytes()),
        ("_rels/.rels".to_owned(), root.as_bytes()),
        ("xl/workbook.xml".to_owned(), workbook),
        ("xl/_rels/workbook.xml.rels".to_owned(), rels.as_bytes()),
        ("xl/sharedStrings.xml".to_owned(), strings),
    ];
    for (n, sheet) in sheets.iter().enumerate() {
        files.push((format!("xl/worksheets/sheet{}.xml", n + 1), sheet));
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, data) in files {
        zip.start_file(name, stored).ok()?;
        zip.write_all(data).ok()?;
    }
    zip.finish().ok().map(std::io::Cursor::into_inner)
}
