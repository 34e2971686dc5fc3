//! What every workbook format shares once calamine has read it: the
//! sheets in workbook order (hidden ones marked, a second sheet of one name
//! refused), and each cell's value as the spreadsheet shows it.

use calamine::{Data, DataRef, Range, SheetVisible};

use super::read::{Budget, Builder, Cell, ReadError, Sheet};
use crate::date::Date;

/// Each sheet's name and whether the workbook hides it, in workbook order.
pub(super) fn metadata(sheets: &[calamine::Sheet]) -> Vec<(String, bool)> {
    sheets
        .iter()
        .map(|s| (s.name.clone(), s.visible != SheetVisible::Visible))
        .collect()
}

/// Every sheet named in `metadata`, each filled by `read`, against one
/// budget for the whole workbook. Of two sheets with one name only the
/// first can be read, and the second says so.
pub(super) fn each_sheet(
    metadata: &[(String, bool)],
    mut read: impl FnMut(&str, &mut Builder, &mut Budget) -> Result<(), ReadError>,
) -> Result<Vec<Sheet>, ReadError> {
    let mut budget = Budget::default();
    let mut sheets: Vec<Sheet> = Vec::new();
    for (n, (name, hidden)) in metadata.iter().enumerate() {
        // A sheet without a name (which no spreadsheet program writes) is
        // named by its place, so that problems can say where they are.
        let shown = if name.trim().is_empty() {
            format!("(unnamed sheet {})", n + 1)
        } else {
            name.clone()
        };
        if let Some(first) = metadata[..n].iter().position(|(other, _)| other == name) {
            sheets.push(Sheet {
                name: shown,
                hidden: *hidden,
                unreadable: Some(format!(
                    "the workbook has two sheets named \"{name}\" (sheets {} and {}), which no spreadsheet program allows; ims can read only the first: rename the other in the spreadsheet program and save",
                    first + 1,
                    n + 1
                )),
                ..Sheet::default()
            });
            continue;
        }
        let mut builder = Builder::new(&shown);
        read(name, &mut builder, &mut budget)?;
        let mut sheet = builder.finish();
        sheet.hidden = *hidden;
        sheets.push(sheet);
    }
    Ok(sheets)
}

/// The cells of a sheet calamine has read whole (ODS, XLS) put into
/// `builder`, at their places in the sheet.
pub(super) fn put_range(
    builder: &mut Builder,
    budget: &mut Budget,
    range: &Range<Data>,
    epoch_1904: bool,
) -> Result<(), ReadError> {
    let Some((top, left)) = range.start() else {
        return Ok(());
    };
    for (row, column, value) in range.used_cells() {
        let value = borrowed(value);
        let cell = Cell {
            at: (top as usize + row, left as usize + column),
            text: cell_text(&value, epoch_1904),
            number: matches!(value, DataRef::Int(_) | DataRef::Float(_)),
        };
        builder.put(budget, cell)?;
    }
    Ok(())
}

/// A value of a whole sheet as the cell reader gives one.
fn borrowed(value: &Data) -> DataRef<'_> {
    match value {
        Data::Int(n) => DataRef::Int(*n),
        Data::Float(f) => DataRef::Float(*f),
        Data::String(text) => DataRef::SharedString(text),
        Data::Bool(b) => DataRef::Bool(*b),
        Data::DateTime(serial) => DataRef::DateTime(*serial),
        Data::DateTimeIso(text) => DataRef::DateTimeIso(text.clone()),
        Data::DurationIso(text) => DataRef::DurationIso(text.clone()),
        Data::Error(err) => DataRef::Error(err.clone()),
        Data::Empty => DataRef::Empty,
    }
}

/// A cell as text: numbers without a trailing `.0`, dates as YYYY-MM-DD
/// (in the workbook's own date system), booleans as `yes`/`no`, errors as
/// the spreadsheet shows them (`#REF!`).
pub(super) fn cell_text(cell: &DataRef<'_>, epoch_1904: bool) -> String {
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
        DataRef::DateTime(serial) => date_text(serial.as_f64(), epoch_1904),
        // The whole text, for the date reader to take whole or refuse:
        // `2026-06-301` is not cut to a day it does not say.
        DataRef::DateTimeIso(text) => text.clone(),
        DataRef::DurationIso(text) => text.clone(),
    }
}

/// A date serial as YYYY-MM-DD, as the spreadsheet shows it.
fn date_text(value: f64, epoch_1904: bool) -> String {
    // Beyond year 9999 (serial 2,958,465) or no number at all: no date.
    if !value.is_finite() || value >= 3_000_000.0 {
        return format!("{value} (not a date)");
    }
    if value < 1.0 {
        // A time of day with no date: no date to read.
        return format!("{value} (a time, not a date)");
    }
    let serial = value.floor() as i64;
    let days = if epoch_1904 {
        // Days since 1904-01-01, 24,107 of them before 1970-01-01.
        serial - 24_107
    } else if serial < 60 {
        // Excel counts 1900-01-01 as day 1 and then a 29 February 1900
        // that never was (day 60, for Lotus 1-2-3's sake): before it, the
        // days count from 1899-12-31.
        serial - 25_568
    } else if serial == 60 {
        return format!("{value} (Excel's 1900-02-29, a day that never was)");
    } else {
        // After it, from 1899-12-30: 25,569 days before 1970-01-01.
        serial - 25_569
    };
    Date::from_days(days).map_or_else(|| value.to_string(), |d| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_serials_read_as_excel_shows_them() {
        for (serial, shown) in [
            (1.0, "1900-01-01"),
            (1e19, "10000000000000000000 (not a date)"),
            (f64::NAN, "NaN (not a date)"),
            (f64::INFINITY, "inf (not a date)"),
            (59.0, "1900-02-28"),
            (61.0, "1900-03-01"),
            (45_658.0, "2025-01-01"),
        ] {
            assert_eq!(date_text(serial, false), shown, "{serial}");
        }
        assert!(date_text(60.0, false).contains("never was"));
        assert_eq!(date_text(0.0 + 1.0, true), "1904-01-02");
    }
}
