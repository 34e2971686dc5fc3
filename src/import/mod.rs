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
pub mod ciso_assistant;
pub mod columns;
mod ids;
mod inherit;
mod lists;
mod ods;
pub mod read;
mod rows;
mod vocabulary;
pub mod words;
pub mod write;
mod xls;
mod xlsx;

pub use vocabulary::load as load_words;

use std::collections::BTreeMap;

use columns::{Columns, Role};
use read::Sheet;

use crate::date::Date;
use crate::diag::{Problem, ProblemCode, Severity};
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
    /// Applicability words added (`--applicable WORD=yes|no`).
    pub applicable: Vec<(String, bool)>,
    /// The words of headers, statuses and applicability: the built-in
    /// ones, after any the user's `--words` files add.
    pub words: words::Words,
    /// The organisation's name (`--organisation`).
    pub organisation: Option<String>,
}

/// Where a cell is: the sheet, the row from 1 and the column from 0.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The sheet's name.
    pub sheet: String,
    /// The row, from 1 as a spreadsheet numbers it; 0 for the whole sheet.
    pub row: usize,
    /// The column, from 0, when one cell is meant.
    pub column: Option<usize>,
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
    /// Nothing was left out or changed; the reader is told what a row
    /// means in the status file.
    Noted,
}

impl Outcome {
    /// What becomes of the row or cell of a problem with `code`: each code
    /// of the import has one outcome.
    pub fn of(code: ProblemCode) -> Outcome {
        match code {
            ProblemCode::UnknownWord | ProblemCode::CommentedOut => Outcome::Commented,
            ProblemCode::InvalidValue
            | ProblemCode::UnknownReason
            | ProblemCode::HollowText
            | ProblemCode::CellsLeftOut => Outcome::CellLeftOut,
            ProblemCode::OwnEntry => Outcome::OwnEntry,
            ProblemCode::HeadingStatus => Outcome::Noted,
            ProblemCode::TextChanged => Outcome::Changed,
            _ => Outcome::NotPlaced,
        }
    }
}

/// How much a problem of the import with `code` stops: rows and cells not
/// taken are warnings; what was changed or passed by, as asked or without
/// loss of meaning, is a note.
fn severity(code: ProblemCode) -> Severity {
    match code {
        ProblemCode::OtherStandardRows
        | ProblemCode::HiddenSheet
        | ProblemCode::HeadingStatus
        | ProblemCode::OwnEntry
        | ProblemCode::TextChanged => Severity::Note,
        _ => Severity::Warning,
    }
}

/// A problem of the import of `file` at `place`.
pub(crate) fn problem(file: &str, place: &Place, code: ProblemCode, message: String) -> Problem {
    Problem::in_sheet(
        code,
        severity(code),
        file,
        &place.sheet,
        (place.row, place.column.map_or(0, |c| c + 1)),
        message,
    )
}

/// A problem that stands for `count` rows or cells.
fn counted(mut problem: Problem, count: usize) -> Problem {
    if let Some(sheet) = problem.sheet.as_mut() {
        sheet.count = count;
    }
    problem
}

/// What the reader noted of a cell or of the sheet named `sheet`.
fn from_note(file: &str, sheet: &str, note: &read::Note) -> Problem {
    let place = Place {
        sheet: sheet.to_owned(),
        row: note.row.map_or(0, |r| r + 1),
        column: note.column,
    };
    let code = if note.left_out > 0 {
        ProblemCode::CellsLeftOut
    } else {
        ProblemCode::TextChanged
    };
    counted(
        problem(file, &place, code, note.message.clone()),
        note.left_out.max(1),
    )
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
    /// Marked applicable with no status: included, its status not
    /// assessed yet, written `applicable: yes`.
    pub included: bool,
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
    /// Rows and cells not taken, and text changed, located.
    pub problems: Vec<Problem>,
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
    /// What the columns of CISO Assistant's audit export gave, when the
    /// sheet is one.
    pub audit: Option<ciso_assistant::Tally>,
    /// The words ims knows, listed once when a row used one it does not.
    pub known_words: Vec<String>,
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
    /// `--column ROLE=HEADER` names a header the sheet does not have.
    #[error("sheet \"{sheet}\" has no column headed `{header}` (--column {role}={header})")]
    NoSuchColumn {
        /// The role named.
        role: Role,
        /// The header named.
        header: String,
        /// The sheet looked in.
        sheet: String,
        /// Its header row, from 1; 0 when it has none.
        row: usize,
        /// The headers it has, the closest to the one named first.
        present: Vec<String>,
    },
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
    /// The URNs of an export name a framework ims holds no catalogue of
    /// (another edition, say): its ids would land on other controls.
    #[error(
        "the export's URNs name the framework `{0}`, which no loaded catalogue is: its ids would be read as another edition's controls"
    )]
    UnknownFramework(String),
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
pub use crate::diag::column_letter as letter;

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
    } else if let Some(mimetype) = read::is_workbook(bytes)
        .then(|| ods::other_document(bytes))
        .flatten()
    {
        Err(read::ReadError::NotASpreadsheet(mimetype))
    } else if read::is_workbook(bytes) {
        xlsx::workbook(bytes)
    } else {
        read::csv(name, bytes).map(|sheet| vec![sheet])
    }
}

/// Imports `sheets` (of the file named `file`) against the catalogue, in
/// the steps a reader takes: choose the sheet and its header row, say an
/// empty template is one, take what the sheet says of itself, decide the
/// standard, then read the rows one by one and settle those that show a
/// heading's status.
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
    let audit = ciso_assistant::Audit::of(sheet, &columns);
    let mut out = start(file, sheets, sheet, &columns, options);
    if let Some(audit) = &audit {
        audit.start(sheet, columns.header_row, &mut out);
    }
    let soa_sheet = columns.of(Role::Applicable).is_some();
    // A flag or a column, else the URNs of an export, else the ids when
    // only one standard holds them all, else the applicability column.
    let decided = match named_standard(options, &columns) {
        Some(named) => Some(named),
        None => match &audit {
            Some(audit) => audit.standard(catalog, sheet, columns.header_row)?,
            None => None,
        },
    };
    let (fixed, standard_from) = decided
        .or_else(|| standard_of_the_ids(catalog, sheet, &columns, soa_sheet))
        .or_else(|| soa_sheet.then(|| excludable_standard(catalog)).flatten())
        .ok_or(ImportError::NoStandard)?;
    out.standard = fixed;
    out.standard_from = standard_from;
    out.problems
        .extend(sheet_problems(file, sheet, &columns, passed));
    // CISO Assistant's result words are read only in its own export.
    let mut statuses = options.statuses.clone();
    if audit.is_some() {
        statuses.extend(ciso_assistant::Audit::words());
    }
    let words = options
        .words
        .clone()
        .with_flags(&statuses, &options.applicable);
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
        titles: BTreeMap::new(),
        trimmed: (0, None),
        audit,
        said: BTreeMap::new(),
        unknown: (false, false),
    };
    for (index, row) in sheet.rows.iter().enumerate().skip(columns.header_row + 1) {
        match rows.read(index, row) {
            rows::RowOutcome::Blank => rows.out.blank += 1,
            rows::RowOutcome::Title => {
                rows.out.rows += 1;
                rows.out.titles += 1;
            }
            _ => rows.out.rows += 1,
        }
    }
    inherit::settle(&mut rows);
    Ok(finish(file, sheet, &columns, rows))
}

/// The import as the sheet describes itself, before any row is read: the
/// file, the sheet, the header row and the columns read and not read, and
/// what an About sheet says (the organisation, scope, date and approval).
fn start(
    file: &str,
    sheets: &[Sheet],
    sheet: &Sheet,
    columns: &Columns,
    options: &Options,
) -> Import {
    let about = about::read(file, sheets);
    Import {
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
    }
}

/// What is said of the sheet as a whole before its rows: names that hold a
/// control character, the hidden sheets passed by, what the reader noted,
/// and the cells in columns without a header.
fn sheet_problems(
    file: &str,
    sheet: &Sheet,
    columns: &Columns,
    passed: Vec<String>,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    // Names go into the status file's header comment, cleaned there.
    for (what, name) in [("file name", file), ("sheet name", &sheet.name)] {
        if read::clean(name).1 {
            problems.push(problem(
                file,
                &Place::whole(&sheet.name),
                ProblemCode::TextChanged,
                format!(
                    "the {what} holds a control character, which no status file can hold: it is written with \u{fffd} in the status file's comments"
                ),
            ));
        }
    }
    for name in passed {
        problems.push(counted(
            problem(
                file,
                &Place::whole(&name),
                ProblemCode::HiddenSheet,
                "the workbook hides this sheet, so it is not looked in; name it with --sheet to read it".to_owned(),
            ),
            0,
        ));
    }
    for note in &sheet.notes {
        problems.push(from_note(file, &sheet.name, note));
    }
    problems.extend(headless_cells(file, sheet, columns));
    problems
}

/// The import once every row is read: the known words listed when a row
/// used one ims does not know, the rows of other standards and the cells
/// trimmed counted, and the entries in catalogue order.
fn finish(file: &str, sheet: &Sheet, columns: &Columns, rows: rows::Rows<'_>) -> Import {
    let (other_standard, trimmed) = (rows.other_standard, rows.trimmed.clone());
    let known_words = known_words(&rows, columns);
    let mut out = rows.out;
    out.known_words = known_words;
    if other_standard > 0 {
        out.problems.push(counted(
            problem(
                file,
                &Place::whole(&sheet.name),
                ProblemCode::OtherStandardRows,
                format!(
                    "{other_standard} row(s) of other standards are left out, as --standard asks"
                ),
            ),
            other_standard,
        ));
    }
    if let (cells @ 1.., Some(first)) = trimmed {
        out.problems.push(counted(
            problem(
                file,
                &Place::whole(&first.sheet),
                ProblemCode::TextChanged,
                format!(
                    "{cells} cell(s) of text begin or end with spaces, first at row {}, column {}; a status file holds text trimmed, so they are not kept",
                    first.row,
                    first.column.map(letter).unwrap_or_default()
                ),
            ),
            cells,
        ));
    }
    out.entries.sort_by_key(|e| (e.standard, e.item));
    out
}

/// The closing lines that list the known status and applicability words,
/// once per run, when a row used a word ims does not know: the words of
/// the languages the headers and the status words met are in, or of every
/// language when none was met.
fn known_words(rows: &rows::Rows<'_>, columns: &Columns) -> Vec<String> {
    let mut met: Vec<String> = Vec::new();
    let headers = columns.found.iter().map(|(_, _, header)| header.as_str());
    let words = rows.out.words.keys().map(String::as_str);
    for language in headers
        .flat_map(|h| rows.words.header_languages(h))
        .chain(words.filter_map(|w| rows.words.status_of(w).map(|(_, w)| w.language.as_str())))
    {
        if !language.starts_with("--") && !met.iter().any(|m| m == language) {
            met.push(language.to_owned());
        }
    }
    met.sort();
    let which = if met.is_empty() {
        "every language".to_owned()
    } else {
        met.join(", ")
    };
    let mut lines = Vec::new();
    if rows.unknown.0 {
        lines.push(format!(
            "the statuses are {}; the status words ims knows ({which}): {}",
            words::STATUS_NAMES,
            rows.words.known_statuses(&met)
        ));
    }
    if rows.unknown.1 {
        lines.push(format!(
            "the applicability words ims knows ({which}): {}",
            rows.words.known_applicable(&met)
        ));
    }
    lines
}

/// The cells below the header in columns that have no header, which no
/// role can read: counted, with the first, rather than passed over.
fn headless_cells(file: &str, sheet: &Sheet, columns: &Columns) -> Option<Problem> {
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
    Some(counted(
        problem(
            file,
            &Place::whole(&sheet.name),
            ProblemCode::CellsLeftOut,
            format!(
                "{count} cell(s) below the header are in columns without a header (the first is {}{}), so no role reads them; give the column a header to have it read",
                letter(column),
                row + 1
            ),
        ),
        count,
    ))
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
        let Some(columns) = find_columns(sheet, options) else {
            return Err(named_but_absent(sheet, None, options).unwrap_or_else(|| {
                if sheet.rows.iter().all(read::Row::is_blank) {
                    ImportError::Empty(vec![name.clone()])
                } else {
                    ImportError::NoHeader(vec![name.clone()])
                }
            }));
        };
        if let Some(absent) = named_but_absent(sheet, Some(&columns), options) {
            return Err(absent);
        }
        return Ok((sheet, columns, Vec::new()));
    }
    let mut passed = Vec::new();
    // A sheet without a header named with --column may be followed by
    // the sheet that has it; the first such sheet is the one said.
    let mut absent = None;
    for sheet in sheets.iter().filter(|s| s.unreadable.is_none()) {
        if sheet.hidden {
            passed.push(sheet.name.clone());
            continue;
        }
        if let Some(columns) = find_columns(sheet, options) {
            match named_but_absent(sheet, Some(&columns), options) {
                Some(error) => {
                    absent.get_or_insert(error);
                }
                None => return Ok((sheet, columns, passed)),
            }
        }
    }
    if let Some(error) = absent {
        return Err(error);
    }
    let visible: Vec<&Sheet> = sheets
        .iter()
        .filter(|s| !s.hidden && s.unreadable.is_none())
        .collect();
    // A header named with --column that no sheet has is what went wrong.
    if let [first, ..] = visible.as_slice()
        && let Some(absent) = named_but_absent(first, None, options)
    {
        return Err(absent);
    }
    let names = visible.iter().map(|s| s.name.clone()).collect();
    if !visible.is_empty()
        && visible
            .iter()
            .all(|s| s.rows.iter().all(read::Row::is_blank))
    {
        return Err(ImportError::Empty(names));
    }
    Err(ImportError::NoHeader(names))
}

/// The first `--column ROLE=HEADER` whose header the sheet does not have:
/// not among the `columns` found, or, when no header row was found, in none
/// of the rows where ims looks for one. A header named and absent is an
/// error, never a column quietly left to ims's own guess.
fn named_but_absent(
    sheet: &Sheet,
    columns: Option<&Columns>,
    options: &Options,
) -> Option<ImportError> {
    let looked = sheet.rows.iter().take(columns::HEADER_ROWS);
    let (row, headers): (usize, Vec<String>) = match columns {
        Some(columns) => (
            columns.header_row + 1,
            sheet
                .rows
                .get(columns.header_row)
                .map(|r| r.cells().map(|(_, h)| h.trim().to_owned()).collect())
                .unwrap_or_default(),
        ),
        // No header row: the row with the most cells stands for it.
        None => looked
            .enumerate()
            .max_by_key(|(index, r)| {
                (
                    r.cells().filter(|(_, t)| !t.trim().is_empty()).count(),
                    std::cmp::Reverse(*index),
                )
            })
            .map(|(index, r)| {
                (
                    index + 1,
                    r.cells().map(|(_, h)| h.trim().to_owned()).collect(),
                )
            })
            .unwrap_or_default(),
    };
    let headers: Vec<String> = headers.into_iter().filter(|h| !h.is_empty()).collect();
    let (role, header) = options.columns.iter().find(|(role, named)| match columns {
        Some(columns) => !columns
            .found
            .iter()
            .any(|(r, _, h)| r == role && columns::normalise(h) == columns::normalise(named)),
        None => !sheet.rows.iter().take(columns::HEADER_ROWS).any(|r| {
            r.cells()
                .any(|(_, h)| columns::normalise(h) == columns::normalise(named))
        }),
    })?;
    Some(ImportError::NoSuchColumn {
        role: *role,
        header: header.clone(),
        sheet: sheet.name.clone(),
        row,
        present: columns::closest_first(header, headers),
    })
}

/// The columns of `sheet`: those of CISO Assistant's audit export when it
/// is one, else those its headers name.
fn find_columns(sheet: &Sheet, options: &Options) -> Option<Columns> {
    let role_of = |header: &str| options.words.role_of(header);
    ciso_assistant::find(&sheet.rows, &options.columns, &role_of)
        .or_else(|| columns::find(&sheet.rows, &options.columns, &role_of))
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

/// The standard a flag or a column names: `--standard`, or the standard
/// column, row by row.
fn named_standard(options: &Options, columns: &Columns) -> Option<(Option<StandardIndex>, String)> {
    match (options.standard, columns.of(Role::Standard)) {
        (Some(standard), _) => Some((Some(standard), "--standard".to_owned())),
        (None, Some(_)) => Some((None, "the standard column, row by row".to_owned())),
        (None, None) => None,
    }
}

/// The standard of a sheet that says which controls apply, when its ids
/// leave the question open: the one standard whose items may be excluded.
fn excludable_standard(catalog: &Catalog) -> Option<(Option<StandardIndex>, String)> {
    let excludable: Vec<StandardIndex> = catalog
        .indexes()
        .filter(|&s| catalog.standards[s].items.iter().any(|i| i.excludable))
        .collect();
    match excludable.as_slice() {
        [one] => Some((
            Some(*one),
            "the applicability column: a sheet that says which controls apply is a Statement of Applicability of the one standard whose items may be excluded".to_owned(),
        )),
        _ => None,
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
    soa_sheet: bool,
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
            .filter(|&s| ids::place_id(catalog, s, raw, soa_sheet).is_some())
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
