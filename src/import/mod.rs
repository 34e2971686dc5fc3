//! `ims import`: a spreadsheet the client already keeps (a Statement of
//! Applicability, a gap-assessment sheet, or ims's own SoA and gap CSV)
//! turned into a status file. Reading is in `read`, recognising columns in
//! `columns`, writing the status file in `write`; this module maps rows to
//! entries.
//!
//! ims never guesses an item: an id is read as written, with zero-padding
//! and spacing forgiven (`A.05.01`, `A 5.1`). The one rule that adds to an
//! id is the Annex A numbering of a Statement of Applicability: on a sheet
//! with an applicability column, whose rows are controls, `5.1` is read as
//! `A.5.1` when the standard has such a control. A row ims cannot place is
//! a located problem, never a silent skip.

mod about;
mod book;
pub mod columns;
mod ids;
mod inherit;
mod lists;
mod ods;
pub mod read;
mod rows;
mod words;
pub mod write;
mod xls;
mod xlsx;

use std::collections::BTreeMap;

use columns::{Columns, Role};
use read::Sheet;

use crate::date::Date;
use crate::model::{Catalog, ItemIndex, StandardIndex};
use crate::status::{AdditionalControl, Evidence, Reason, SoaApproval, Status};

/// What the user told the import.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The standard every row belongs to (`--standard`).
    pub standard: Option<StandardIndex>,
    /// The sheet to read (`--sheet`); else the first with an id column.
    pub sheet: Option<String>,
    /// Headers named outright (`--column ROLE=HEADER`).
    pub columns: Vec<(Role, String)>,
    /// Status words added (`--status WORD=STATUS`); `None` is not-assessed.
    pub statuses: Vec<(String, Option<Status>)>,
    /// The organisation's name (`--organisation`).
    pub organisation: Option<String>,
}

/// Where a cell is: the sheet, the row from 1 and the column letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The sheet's name.
    pub sheet: String,
    /// The row, from 1 as a spreadsheet numbers it.
    pub row: usize,
    /// The column letter, when one cell is meant.
    pub column: Option<String>,
}

impl Place {
    /// The sheet named `sheet` as a whole.
    pub fn whole(sheet: &str) -> Self {
        Place {
            sheet: sheet.to_owned(),
            row: 0,
            column: None,
        }
    }
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "sheet \"{}\"", self.sheet)?;
        // Row 0 is the sheet as a whole.
        if self.row > 0 {
            write!(f, " row {}", self.row)?;
        }
        if let Some(column) = &self.column {
            write!(f, ", column {column}")?;
        }
        Ok(())
    }
}

/// What became of a row or cell with a problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The row could not be placed: no entry for it.
    NotPlaced,
    /// One cell was left out; the rest of the row was imported.
    CellLeftOut,
    /// The row is written commented out.
    Commented,
    /// The row shows a status inherited from a heading, and is written as
    /// an entry of its own instead.
    OwnEntry,
    /// A cell was changed (a character no status file can hold replaced).
    Changed,
}

/// A row or cell the import could not take as it is.
#[derive(Debug, Clone, PartialEq)]
pub struct RowProblem {
    /// Where.
    pub place: Place,
    /// What, with what to do.
    pub message: String,
    /// What became of it.
    pub outcome: Outcome,
    /// How many rows or cells it concerns.
    pub count: usize,
}

impl RowProblem {
    /// What the reader noted of a cell or of the sheet named `sheet`.
    pub(super) fn from_note(sheet: &str, note: &read::Note) -> Self {
        RowProblem {
            place: Place {
                sheet: sheet.to_owned(),
                row: note.row.map_or(0, |r| r + 1),
                column: note.column.map(letter),
            },
            message: note.message.clone(),
            outcome: if note.left_out > 0 {
                Outcome::CellLeftOut
            } else {
                Outcome::Changed
            },
            count: note.left_out.max(1),
        }
    }
}

/// One entry to write.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Imported {
    /// Its standard.
    pub standard: StandardIndex,
    /// The item.
    pub item: ItemIndex,
    /// The item's id.
    pub id: String,
    /// Its status; `None` is not-assessed.
    pub status: Option<Status>,
    /// Reasons for inclusion.
    pub reasons: Vec<Reason>,
    /// Justification.
    pub justification: Option<String>,
    /// Risk ids.
    pub risks: Vec<String>,
    /// Implementation reference.
    pub implementation: Option<String>,
    /// Owner.
    pub owner: Option<String>,
    /// Evidence.
    pub evidence: Vec<Evidence>,
    /// Note.
    pub note: Option<String>,
    /// Due date.
    pub due: Option<Date>,
    /// Last review.
    pub reviewed: Option<Date>,
    /// The row it came from, from 1.
    pub row: usize,
}

/// An entry written commented out, with what it lacks.
#[derive(Debug, Clone, PartialEq)]
pub struct Commented {
    /// The entry as far as it was read.
    pub entry: Imported,
    /// What is missing or wrong, and what to do.
    pub why: String,
}

/// The outcome of an import.
#[derive(Debug, Clone, Default)]
pub struct Import {
    /// The file read, as named.
    pub file: String,
    /// The sheet read.
    pub sheet: String,
    /// The header row, from 1.
    pub header_row: usize,
    /// The columns used: role, column letter, header text.
    pub columns: Vec<(Role, String, String)>,
    /// Columns not read because another column has their role: role,
    /// column letter, header text.
    pub ignored_columns: Vec<(Role, String, String)>,
    /// Columns not read because ims does not know their header: column
    /// letter, header text.
    pub unread_columns: Vec<(String, String)>,
    /// The standard of every row, when one is (not row by row).
    pub standard: Option<StandardIndex>,
    /// How the standard was decided, in words.
    pub standard_from: String,
    /// The entries, in catalogue order by standard.
    pub entries: Vec<Imported>,
    /// Entries written commented out.
    pub commented: Vec<Commented>,
    /// Additional controls (rows of ims's own SoA after Annex A).
    pub additional: Vec<AdditionalControl>,
    /// Additional controls written commented out, with what they lack.
    pub additional_commented: Vec<(AdditionalControl, String)>,
    /// Rows and cells not taken, located.
    pub problems: Vec<RowProblem>,
    /// Each status word met, with the status it maps to and how often.
    pub words: BTreeMap<String, (Option<Status>, usize)>,
    /// Rows with data read below the header.
    pub rows: usize,
    /// Blank rows skipped.
    pub blank: usize,
    /// Rows with an id that decide and say nothing (headings, titles, items
    /// not assessed), skipped.
    pub titles: usize,
    /// Ids read as Annex A controls by the numbering rule.
    pub annex_numbered: usize,
    /// The organisation's name, and whether it was defaulted.
    pub organisation: (String, bool),
    /// The scope, from an About sheet.
    pub scope: Option<String>,
    /// When the assessment was made, from an About sheet.
    pub assessed: Option<Date>,
    /// The SoA's version and approval, from an About sheet.
    pub soa: Option<SoaApproval>,
}

/// Why nothing could be imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// No sheet has a header row with an id column; the sheets looked in.
    #[error("no sheet has a header row with an id column and another known column")]
    NoHeader(Vec<String>),
    /// The workbook has no sheet to read.
    #[error("the workbook has no sheet")]
    NoSheets,
    /// `--sheet` names no sheet.
    #[error("no sheet named `{0}`")]
    NoSuchSheet(String, Vec<String>),
    /// The standard cannot be told.
    #[error("the sheet does not say which standard it belongs to")]
    NoStandard,
    /// `--sheet` names a sheet ims cannot read.
    #[error("{0}")]
    Unreadable(String),
    /// The sheet has a header row and nothing below it, as an empty
    /// template has.
    #[error(
        "sheet \"{sheet}\" has a header row (row {header_row}) but no rows below it: nothing to import"
    )]
    NoRows {
        /// The sheet's name.
        sheet: String,
        /// The header row, from 1.
        header_row: usize,
    },
    /// No sheet looked in holds a single filled cell.
    #[error("{} no filled cell: nothing to import", describe_empty(.0))]
    Empty(Vec<String>),
}

/// The sheets that hold nothing, as the sentence names them.
fn describe_empty(sheets: &[String]) -> String {
    match sheets {
        [one] => format!("sheet \"{one}\" holds"),
        _ => "the file's sheets hold".to_owned(),
    }
}

/// The column letter of a column index from 0: A, B, ..., Z, AA, ...
pub fn letter(mut column: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (column % 26) as u8);
        if column < 26 {
            break;
        }
        column = column / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The sheets of the file named `name`, read by what its bytes are,
/// whatever its name says: an OLE compound file is an XLS workbook (or a
/// password-protected one, refused as such), a ZIP archive is an ODS
/// workbook when its `mimetype` says so and an XLSX one otherwise, and
/// anything else is one CSV sheet named after the file.
pub fn sheets(name: &str, bytes: &[u8]) -> Result<Vec<Sheet>, read::ReadError> {
    if bytes.starts_with(xls::OLE) {
        xls::workbook(bytes)
    } else if read::is_workbook(bytes) && ods::is_ods(bytes) {
        ods::workbook(bytes)
    } else if read::is_workbook(bytes) {
        xlsx::workbook(bytes)
    } else {
        read::csv(name, bytes).map(|sheet| vec![sheet])
    }
}

/// Imports `sheets` (of the file named `file`) against the catalogue.
pub fn import(
    catalog: &Catalog,
    file: &str,
    sheets: &[Sheet],
    options: &Options,
) -> Result<Import, ImportError> {
    let (sheet, columns, passed) = choose_sheet(sheets, options)?;
    // An empty template is said to be one before any question about it.
    if sheet
        .rows
        .iter()
        .skip(columns.header_row + 1)
        .all(read::Row::is_blank)
    {
        return Err(ImportError::NoRows {
            sheet: sheet.name.clone(),
            header_row: columns.header_row + 1,
        });
    }
    let about = about::read(sheets);
    let mut out = Import {
        file: file.to_owned(),
        sheet: sheet.name.clone(),
        header_row: columns.header_row + 1,
        columns: lettered(&columns.found),
        ignored_columns: lettered(&columns.ignored),
        unread_columns: columns
            .unread
            .iter()
            .map(|(column, header)| (letter(*column), header.clone()))
            .collect(),
        organisation: organisation(file, options, about.organisation.as_deref()),
        scope: about.scope.map(|s| read::clean(&s).0),
        assessed: about.assessed,
        soa: about.soa,
        problems: about.problems,
        ..Import::default()
    };
    let soa_sheet = columns.of(Role::Applicable).is_some();
    let (fixed, standard_from) = standard(catalog, options, &columns, soa_sheet)
        .or_else(|err| standard_of_the_ids(catalog, sheet, &columns).ok_or(err))?;
    out.standard = fixed;
    out.standard_from = standard_from;
    // Names go into the status file's header comment, cleaned there.
    for (what, name) in [("file name", file), ("sheet name", &sheet.name)] {
        if read::clean(name).1 {
            out.problems.push(RowProblem {
                place: Place::whole(&sheet.name),
                message: format!(
                    "the {what} holds a control character, which no status file can hold: it is written with \u{fffd} in the status file's comments"
                ),
                outcome: Outcome::Changed,
                count: 1,
            });
        }
    }
    for name in passed {
        out.problems.push(RowProblem {
            place: Place::whole(&name),
            message: "the workbook hides this sheet, so it is not looked in; name it with --sheet to read it".to_owned(),
            outcome: Outcome::NotPlaced,
            count: 0,
        });
    }
    for note in &sheet.notes {
        out.problems.push(RowProblem::from_note(&sheet.name, note));
    }
    if let Some(problem) = headless_cells(sheet, &columns) {
        out.problems.push(problem);
    }
    let mut words: Vec<(String, Option<Status>)> = options
        .statuses
        .iter()
        .map(|(w, s)| (words::word(w), *s))
        .collect();
    words.extend(
        words::STATUS_WORDS
            .iter()
            .map(|(w, s)| (words::word(w), *s)),
    );
    let mut rows = rows::Rows {
        catalog,
        sheet,
        columns: &columns,
        words,
        fixed,
        soa_sheet,
        out,
        seen: BTreeMap::new(),
        silent: std::collections::BTreeSet::new(),
        claims: Vec::new(),
        other_standard: 0,
        trimmed: (0, None),
    };
    for (index, row) in sheet.rows.iter().enumerate().skip(columns.header_row + 1) {
        rows.read(index, row);
    }
    inherit::settle(&mut rows);
    let (other_standard, trimmed) = (rows.other_standard, rows.trimmed.clone());
    let mut out = rows.out;
    if other_standard > 0 {
        out.problems.push(RowProblem {
            place: Place::whole(&sheet.name),
            message: format!(
                "{other_standard} row(s) of other standards are left out, as --standard asks"
            ),
            outcome: Outcome::NotPlaced,
            count: other_standard,
        });
    }
    if let (cells @ 1.., Some(first)) = trimmed {
        out.problems.push(RowProblem {
            message: format!(
                "{cells} cell(s) of text begin or end with spaces, first at row {}, column {}; a status file holds text trimmed, so they are not kept",
                first.row,
                first.column.clone().unwrap_or_default()
            ),
            place: Place { row: 0, column: None, ..first },
            outcome: Outcome::Changed,
            count: cells,
        });
    }
    out.entries.sort_by_key(|e| (e.standard, e.item));
    Ok(out)
}

/// The cells below the header in columns that have no header, which no
/// role can read: counted, with the first, rather than passed over.
fn headless_cells(sheet: &Sheet, columns: &Columns) -> Option<RowProblem> {
    let headed: std::collections::BTreeSet<usize> = columns
        .found
        .iter()
        .chain(&columns.ignored)
        .map(|(_, column, _)| *column)
        .chain(columns.unread.iter().map(|(column, _)| *column))
        .collect();
    let mut count = 0;
    let mut first = None;
    for (index, row) in sheet.rows.iter().enumerate().skip(columns.header_row + 1) {
        for (column, text) in row.cells() {
            if !headed.contains(&column) && !text.trim().is_empty() {
                count += 1;
                first.get_or_insert((index, column));
            }
        }
    }
    let (row, column) = first?;
    Some(RowProblem {
        place: Place::whole(&sheet.name),
        message: format!(
            "{count} cell(s) below the header are in columns without a header (the first is {}{}), so no role reads them; give the column a header to have it read",
            letter(column),
            row + 1
        ),
        outcome: Outcome::CellLeftOut,
        count,
    })
}

/// Role, column letter and header of each column.
fn lettered(found: &[(Role, usize, String)]) -> Vec<(Role, String, String)> {
    found
        .iter()
        .map(|(role, column, header)| (*role, letter(*column), header.clone()))
        .collect()
}

/// The sheet to read and its columns: the one `--sheet` names, else the
/// first visible sheet with a header row; and the hidden sheets passed by.
fn choose_sheet<'s>(
    sheets: &'s [Sheet],
    options: &Options,
) -> Result<(&'s Sheet, Columns, Vec<String>), ImportError> {
    if sheets.is_empty() {
        return Err(ImportError::NoSheets);
    }
    let names: Vec<String> = sheets.iter().map(|s| s.name.clone()).collect();
    if let Some(name) = &options.sheet {
        let sheet = sheets
            .iter()
            .find(|s| &s.name == name)
            .ok_or_else(|| ImportError::NoSuchSheet(name.clone(), names.clone()))?;
        if let Some(why) = &sheet.unreadable {
            return Err(ImportError::Unreadable(why.clone()));
        }
        let columns = columns::find(&sheet.rows, &options.columns).ok_or_else(|| {
            if sheet.rows.iter().all(read::Row::is_blank) {
                ImportError::Empty(vec![name.clone()])
            } else {
                ImportError::NoHeader(vec![name.clone()])
            }
        })?;
        return Ok((sheet, columns, Vec::new()));
    }
    let mut passed = Vec::new();
    for sheet in sheets.iter().filter(|s| s.unreadable.is_none()) {
        if sheet.hidden {
            passed.push(sheet.name.clone());
            continue;
        }
        if let Some(columns) = columns::find(&sheet.rows, &options.columns) {
            return Ok((sheet, columns, passed));
        }
    }
    let looked: Vec<&Sheet> = sheets
        .iter()
        .filter(|s| !s.hidden && s.unreadable.is_none())
        .collect();
    let names = looked.iter().map(|s| s.name.clone()).collect();
    if !looked.is_empty()
        && looked
            .iter()
            .all(|s| s.rows.iter().all(read::Row::is_blank))
    {
        return Err(ImportError::Empty(names));
    }
    Err(ImportError::NoHeader(names))
}

/// The organisation's name: `--organisation`, the About sheet, or else
/// the file's name (and whether it was defaulted so).
fn organisation(file: &str, options: &Options, about: Option<&str>) -> (String, bool) {
    match (&options.organisation, about) {
        (Some(name), _) => (read::clean(name.trim()).0, false),
        (None, Some(name)) if !name.trim().is_empty() => (read::clean(name.trim()).0, false),
        _ => {
            let stem = std::path::Path::new(file)
                .file_stem()
                .map(|s| read::clean(s.to_string_lossy().trim()).0)
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| "Organisation".to_owned());
            (stem, true)
        }
    }
}

/// The standard of every row, when one is, and how it was decided.
fn standard(
    catalog: &Catalog,
    options: &Options,
    columns: &Columns,
    soa_sheet: bool,
) -> Result<(Option<StandardIndex>, String), ImportError> {
    match (options.standard, columns.of(Role::Standard)) {
        (Some(standard), _) => Ok((Some(standard), "--standard".to_owned())),
        (None, Some(_)) => Ok((None, "the standard column, row by row".to_owned())),
        (None, None) if soa_sheet => {
            let excludable: Vec<StandardIndex> = catalog
                .indexes()
                .filter(|&s| catalog.standards[s].items.iter().any(|i| i.excludable))
                .collect();
            match excludable.as_slice() {
                [one] => Ok((
                    Some(*one),
                    "the applicability column: a sheet that says which controls apply is a Statement of Applicability of the one standard whose items may be excluded".to_owned(),
                )),
                _ => Err(ImportError::NoStandard),
            }
        }
        (None, None) => Err(ImportError::NoStandard),
    }
}

/// The one standard that holds every id of the sheet, where no flag or
/// column says which: a sheet of control ids only one catalogue holds is a
/// sheet of that standard, and ids such as `4.1`, which several standards
/// hold, leave the question open. `None` when the ids do not settle it.
fn standard_of_the_ids(
    catalog: &Catalog,
    sheet: &Sheet,
    columns: &Columns,
) -> Option<(Option<StandardIndex>, String)> {
    let id_column = columns.of(Role::Id)?;
    let mut holding: Vec<StandardIndex> = catalog.indexes().collect();
    let mut seen = 0usize;
    for row in sheet.rows.iter().skip(columns.header_row + 1) {
        let Some(raw) = row.get(id_column).map(str::trim).filter(|r| !r.is_empty()) else {
            continue;
        };
        let here: Vec<StandardIndex> = catalog
            .indexes()
            .filter(|&s| ids::place_id(catalog, s, raw, false).is_some())
            .collect();
        // A row whose id no standard holds is reported later, row by row.
        if here.is_empty() {
            continue;
        }
        seen += 1;
        holding.retain(|s| here.contains(s));
        if holding.is_empty() {
            return None;
        }
    }
    match holding.as_slice() {
        [one] if seen > 0 => Some((
            Some(*one),
            format!(
                "the ids: {} of them, all items of {} alone",
                seen, catalog.standards[*one].name
            ),
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
