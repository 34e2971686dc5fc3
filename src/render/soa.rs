//! The Statement of Applicability as CSV, Markdown and a styled XLSX workbook.

use std::borrow::Cow;
use std::fmt::Write as _;

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, XlsxError,
};

use super::{csv_document, md_cell, status_label};
use crate::analysis::soa::{SoaReport, SoaRow};
use crate::status::Status;

/// Column headings, shared by every format.
pub const HEADER: &[&str] = &[
    "Control",
    "Title",
    "Theme",
    "Applicable",
    "Justification for inclusion or exclusion",
    "Implementation status",
    "How it is implemented",
    "Reused from other standards",
    "Evidence",
    "Owner",
    "Last review",
    "Due",
];

/// The cells of one row, as text, in `HEADER` order.
fn cells(row: &SoaRow) -> [String; 12] {
    let reused: Vec<String> = row
        .reused
        .iter()
        .map(|r| {
            format!(
                "{} {} {} ({}), {}",
                r.standard,
                r.id,
                r.title,
                r.status,
                super::extent(r.weight)
            )
        })
        .collect();
    let evidence: Vec<String> = row
        .evidence
        .iter()
        .map(|e| match e.date {
            Some(date) => format!("{} ({date})", e.reference),
            None => e.reference.clone(),
        })
        .collect();
    let mut status = status_label(row.status).to_owned();
    if let Some(heading) = &row.inherited_from {
        status.push_str(&format!(" (from {heading})"));
    }
    [
        row.id.clone(),
        row.title.clone(),
        format!("{} {}", row.theme, row.theme_title),
        row.applicable.label().to_owned(),
        row.justification.clone().unwrap_or_default(),
        status,
        row.implementation.clone().unwrap_or_default(),
        reused.join("; "),
        evidence.join("; "),
        row.owner.clone().unwrap_or_default(),
        row.last_review.map(|d| d.to_string()).unwrap_or_default(),
        row.due.map(|d| d.to_string()).unwrap_or_default(),
    ]
}

/// CSV, RFC 4180, formula cells neutralised.
pub fn csv(report: &SoaReport) -> String {
    csv_document(
        HEADER,
        report.rows.iter().map(|row| cells(row).to_vec()).collect(),
    )
}

/// A Markdown document with a short header and the full table.
pub fn markdown(report: &SoaReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Statement of Applicability: {}\n",
        md_cell(&report.organisation)
    );
    let _ = writeln!(out, "| | |\n|---|---|");
    let _ = writeln!(out, "| Standard | {} |", md_cell(&report.standard_name));
    if let Some(scope) = &report.scope {
        let _ = writeln!(out, "| Scope | {} |", md_cell(scope));
    }
    if let Some(date) = report.assessed {
        let _ = writeln!(out, "| Assessed | {date} |");
    }
    let s = &report.summary;
    let _ = writeln!(
        out,
        "| Controls | {} in all: {} applicable ({} implemented), {} excluded, {} not decided |\n",
        s.controls, s.applicable, s.implemented, s.excluded, s.undecided
    );
    if s.without_justification > 0 {
        let _ = writeln!(
            out,
            "{} applicable control(s) give no justification for inclusion; an auditor expects one for every control.\n",
            s.without_justification
        );
    }
    let _ = writeln!(out, "| {} |", HEADER.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(HEADER.len()));
    for row in &report.rows {
        let cells: Vec<String> = cells(row).iter().map(|c| md_cell(c)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out
}

/// Most text Excel keeps in one cell, in UTF-16 code units.
const XLSX_CELL_MAX: usize = 32_767;

/// Length of `text` as Excel counts it: UTF-16 code units.
fn excel_length(text: &str) -> usize {
    text.encode_utf16().count()
}

/// Text for one workbook cell: whole when Excel can hold it, else cut and
/// marked `… [cut: N characters]` so that the reader knows.
fn xlsx_text(text: &str) -> Cow<'_, str> {
    if excel_length(text) <= XLSX_CELL_MAX {
        return Cow::Borrowed(text);
    }
    let mark = format!("… [cut: {} characters]", text.chars().count());
    let room = XLSX_CELL_MAX - excel_length(&mark);
    let mut used = 0;
    let mut kept = String::new();
    for c in text.chars() {
        used += c.len_utf16();
        if used > room {
            break;
        }
        kept.push(c);
    }
    kept.push_str(&mark);
    Cow::Owned(kept)
}

/// The cells that the workbook cuts because Excel cannot hold them, one line
/// each naming the control (or the About sheet) and the field.
pub fn xlsx_cuts(report: &SoaReport) -> Vec<String> {
    let mut cuts = Vec::new();
    let mut note = |place: &str, field: &str, text: &str| {
        if excel_length(text) > XLSX_CELL_MAX {
            cuts.push(format!(
                "{place}, {field}: {} characters, cut to Excel's limit of {XLSX_CELL_MAX}",
                text.chars().count()
            ));
        }
    };
    for row in &report.rows {
        for (field, text) in HEADER.iter().zip(cells(row)) {
            note(&format!("control {}", row.id), field, &text);
        }
    }
    for (field, text) in about_facts(report) {
        note("the About sheet", field, &text);
    }
    cuts
}

/// Fill colour of the status cell, by status.
fn status_color(status: Option<Status>) -> Color {
    match status {
        Some(Status::Implemented) => Color::RGB(0xC6EFCE),
        Some(Status::Partial) => Color::RGB(0xFFEB9C),
        Some(Status::Planned) => Color::RGB(0xFCD5B4),
        Some(Status::NotImplemented) => Color::RGB(0xFFC7CE),
        Some(Status::NotApplicable) => Color::RGB(0xD9D9D9),
        None => Color::RGB(0xFFFFFF),
    }
}

/// Column widths in characters, in `HEADER` order.
const WIDTHS: [f64; 12] = [
    9.0, 40.0, 24.0, 11.0, 40.0, 18.0, 40.0, 48.0, 32.0, 20.0, 12.0, 12.0,
];

/// A workbook: the statement on the first sheet with a frozen, styled,
/// filterable header row and a colour per status; the context on the second.
pub fn xlsx(report: &SoaReport) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    // A fixed creation date keeps the file identical from run to run.
    let created = match report.assessed {
        Some(d) => ExcelDateTime::from_ymd(d.year(), d.month(), d.day())?,
        None => ExcelDateTime::from_ymd(2000, 1, 1)?,
    };
    workbook.set_properties(
        &DocProperties::new()
            .set_title(
                xlsx_text(&format!(
                    "Statement of Applicability: {}",
                    report.organisation
                ))
                .into_owned(),
            )
            .set_subject(report.standard_name.clone())
            .set_creation_datetime(&created),
    );

    let header = Format::new()
        .set_bold()
        .set_font_color(Color::White)
        .set_background_color(Color::RGB(0x1F3864))
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin);
    let body = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin);

    let sheet = workbook.add_worksheet();
    sheet.set_name("Statement of Applicability")?;
    for (column, (title, width)) in HEADER.iter().zip(WIDTHS).enumerate() {
        let column = u16::try_from(column).unwrap_or(u16::MAX);
        sheet.set_column_width(column, width)?;
        sheet.write_string_with_format(0, column, *title, &header)?;
    }
    sheet.set_row_height(0, 32)?;
    for (index, row) in report.rows.iter().enumerate() {
        let line = u32::try_from(index + 1).unwrap_or(u32::MAX);
        for (column, text) in cells(row).iter().enumerate() {
            let column = u16::try_from(column).unwrap_or(u16::MAX);
            let format = if column == 5 {
                body.clone().set_background_color(status_color(row.status))
            } else {
                body.clone()
            };
            sheet.write_string_with_format(line, column, xlsx_text(text), &format)?;
        }
    }
    let last_row = u32::try_from(report.rows.len()).unwrap_or(u32::MAX);
    let last_column = u16::try_from(HEADER.len() - 1).unwrap_or(u16::MAX);
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, last_row, last_column)?;
    sheet.set_landscape();
    sheet.set_repeat_rows(0, 0)?;

    let about = workbook.add_worksheet();
    about.set_name("About")?;
    about.set_column_width(0, 22)?;
    about.set_column_width(1, 80)?;
    let label = Format::new().set_bold();
    for (index, (name, value)) in about_facts(report).iter().enumerate() {
        let line = u32::try_from(index).unwrap_or(u32::MAX);
        about.write_string_with_format(line, 0, *name, &label)?;
        about.write_string(line, 1, xlsx_text(value))?;
    }
    workbook.save_to_buffer()
}

/// The facts on the About sheet: (label, value).
fn about_facts(report: &SoaReport) -> [(&'static str, String); 12] {
    let s = &report.summary;
    [
        ("Organisation", report.organisation.clone()),
        ("Scope", report.scope.clone().unwrap_or_default()),
        (
            "Assessed",
            report.assessed.map(|d| d.to_string()).unwrap_or_default(),
        ),
        ("Standard", report.standard_name.clone()),
        ("Status file", report.file.clone()),
        ("Controls", s.controls.to_string()),
        ("Applicable", s.applicable.to_string()),
        ("Implemented", s.implemented.to_string()),
        ("Excluded", s.excluded.to_string()),
        ("Not decided", s.undecided.to_string()),
        ("Without justification", s.without_justification.to_string()),
        ("Generated by", format!("ims {}", env!("CARGO_PKG_VERSION"))),
    ]
}
