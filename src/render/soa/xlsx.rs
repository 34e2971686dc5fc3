//! The Statement of Applicability as a styled XLSX workbook: the statement
//! on the first sheet, the context on the second, the change history on the
//! third.

use std::borrow::Cow;

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, XlsxError,
};

use super::{Columns, HEADER, HISTORY_HEADER, STATUS_COLUMN, about_facts, history, lines};
use crate::analysis::soa::SoaReport;
use crate::status::Status;

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
pub fn cuts(report: &SoaReport, columns: Columns) -> Vec<String> {
    let mut cuts = Vec::new();
    let mut note = |place: &str, field: &str, text: &str| {
        if excel_length(text) > XLSX_CELL_MAX {
            cuts.push(format!(
                "{place}, {field}: {} characters, cut to Excel's limit of {XLSX_CELL_MAX}",
                text.chars().count()
            ));
        }
    };
    for line in lines(report, columns) {
        for (field, text) in columns.header().iter().zip(&line.cells) {
            note(&format!("control {}", line.id), field, text);
        }
    }
    for (field, text) in about_facts(report) {
        note("the About sheet", field, &text);
    }
    for row in history(report) {
        for (field, text) in HISTORY_HEADER.iter().zip(&row) {
            note(
                &format!("the change history, version {}", row[0]),
                field,
                text,
            );
        }
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
const WIDTHS: [f64; super::COLUMNS] = [
    9.0, 40.0, 24.0, 11.0, 22.0, 40.0, 14.0, 18.0, 12.0, 32.0, 48.0, 32.0, 12.0, 20.0, 12.0, 12.0,
    32.0,
];

/// A workbook: the statement on the first sheet with a frozen, styled,
/// filterable header row and a colour per status; the context on the
/// second; the change history, when the status file gives one, on the third.
pub fn render(report: &SoaReport, columns: Columns) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    // A fixed creation date keeps the file identical from run to run.
    let created = match report.header.assessed {
        Some(d) => ExcelDateTime::from_ymd(d.year(), d.month(), d.day())?,
        None => ExcelDateTime::from_ymd(2000, 1, 1)?,
    };
    workbook.set_properties(
        &DocProperties::new()
            .set_title(
                xlsx_text(&format!(
                    "Statement of Applicability: {}",
                    report.header.organisation
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
    let shown = columns.shown();
    for (column, &index) in shown.iter().enumerate() {
        let column = u16::try_from(column).unwrap_or(u16::MAX);
        sheet.set_column_width(column, WIDTHS[index])?;
        sheet.write_string_with_format(0, column, HEADER[index], &header)?;
    }
    sheet.set_row_height(0, 32)?;
    let all = lines(report, columns);
    for (index, row) in all.iter().enumerate() {
        let line = u32::try_from(index + 1).unwrap_or(u32::MAX);
        for (column, text) in row.cells.iter().enumerate() {
            let format = if column == STATUS_COLUMN {
                body.clone().set_background_color(status_color(row.status))
            } else {
                body.clone()
            };
            let column = u16::try_from(column).unwrap_or(u16::MAX);
            sheet.write_string_with_format(line, column, xlsx_text(text), &format)?;
        }
    }
    let last_row = u32::try_from(all.len()).unwrap_or(u32::MAX);
    let last_column = u16::try_from(shown.len() - 1).unwrap_or(u16::MAX);
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

    let changes = history(report);
    if !changes.is_empty() {
        let sheet = workbook.add_worksheet();
        sheet.set_name("Change history")?;
        for (column, (title, width)) in HISTORY_HEADER
            .iter()
            .zip([10.0, 12.0, 24.0, 80.0])
            .enumerate()
        {
            let column = u16::try_from(column).unwrap_or(u16::MAX);
            sheet.set_column_width(column, width)?;
            sheet.write_string_with_format(0, column, *title, &header)?;
        }
        for (index, row) in changes.iter().enumerate() {
            let line = u32::try_from(index + 1).unwrap_or(u32::MAX);
            for (column, text) in row.iter().enumerate() {
                let column = u16::try_from(column).unwrap_or(u16::MAX);
                sheet.write_string_with_format(line, column, xlsx_text(text), &body)?;
            }
        }
        sheet.set_freeze_panes(1, 0)?;
    }
    workbook.save_to_buffer()
}
