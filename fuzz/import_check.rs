//! The import fuzz target's check, shared with the test that replays its
//! findings (`tests/import_hostile.rs`), so that both hold an import to the
//! same rule: it fails, or every problem names its sheet and the written
//! status file passes `ims validate`.
//!
//! An input is read as the file itself (a CSV file, an XLSX or ODS workbook
//! when it starts like a ZIP archive, an XLS one when it starts like an OLE
//! compound file); or, so that mutations reach what is inside rather than
//! dying in the container:
//! - `IMSX` then the XML parts of an XLSX workbook (`workbook.xml`,
//!   `sharedStrings.xml`, then one part per sheet, separated by a 0xFF
//!   byte), zipped here;
//! - `IMSO` then an ODS workbook's `content.xml`, zipped here with the
//!   `mimetype` and manifest an ODS file has;
//! - `IMSB` then the records of an XLS workbook's `Workbook` stream, put
//!   here in an OLE compound file.

use std::io::Write as _;

use ims::import::{self, Options};
use ims::model::Catalog;

/// Imports `data` as the fuzz target does; `Err` says how the rule broke.
pub fn check(catalog: &Catalog, data: &[u8]) -> Result<(), String> {
    let built;
    let wrapped = if let Some(rest) = data.strip_prefix(b"IMSX") {
        let parts: Vec<&[u8]> = rest.split(|&b| b == 0xFF).collect();
        Some(zipped(&parts))
    } else if let Some(content) = data.strip_prefix(b"IMSO") {
        Some(ods(content))
    } else {
        data.strip_prefix(b"IMSB")
            .map(|stream| Some(compound(stream)))
    };
    let bytes = match wrapped {
        None => data,
        Some(None) => return Ok(()),
        Some(Some(book)) => {
            built = book;
            &built[..]
        }
    };
    // The name says nothing: the bytes decide how the file is read.
    let file = "fuzz.sheet";
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

/// An ODS workbook whose `content.xml` is `content`.
pub fn ods(content: &[u8]) -> Option<Vec<u8>> {
    let manifest = br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, data) in [
        (
            "mimetype",
            &b"application/vnd.oasis.opendocument.spreadsheet"[..],
        ),
        ("META-INF/manifest.xml", &manifest[..]),
        ("content.xml", content),
    ] {
        zip.start_file(name, stored).ok()?;
        zip.write_all(data).ok()?;
    }
    zip.finish().ok().map(std::io::Cursor::into_inner)
}

/// An OLE compound file (version 3, sectors of 512 bytes) holding one
/// stream, `Workbook`, of the bytes `stream`: the table of sectors first,
/// then the directory, then the stream, padded to 4096 bytes so that it
/// is not a small stream.
pub fn compound(stream: &[u8]) -> Vec<u8> {
    const END: u32 = 0xFFFF_FFFE;
    const FREE: u32 = 0xFFFF_FFFF;
    let mut data = stream.to_vec();
    data.resize(data.len().max(4096).div_ceil(512) * 512, 0);
    let sectors = data.len() / 512;
    // Sectors of the table, each naming 128: itself, the directory and the stream.
    let mut tables = 1;
    while tables * 128 < tables + 1 + sectors {
        tables += 1;
    }
    let mut fat: Vec<u32> = vec![0xFFFF_FFFD; tables];
    fat.push(END);
    for n in 0..sectors {
        let id = (tables + 1 + n) as u32;
        fat.push(if n + 1 == sectors { END } else { id + 1 });
    }
    fat.resize(tables * 128, FREE);
    let mut out = Vec::new();
    out.extend(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
    out.extend([0u8; 16]);
    for word in [0x003Eu16, 3, 0xFFFE, 9, 6] {
        out.extend(word.to_le_bytes());
    }
    out.extend([0u8; 6]);
    for word in [0u32, tables as u32, tables as u32, 0, 4096, END, 0, END, 0] {
        out.extend(word.to_le_bytes());
    }
    for n in 0..109 {
        out.extend(if n < tables { n as u32 } else { FREE }.to_le_bytes());
    }
    for word in fat {
        out.extend(word.to_le_bytes());
    }
    let entry = |name: &str, kind: u8, child: u32, start: u32, size: u32| {
        let mut entry = vec![0u8; 128];
        let units: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        entry[..units.len()].copy_from_slice(&units);
        entry[64..66].copy_from_slice(&((units.len() + 2) as u16).to_le_bytes());
        entry[66] = kind;
        entry[68..72].copy_from_slice(&FREE.to_le_bytes());
        entry[72..76].copy_from_slice(&FREE.to_le_bytes());
        entry[76..80].copy_from_slice(&child.to_le_bytes());
        entry[116..120].copy_from_slice(&start.to_le_bytes());
        entry[120..124].copy_from_slice(&size.to_le_bytes());
        entry
    };
    out.extend(entry("Root Entry", 5, 1, END, 0));
    out.extend(entry(
        "Workbook",
        2,
        FREE,
        (tables + 1) as u32,
        data.len() as u32,
    ));
    out.extend(vec![0u8; 256]);
    out.extend(data);
    out
}
