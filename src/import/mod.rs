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

pub mod columns;
pub mod read;
pub mod write;

use std::collections::BTreeMap;

use columns::Role;
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
    /// How the standard was decided, in words.
    pub standard_from: String,
    /// The entries, in catalogue order by standard.
    pub entries: Vec<Imported>,
    /// Entries written commented out.
    pub commented: Vec<Commented>,
    /// Additional controls (rows of ims's own SoA after Annex A).
    pub additional: Vec<AdditionalControl>,
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
    /// No sheet has a header row with an id column.
    #[error("no sheet has a header row with an id column and another known column")]
    NoHeader(Vec<String>),
    /// `--sheet` names no sheet.
    #[error("no sheet named `{0}`")]
    NoSuchSheet(String, Vec<String>),
    /// The standard cannot be told.
    #[error("the sheet does not say which standard it belongs to")]
    NoStandard,
}

/// The status words consultants write, lowercase, with what they mean;
/// `None` is not assessed.
const STATUS_WORDS: &[(&str, Option<Status>)] = &[
    ("implemented", Some(Status::Implemented)),
    ("fully implemented", Some(Status::Implemented)),
    ("in place", Some(Status::Implemented)),
    ("done", Some(Status::Implemented)),
    ("complete", Some(Status::Implemented)),
    ("completed", Some(Status::Implemented)),
    ("yes", Some(Status::Implemented)),
    ("compliant", Some(Status::Implemented)),
    ("partial", Some(Status::Partial)),
    ("partially implemented", Some(Status::Partial)),
    ("partly implemented", Some(Status::Partial)),
    ("partially", Some(Status::Partial)),
    ("in progress", Some(Status::Partial)),
    ("partially compliant", Some(Status::Partial)),
    ("planned", Some(Status::Planned)),
    ("to do", Some(Status::Planned)),
    ("scheduled", Some(Status::Planned)),
    ("not implemented", Some(Status::NotImplemented)),
    ("not started", Some(Status::NotImplemented)),
    ("missing", Some(Status::NotImplemented)),
    ("no", Some(Status::NotImplemented)),
    ("non compliant", Some(Status::NotImplemented)),
    ("not compliant", Some(Status::NotImplemented)),
    ("gap", Some(Status::NotImplemented)),
    ("not applicable", Some(Status::NotApplicable)),
    ("n/a", Some(Status::NotApplicable)),
    ("na", Some(Status::NotApplicable)),
    ("excluded", Some(Status::NotApplicable)),
    ("not assessed", None),
    ("not decided", None),
    ("tbd", None),
    ("unknown", None),
];

/// Words that decide nothing, in a status or applicability column.
const UNDECIDED: &[&str] = &["not assessed", "not decided", "tbd", "unknown"];

/// Words for "applies" and "does not apply" in an applicability column.
const YES: &[&str] = &[
    "yes",
    "y",
    "x",
    "✓",
    "✔",
    "true",
    "1",
    "included",
    "applicable",
    "include",
    "in scope",
    "selected",
];
const NO: &[&str] = &[
    "no",
    "n",
    "✗",
    "✘",
    "✕",
    "×",
    "false",
    "0",
    "excluded",
    "not applicable",
    "n/a",
    "na",
    "exclude",
    "out of scope",
    "not selected",
];

/// A status word as it is compared: lowercase, punctuation and `-`/`_`
/// taken for spaces.
fn word(text: &str) -> String {
    columns::normalise(text)
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

/// Imports `sheets` (of the file named `file`) against the catalogue.
pub fn import(
    catalog: &Catalog,
    file: &str,
    sheets: &[Sheet],
    options: &Options,
) -> Result<Import, ImportError> {
    let names: Vec<String> = sheets.iter().map(|s| s.name.clone()).collect();
    let (sheet, columns) = match &options.sheet {
        Some(name) => {
            let sheet = sheets
                .iter()
                .find(|s| &s.name == name)
                .ok_or_else(|| ImportError::NoSuchSheet(name.clone(), names.clone()))?;
            let columns = columns::find(&sheet.rows, &options.columns)
                .ok_or_else(|| ImportError::NoHeader(vec![name.clone()]))?;
            (sheet, columns)
        }
        None => sheets
            .iter()
            .find_map(|s| columns::find(&s.rows, &options.columns).map(|c| (s, c)))
            .ok_or_else(|| ImportError::NoHeader(names.clone()))?,
    };
    let about = about(sheets);
    let mut out = Import {
        file: file.to_owned(),
        sheet: sheet.name.clone(),
        header_row: columns.header_row + 1,
        columns: columns
            .found
            .iter()
            .map(|(role, column, header)| (*role, letter(*column), header.clone()))
            .collect(),
        ignored_columns: columns
            .ignored
            .iter()
            .map(|(role, column, header)| (*role, letter(*column), header.clone()))
            .collect(),
        unread_columns: columns
            .unread
            .iter()
            .map(|(column, header)| (letter(*column), header.clone()))
            .collect(),
        organisation: match (&options.organisation, about.get("organisation")) {
            (Some(name), _) => (clean(name.trim()).0, false),
            (None, Some(name)) if !name.trim().is_empty() => (clean(name.trim()).0, false),
            _ => {
                let stem = std::path::Path::new(file)
                    .file_stem()
                    .map(|s| clean(s.to_string_lossy().trim()).0)
                    .filter(|s| !s.is_empty())
                    .unwrap_or_else(|| "Organisation".to_owned());
                (stem, true)
            }
        },
        scope: about
            .get("scope")
            .map(|s| clean(s.trim()).0)
            .filter(|s| !s.is_empty()),
        assessed: about.get("assessed").and_then(|d| Date::parse(d.trim())),
        soa: soa_of(&about),
        ..Import::default()
    };

    let soa_sheet = columns.of(Role::Applicable).is_some();
    let (fixed, standard_from) = match (options.standard, columns.of(Role::Standard)) {
        (Some(standard), _) => (Some(standard), "--standard".to_owned()),
        (None, Some(_)) => (None, "the standard column, row by row".to_owned()),
        (None, None) if soa_sheet => {
            let excludable: Vec<StandardIndex> = catalog
                .indexes()
                .filter(|&s| catalog.standards[s].items.iter().any(|i| i.excludable))
                .collect();
            match excludable.as_slice() {
                [one] => (
                    Some(*one),
                    "the applicability column: a sheet that says which controls apply is a Statement of Applicability of the one standard whose items may be excluded".to_owned(),
                ),
                _ => return Err(ImportError::NoStandard),
            }
        }
        (None, None) => return Err(ImportError::NoStandard),
    };
    out.standard_from = standard_from;

    let mut words: Vec<(String, Option<Status>)> = options
        .statuses
        .iter()
        .map(|(w, s)| (word(w), *s))
        .collect();
    words.extend(STATUS_WORDS.iter().map(|(w, s)| (word(w), *s)));

    // Characters a status file cannot hold become U+FFFD, each reported.
    let mut replaced = Vec::new();
    let rows: Vec<Vec<String>> = sheet
        .rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            row.iter()
                .enumerate()
                .map(|(c, text)| {
                    let (clean, changed) = clean(text);
                    if changed {
                        replaced.push((r, c));
                    }
                    clean
                })
                .collect()
        })
        .collect();
    for (r, c) in replaced {
        out.problems.push(RowProblem {
            place: Place {
                sheet: sheet.name.clone(),
                row: r + 1,
                column: Some(letter(c)),
            },
            message: "a control character, which no status file can hold, is replaced by \u{fffd}"
                .to_owned(),
            outcome: Outcome::CellLeftOut,
        });
    }
    for cut in &sheet.cut {
        out.problems.push(RowProblem {
            place: Place {
                sheet: sheet.name.clone(),
                row: 0,
                column: None,
            },
            message: cut.clone(),
            outcome: Outcome::CellLeftOut,
        });
    }
    let guarded = sheet.guarded;
    let take = move |text: &str| -> String {
        if guarded {
            unguard(text).to_owned()
        } else {
            text.trim().to_owned()
        }
    };
    // A role's text; justification and notes may come from several columns.
    let cell = |row: &[String], role: Role| -> String {
        columns
            .all(role)
            .into_iter()
            .filter_map(|c| row.get(c))
            .map(|text| take(text))
            .filter(|text| !text.is_empty())
            .collect::<Vec<_>>()
            .join("; ")
    };
    // Evidence and its dates keep their lines as written, blank ones too.
    let lines = |row: &[String], role: Role| -> String {
        columns
            .of(role)
            .and_then(|c| row.get(c))
            .map(|text| text.lines().map(&take).collect::<Vec<_>>().join("\n"))
            .unwrap_or_default()
    };
    let place = |row: usize, role: Option<Role>| Place {
        sheet: sheet.name.clone(),
        row: row + 1,
        column: role.and_then(|r| columns.of(r)).map(letter),
    };
    let mut seen: BTreeMap<(StandardIndex, ItemIndex), usize> = BTreeMap::new();
    // Rows ims's own reports show as inheriting a heading's status, by heading.
    let mut inheriting: BTreeMap<(StandardIndex, ItemIndex), Vec<Imported>> = BTreeMap::new();
    let mut other_standard = 0usize;
    for (index, row) in rows.iter().enumerate().skip(columns.header_row + 1) {
        if row.iter().all(|c| c.trim().is_empty()) {
            out.blank += 1;
            continue;
        }
        out.rows += 1;
        let raw_id = cell(row, Role::Id);
        if raw_id.is_empty() {
            out.titles += 1;
            continue;
        }
        // An additional control of ims's own SoA.
        if let Some(source) = cell(row, Role::Theme).strip_prefix("Additional control: ") {
            let status_text = cell(row, Role::Status);
            let status = status_of(&status_text, &words);
            out.additional.push(AdditionalControl {
                id: raw_id.clone(),
                title: cell(row, Role::Title),
                source: source.trim().to_owned(),
                status: status.flatten(),
                justification: Some(cell(row, Role::Justification)).filter(|t| !t.is_empty()),
                pos: crate::diag::Pos::default(),
            });
            continue;
        }
        let named = cell(row, Role::Standard);
        let standard = match (fixed, catalog.standard_index(&named)) {
            (Some(standard), Some(other)) if other != standard => {
                other_standard += 1;
                continue;
            }
            (Some(standard), _) if named.is_empty() || catalog.standard_index(&named).is_some() => {
                standard
            }
            (None, Some(standard)) => standard,
            _ => {
                out.problems.push(RowProblem {
                    place: place(index, Some(Role::Standard)),
                    message: format!(
                        "unknown standard `{named}`; known standards: {}",
                        catalog.keys().collect::<Vec<_>>().join(", ")
                    ),
                    outcome: Outcome::NotPlaced,
                });
                continue;
            }
        };
        let catalogue = &catalog.standards[standard];
        let id_column = columns.of(Role::Id).unwrap_or(0);
        if sheet.numbers.contains(&(index, id_column))
            && let Some(ambiguous) = lost_zero(catalogue, &raw_id, soa_sheet)
        {
            out.problems.push(RowProblem {
                place: place(index, Some(Role::Id)),
                message: format!(
                    "the id `{raw_id}` is a number in the workbook, which cannot tell {raw_id} from {ambiguous}; format the id column as text and type the ids again"
                ),
                outcome: Outcome::NotPlaced,
            });
            continue;
        }
        let Some((item, numbered)) = place_id(catalog, standard, &raw_id, soa_sheet) else {
            out.problems.push(RowProblem {
                place: place(index, Some(Role::Id)),
                message: format!(
                    "cannot place `{raw_id}` in {}: no item has that id{}",
                    catalogue.key,
                    if soa_sheet {
                        ""
                    } else {
                        " (only on a sheet with an applicability column is `5.1` read as Annex A's `A.5.1`)"
                    }
                ),
                outcome: Outcome::NotPlaced,
            });
            continue;
        };
        if numbered {
            out.annex_numbered += 1;
        }
        // A heading, a title, or a row that decides nothing and says
        // nothing: no entry, as for an item not assessed.
        let undecided = |role: Role| {
            let text = cell(row, role);
            text.is_empty() || UNDECIDED.contains(&word(&text).as_str())
        };
        let said = !undecided(Role::Applicable)
            || !undecided(Role::Status)
            || [
                Role::Justification,
                Role::Reasons,
                Role::Risks,
                Role::Implementation,
                Role::Owner,
                Role::Evidence,
                Role::Notes,
                Role::Due,
            ]
            .iter()
            .any(|&role| !cell(row, role).is_empty());
        if !said {
            out.titles += 1;
            continue;
        }
        let inherited = cell(row, Role::InheritedFrom);
        let heading = catalogue.find(&inherited).filter(|_| !inherited.is_empty());
        let id = catalogue.items[item].id.clone();
        let mut wrong: Vec<String> = Vec::new();
        if heading.is_none() {
            match seen.get(&(standard, item)) {
                Some(&first) => {
                    wrong.push(format!("a second row for {id} (the first is row {first})"))
                }
                None => {
                    seen.insert((standard, item), index + 1);
                }
            }
        }
        let mut entry = Imported {
            standard,
            item,
            id: id.clone(),
            row: index + 1,
            ..Imported::default()
        };

        let status_text = cell(row, Role::Status);
        let status = if status_text.is_empty() {
            Some(None)
        } else {
            let found = status_of(&status_text, &words);
            if let Some(status) = found {
                out.words
                    .entry(status_text.clone())
                    .or_insert((status, 0))
                    .1 += 1;
            } else {
                let mut known: Vec<&str> = STATUS_WORDS.iter().map(|(w, _)| *w).collect();
                known.sort_unstable();
                out.problems.push(RowProblem {
                    place: place(index, Some(Role::Status)),
                    message: format!(
                        "unknown status word `{status_text}`; known words: {}; add one with --status \"{status_text}=implemented\"",
                        known.join(", ")
                    ),
                    outcome: Outcome::Commented,
                });
                wrong.push(format!("the status `{status_text}` is not a known word"));
            }
            found
        };
        let applicable = {
            let text = cell(row, Role::Applicable);
            let key = word(&text);
            if text.is_empty() || UNDECIDED.contains(&key.as_str()) {
                None
            } else if YES
                .iter()
                .any(|y| *y == text || (!key.is_empty() && word(y) == key))
            {
                Some(true)
            } else if NO
                .iter()
                .any(|n| *n == text || (!key.is_empty() && word(n) == key))
            {
                Some(false)
            } else {
                out.problems.push(RowProblem {
                    place: place(index, Some(Role::Applicable)),
                    message: format!(
                        "cannot read `{text}` as applicable or not; write yes, no, y, n, x, included or excluded"
                    ),
                    outcome: Outcome::Commented,
                });
                wrong.push(format!("applicability `{text}` is unclear"));
                None
            }
        };
        entry.status = match (applicable, status) {
            (Some(false), Some(Some(s)))
                if s != Status::NotApplicable && s != Status::NotImplemented =>
            {
                wrong.push(format!("it is marked not applicable but its status is {s}"));
                Some(s)
            }
            (Some(false), _) => Some(Status::NotApplicable),
            (Some(true), Some(Some(Status::NotApplicable))) => {
                wrong.push("it is marked applicable but its status is not-applicable".to_owned());
                None
            }
            (Some(true), Some(None)) if status_text.is_empty() => {
                out.problems.push(RowProblem {
                    place: place(index, Some(Role::Status)),
                    message: format!(
                        "{id} is applicable but has no status: written as not-assessed"
                    ),
                    outcome: Outcome::CellLeftOut,
                });
                None
            }
            (_, Some(s)) => s,
            (_, None) => None,
        };
        entry.justification = Some(cell(row, Role::Justification)).filter(|t| !t.is_empty());
        entry.owner = Some(cell(row, Role::Owner)).filter(|t| !t.is_empty());
        entry.note = Some(cell(row, Role::Notes)).filter(|t| !t.is_empty());
        entry.implementation = Some(cell(row, Role::Implementation)).filter(|t| !t.is_empty());
        entry.risks = split_list(&cell(row, Role::Risks));
        for reason in split_list(&cell(row, Role::Reasons)) {
            match Reason::parse(&word(&reason).replace(' ', "-")) {
                Some(r) if !entry.reasons.contains(&r) => entry.reasons.push(r),
                Some(_) => {}
                None => out.problems.push(RowProblem {
                    place: place(index, Some(Role::Reasons)),
                    message: format!(
                        "unknown reason `{reason}`, left out; the reasons are {}",
                        Reason::ALL.map(Reason::as_str).join(", ")
                    ),
                    outcome: Outcome::CellLeftOut,
                }),
            }
        }
        for (role, slot) in [
            (Role::Due, &mut entry.due),
            (Role::Reviewed, &mut entry.reviewed),
        ] {
            let text = cell(row, role);
            if text.is_empty() {
                continue;
            }
            match Date::parse(text.get(..10).unwrap_or(&text)) {
                Some(date) => *slot = Some(date),
                None => out.problems.push(RowProblem {
                    place: place(index, Some(role)),
                    message: format!("cannot read `{text}` as a date (YYYY-MM-DD), left out"),
                    outcome: Outcome::CellLeftOut,
                }),
            }
        }
        let semicolons = columns.of(Role::EvidenceDates).is_none();
        entry.evidence = evidence(
            &lines(row, Role::Evidence),
            &lines(row, Role::EvidenceDates),
            semicolons,
            |text| {
                out.problems.push(RowProblem {
                    place: place(index, Some(Role::EvidenceDates)),
                    message: format!(
                        "cannot read `{text}` as an evidence date (YYYY-MM-DD), left out"
                    ),
                    outcome: Outcome::CellLeftOut,
                });
            },
        );

        // What `ims validate` would refuse is written commented out.
        if entry.status == Some(Status::NotApplicable) {
            if !catalogue
                .leaves_under(item)
                .iter()
                .all(|&l| catalogue.items[l].excludable)
            {
                wrong.push(format!(
                    "{} may not be excluded: record how far it is in place instead",
                    entry.id
                ));
            } else if entry.justification.as_deref().is_none_or(|text| {
                crate::status::says_nothing(text) == Some(crate::status::Hollow::Invisible)
            }) {
                // Invisible characters alone are no justification, for
                // `ims validate` as for a blank cell.
                wrong
                    .push("excluded without a justification: say why it does not apply".to_owned());
            }
        }
        if let Some(heading) = heading
            && wrong.is_empty()
        {
            inheriting
                .entry((standard, heading))
                .or_default()
                .push(entry);
            continue;
        }
        if wrong.is_empty() {
            out.entries.push(entry);
        } else {
            out.problems.push(RowProblem {
                place: place(index, None),
                message: format!("{}: written commented out: {}", id, wrong.join("; ")),
                outcome: Outcome::Commented,
            });
            out.commented.push(Commented {
                entry,
                why: wrong.join("; "),
            });
        }
    }
    settle_inherited(catalog, &sheet.name, inheriting, &mut seen, &mut out);
    if other_standard > 0 {
        out.problems.push(RowProblem {
            place: Place {
                sheet: sheet.name.clone(),
                row: 0,
                column: None,
            },
            message: format!(
                "{other_standard} row(s) of other standards are left out, as --standard asks"
            ),
            outcome: Outcome::NotPlaced,
        });
    }
    out.entries.sort_by_key(|e| (e.standard, e.item));
    Ok(out)
}

/// Whether two entries say the same, wherever they come from.
fn same_content(a: &Imported, b: &Imported) -> bool {
    Imported {
        standard: b.standard,
        item: b.item,
        id: b.id.clone(),
        row: b.row,
        ..a.clone()
    } == *b
}

/// Rows that show a status inherited from a heading give the heading its
/// entry: what most of them say. A row that says something else was edited
/// in the sheet and keeps an entry of its own.
fn settle_inherited(
    catalog: &Catalog,
    sheet: &str,
    inheriting: BTreeMap<(StandardIndex, ItemIndex), Vec<Imported>>,
    seen: &mut BTreeMap<(StandardIndex, ItemIndex), usize>,
    out: &mut Import,
) {
    for ((standard, heading), rows) in inheriting {
        // The content most rows share; the first of them on a tie.
        let Some(common) = rows
            .iter()
            .max_by_key(|row| {
                let agreeing = rows.iter().filter(|other| same_content(row, other)).count();
                (agreeing, std::cmp::Reverse(row.row))
            })
            .cloned()
        else {
            continue;
        };
        seen.insert((standard, heading), common.row);
        out.entries.push(Imported {
            item: heading,
            id: catalog.standards[standard].items[heading].id.clone(),
            ..common.clone()
        });
        for row in rows.into_iter().filter(|row| !same_content(row, &common)) {
            match seen.get(&(standard, row.item)) {
                Some(&first) => {
                    let why = format!("a second row for {} (the first is row {first})", row.id);
                    out.problems.push(RowProblem {
                        place: Place {
                            sheet: sheet.to_owned(),
                            row: row.row,
                            column: None,
                        },
                        message: format!("{}: written commented out: {why}", row.id),
                        outcome: Outcome::Commented,
                    });
                    out.commented.push(Commented { why, entry: row });
                }
                None => {
                    seen.insert((standard, row.item), row.row);
                    out.entries.push(row);
                }
            }
        }
    }
}

/// Text with the characters no status file can hold (control characters
/// other than tab and line ends, and non-characters) replaced by U+FFFD;
/// whether any was.
fn clean(text: &str) -> (String, bool) {
    let bad = |c: char| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r'))
            || ('\u{7f}'..='\u{9f}').contains(&c)
            || matches!(c, '\u{fffe}' | '\u{ffff}')
    };
    if text.chars().any(bad) {
        (
            text.chars()
                .map(|c| if bad(c) { '\u{fffd}' } else { c })
                .collect(),
            true,
        )
    } else {
        (text.to_owned(), false)
    }
}

/// For an id read from a number cell: the id it may have been before the
/// number lost its trailing zero (`7.1` for `7.10`), when that id exists too.
fn lost_zero(catalogue: &crate::model::Standard, raw: &str, soa_sheet: bool) -> Option<String> {
    if !raw.contains('.') {
        return None;
    }
    let padded = format!("{raw}0");
    let prefixes: &[&str] = if soa_sheet { &["", "A."] } else { &[""] };
    prefixes
        .iter()
        .map(|p| format!("{p}{padded}"))
        .find(|id| catalogue.find(id).is_some())
        .map(|_| padded)
}

/// A cell without the `'` that ims's formula guard puts before text that
/// a spreadsheet would run.
fn unguard(text: &str) -> &str {
    let trimmed = text.trim();
    match trimmed.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => trimmed,
    }
}

fn status_of(text: &str, words: &[(String, Option<Status>)]) -> Option<Option<Status>> {
    let key = word(text);
    words.iter().find(|(w, _)| *w == key).map(|(_, s)| *s)
}

/// Splits a list cell at line ends and semicolons; commas too when there
/// is neither.
fn split_list(text: &str) -> Vec<String> {
    let parts: Vec<&str> = if text.contains(['\n', ';']) {
        text.split(['\n', ';']).collect()
    } else {
        text.split(',').collect()
    };
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Evidence from a references cell and a dates cell: one per line, the
/// dates beside their references. On a sheet without a dates column (not
/// one of ims's own) a single line is also split at semicolons, and a
/// reference may end in a date in brackets as ims once wrote it.
fn evidence(
    references: &str,
    dates: &str,
    semicolons: bool,
    mut bad_date: impl FnMut(&str),
) -> Vec<Evidence> {
    let refs: Vec<&str> = if references.contains('\n') || !semicolons {
        references.lines().collect()
    } else {
        references.split(';').collect()
    };
    let dates: Vec<&str> = dates.lines().collect();
    let mut out = Vec::new();
    for (n, reference) in refs.iter().enumerate() {
        let mut reference = reference.trim().to_owned();
        if reference.is_empty() {
            continue;
        }
        let mut date = None;
        match dates.get(n).map(|d| d.trim()).filter(|d| !d.is_empty()) {
            Some(text) => match Date::parse(text) {
                Some(d) => date = Some(d),
                None => bad_date(text),
            },
            None => {
                // `Policy v2 (2026-03-02)`, as the SoA was once written.
                if let Some(open) = reference.rfind(" (")
                    && reference.ends_with(')')
                    && let Some(d) = Date::parse(&reference[open + 2..reference.len() - 1])
                {
                    date = Some(d);
                    reference.truncate(open);
                }
            }
        }
        out.push(Evidence { reference, date });
    }
    out
}

/// Places an id in a standard: as written, then with spacing and
/// zero-padding forgiven, then (on an SoA sheet only) in Annex A numbering.
/// Returns the item and whether the Annex A rule placed it.
fn place_id(
    catalog: &Catalog,
    standard: StandardIndex,
    raw: &str,
    soa_sheet: bool,
) -> Option<(ItemIndex, bool)> {
    let catalogue = &catalog.standards[standard];
    // The id is the first word when a title follows it in the same cell.
    let first = raw.split_whitespace().next().unwrap_or(raw);
    // On a Statement of Applicability the rows are controls: a bare number
    // such as `5.1` is Annex A's `A.5.1`, never clause 5.1.
    if soa_sheet && first.starts_with(|c: char| c.is_ascii_digit()) {
        let numbers: Option<Vec<String>> = first
            .trim_end_matches('.')
            .split('.')
            .map(|p| p.parse::<u32>().ok().map(|n| n.to_string()))
            .collect();
        if let Some(numbers) = numbers
            && let Some(annex) = catalogue.find(&format!("A.{}", numbers.join(".")))
        {
            return Some((annex, true));
        }
    }
    for candidate in [raw, first] {
        if let Some(item) = catalogue.find(candidate.trim()) {
            return Some((item, false));
        }
    }
    // `A 5.1`, `A5.1`, `a.05.01`: a letter prefix, then numbers.
    let compact: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    let (prefix, numbers) = match compact.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => {
            let rest = compact[c.len_utf8()..].trim_start_matches('.');
            (Some(c.to_ascii_uppercase()), rest.to_owned())
        }
        _ => (None, compact.clone()),
    };
    let parts: Option<Vec<String>> = numbers
        .trim_end_matches('.')
        .split('.')
        .map(|p| p.parse::<u32>().ok().map(|n| n.to_string()))
        .collect();
    let numbers = parts?.join(".");
    match prefix {
        Some(letter) => catalogue
            .find(&format!("{letter}.{numbers}"))
            .map(|item| (item, false)),
        None => catalogue.find(&numbers).map(|item| (item, false)),
    }
}

/// The facts of an About sheet (ims's own workbook): label to value,
/// labels lowercased.
fn about(sheets: &[Sheet]) -> BTreeMap<String, String> {
    sheets
        .iter()
        .filter(|s| s.name.eq_ignore_ascii_case("about"))
        .flat_map(|s| &s.rows)
        .filter_map(|row| match row.as_slice() {
            [label, value, ..] => Some((label.trim().to_lowercase(), value.trim().to_owned())),
            _ => None,
        })
        .collect()
}

fn soa_of(about: &BTreeMap<String, String>) -> Option<SoaApproval> {
    let get = |key: &str| about.get(key).filter(|v| !v.is_empty()).cloned();
    let soa = SoaApproval {
        version: get("soa version"),
        approved_by: get("approved by"),
        approved_on: get("approved on").and_then(|d| Date::parse(&d)),
        risk_assessment: get("risk assessment").and_then(|d| Date::parse(&d)),
        risk_treatment_plan: get("risk treatment plan"),
        history: Vec::new(),
    };
    (soa != SoaApproval::default()).then_some(soa)
}

#[cfg(test)]
mod tests;
