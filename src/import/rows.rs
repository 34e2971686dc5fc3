//! Reading the rows below the header, one at a time, into entries: the
//! id placed, the status and applicability read, the text fields taken,
//! and what `ims validate` would refuse written commented out. Rows that
//! show a status inherited from a heading are gathered for `inherit`.

use std::collections::{BTreeMap, BTreeSet};

use super::ciso_assistant::Audit;
use super::columns::{self, Columns, Role};
use super::ids::{lost_zero, place_id};
use super::lists::{evidence, read_date, slashed, split_list};
use super::read::{Row, Sheet};
use super::words::{Words, key as word};
use super::{Commented, Import, Imported, Place, problem};
use crate::date::Date;
use crate::diag::ProblemCode;
use crate::model::{Catalog, ItemIndex, StandardIndex};
use crate::status::{AdditionalControl, Evidence, Hollow, Reason, Status, says_nothing};

/// A row that shows its status inherited from `heading`.
#[derive(Debug, Clone)]
pub(super) struct Claim {
    /// The heading named, above the row's item.
    pub heading: ItemIndex,
    /// The row as an entry of its own item.
    pub entry: Imported,
}

/// What became of one row below the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RowOutcome {
    /// Nothing in it.
    Blank,
    /// A section or heading row, a title, or an item the row decides and
    /// says nothing of.
    Title,
    /// An additional control of ims's own SoA.
    Additional,
    /// No entry: its standard or item cannot be placed (said), or
    /// --standard leaves its standard out.
    NotPlaced,
    /// An entry of its own item, written as it is or commented out.
    Entry,
    /// An entry that shows its status inherited from a heading, settled
    /// with the heading's other rows.
    Inherits,
}

/// What every row is read against.
pub(super) struct Rows<'a> {
    /// The catalogue.
    pub catalog: &'a Catalog,
    /// The sheet read.
    pub sheet: &'a Sheet,
    /// Its columns.
    pub columns: &'a Columns,
    /// The words of statuses and applicability, the user's first.
    pub words: Words,
    /// The standard of every row, when one is.
    pub fixed: Option<StandardIndex>,
    /// Whether the sheet has an applicability column: a Statement of
    /// Applicability, whose rows are controls.
    pub soa_sheet: bool,
    /// The import so far.
    pub out: Import,
    /// The first row of each item, from 1.
    pub seen: BTreeMap<(StandardIndex, ItemIndex), usize>,
    /// Items named by a row that says nothing of them.
    pub silent: BTreeSet<(StandardIndex, ItemIndex)>,
    /// Rows that show a status inherited from a heading.
    pub claims: Vec<Claim>,
    /// Rows of other standards left out, as --standard asks.
    pub other_standard: usize,
    /// The titles of each standard's items, as compared, for telling a
    /// row that carries another item's title; made when first needed.
    pub titles: BTreeMap<StandardIndex, Titles>,
    /// Cells whose leading or trailing spaces were not kept, and the first.
    pub trimmed: (usize, Option<Place>),
    /// The columns of CISO Assistant's audit export, when the sheet is one.
    pub audit: Option<Audit>,
    /// Rows (from 1) and how many of the reasons each is written commented
    /// out for were said already, each by its own problem: a row whose
    /// every reason was said gets no second line for it.
    pub said: BTreeMap<usize, usize>,
    /// Whether a row used a status word, and an applicability word, that
    /// ims does not know: the known ones are then listed once, at the end.
    pub unknown: (bool, bool),
}

impl Rows<'_> {
    /// Where a row, or one of its role's cells, is.
    fn place(&self, index: usize, role: Option<Role>) -> Place {
        Place {
            sheet: self.sheet.name.clone(),
            row: index + 1,
            column: role.and_then(|r| self.columns.of(r)),
        }
    }

    /// Records a problem of the row at `index` (from 0), in the cell of
    /// `role` when one is meant.
    fn problem(&mut self, index: usize, role: Option<Role>, code: ProblemCode, message: String) {
        let place = self.place(index, role);
        let problem = problem(&self.out.file, &place, code, message);
        self.out.problems.push(problem);
    }

    /// A cell as written, without the `'` that ims's formula guard put
    /// before text a spreadsheet would run (CSV only: a workbook cell is
    /// typed text and carries none).
    fn raw<'r>(&self, row: &'r Row, column: usize) -> &'r str {
        let text = row.get(column).unwrap_or("");
        if self.sheet.guarded {
            unguard(text)
        } else {
            text
        }
    }

    /// A token: an id, a status, a date; trimmed.
    fn token(&self, row: &Row, role: Role) -> String {
        self.columns
            .of(role)
            .map_or(String::new(), |c| self.raw(row, c).trim().to_owned())
    }

    /// Free text of a role, from all its columns joined by `; `; `None`
    /// when blank. A status file holds text trimmed, so leading and
    /// trailing spaces are counted as not kept.
    fn text(&mut self, index: usize, row: &Row, role: Role) -> Option<String> {
        let mut parts = Vec::new();
        for column in self.columns.all(role) {
            let text = self.raw(row, column);
            let trimmed = text.trim();
            if trimmed.is_empty() {
                continue;
            }
            if trimmed.len() != text.len() {
                self.trimmed.0 += 1;
                if self.trimmed.1.is_none() {
                    self.trimmed.1 = Some(Place {
                        sheet: self.sheet.name.clone(),
                        row: index + 1,
                        column: Some(column),
                    });
                }
            }
            parts.push(trimmed.to_owned());
        }
        (!parts.is_empty()).then(|| parts.join("; "))
    }

    /// Whether the row says anything of its item beyond its id and title.
    fn says_something(&self, row: &Row) -> bool {
        let undecided = |role: Role| self.words.undecided(&self.token(row, role));
        !undecided(Role::Applicable)
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
            .any(|&role| !self.token(row, role).is_empty())
    }

    /// Reads the row at `index` (from 0).
    pub fn read(&mut self, index: usize, row: &Row) -> RowOutcome {
        if row.is_blank() {
            return RowOutcome::Blank;
        }
        let raw_id = self.token(row, Role::Id);
        if raw_id.is_empty() {
            return RowOutcome::Title;
        }
        if let Some(source) = self
            .token(row, Role::Theme)
            .strip_prefix("Additional control: ")
        {
            self.additional(index, row, raw_id, source.trim().to_owned());
            return RowOutcome::Additional;
        }
        if let (Some(audit), Some(tally)) = (&self.audit, &mut self.out.audit)
            && audit.is_heading(row)
        {
            tally.headings += 1;
            return RowOutcome::Title;
        }
        let Some(standard) = self.standard(index, row) else {
            return RowOutcome::NotPlaced;
        };
        let Some(item) = self.item(index, standard, &raw_id) else {
            return RowOutcome::NotPlaced;
        };
        if !self.says_something(row) && !self.audit.as_ref().is_some_and(|a| a.says_something(row))
        {
            self.silent.insert((standard, item));
            return RowOutcome::Title;
        }
        let catalogue = &self.catalog.standards[standard];
        let id = catalogue.items[item].id.clone();
        let heading = self.heading(index, row, standard, item);
        let mut wrong: Vec<String> = Vec::new();
        if let Some((other, title)) = self.titled_as_another(row, standard, item) {
            let items = &self.catalog.standards[standard].items;
            let (other, own) = (&items[other], &items[item]);
            wrong.push(format!(
                "its title `{title}` is that of {} ({}), not of {} ({}): check which control the row is about",
                other.id,
                other.title,
                own.id,
                own.title
            ));
        }
        if heading.is_none() {
            match self.seen.get(&(standard, item)) {
                Some(&first) => {
                    wrong.push(format!("a second row for {id} (the first is row {first})"));
                }
                None => {
                    self.seen.insert((standard, item), index + 1);
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
        let status = self.status_word(index, row, &mut wrong);
        let applicable = self.applicability(index, row, &mut wrong);
        (entry.status, entry.included) = decide(applicable, status, &mut wrong);
        self.fields(index, row, &mut entry);
        if let (Some(audit), Some(tally)) = (&self.audit, &mut self.out.audit) {
            audit.complete(row, &mut entry, tally);
        }
        wrong.extend(invalid(self.catalog, &entry));
        self.heading_status(index, &entry);
        match heading {
            Some(heading) if wrong.is_empty() => {
                self.claims.push(Claim { heading, entry });
                RowOutcome::Inherits
            }
            _ => {
                self.keep(entry, wrong);
                RowOutcome::Entry
            }
        }
    }

    /// Says that a status written on a heading's row (`A.8`) stands for
    /// every item beneath it without a row of its own, as a status file
    /// reads it: one row then speaks for many.
    fn heading_status(&mut self, index: usize, entry: &Imported) {
        let catalogue = &self.catalog.standards[entry.standard];
        if catalogue.items[entry.item].children.is_empty() || entry.status.is_none() {
            return;
        }
        let beneath = catalogue.leaves_under(entry.item).len();
        let message = format!(
            "{} is a heading: its status stands for the items beneath it ({beneath}) that have no row of their own",
            entry.id
        );
        self.problem(
            index,
            Some(Role::Status),
            ProblemCode::HeadingStatus,
            message,
        );
    }

    /// An entry as it is, or commented out with what is wrong with it.
    pub fn keep(&mut self, entry: Imported, wrong: Vec<String>) {
        if wrong.is_empty() {
            self.out.entries.push(entry);
            return;
        }
        let why = wrong.join("; ");
        if self
            .said
            .get(&entry.row)
            .is_some_and(|&said| said >= wrong.len())
        {
            self.out.commented.push(Commented { entry, why });
            return;
        }
        let place = Place {
            sheet: self.sheet.name.clone(),
            row: entry.row,
            column: None,
        };
        self.out.problems.push(problem(
            &self.out.file,
            &place,
            ProblemCode::CommentedOut,
            format!("{}: written commented out: {why}", entry.id),
        ));
        self.out.commented.push(Commented { entry, why });
    }

    /// An additional control of ims's own SoA; one without a title or a
    /// source is written commented out, as `ims validate` would refuse it.
    fn additional(&mut self, index: usize, row: &Row, id: String, source: String) {
        let status = self
            .words
            .status_of(&self.token(row, Role::Status))
            .and_then(|(s, _)| s);
        let control = AdditionalControl {
            title: self.text(index, row, Role::Title).unwrap_or_default(),
            justification: self.justification(index, row, status),
            id,
            source,
            status,
            pos: crate::diag::Pos::default(),
        };
        let mut wrong: Vec<&str> = Vec::new();
        if control.title.is_empty() {
            wrong.push("it has no title");
        }
        if control.source.is_empty() {
            wrong.push("it names no source");
        }
        let unjustified = (control.status == Some(Status::NotApplicable))
            .then(|| unjustified(control.justification.as_deref()))
            .flatten();
        if let Some(why) = &unjustified {
            wrong.push(why);
        }
        if self.out.additional.iter().any(|c| c.id == control.id)
            || self
                .out
                .additional_commented
                .iter()
                .any(|(c, _)| c.id == control.id)
        {
            wrong.push("a second row for this additional control");
        }
        if wrong.is_empty() {
            self.out.additional.push(control);
            return;
        }
        let why = wrong.join("; ");
        self.problem(
            index,
            None,
            ProblemCode::CommentedOut,
            format!(
                "additional control {}: written commented out: {why}",
                control.id
            ),
        );
        self.out.additional_commented.push((control, why));
    }

    /// The item of `standard` whose title the row's title is, when that is
    /// not the row's own `item`: the same title as compared, or a near
    /// spelling of it that is far from the item's own. A row under the
    /// wrong id is written commented out, never under the wrong control.
    fn titled_as_another(
        &mut self,
        row: &Row,
        standard: StandardIndex,
        item: ItemIndex,
    ) -> Option<(ItemIndex, String)> {
        // The title column, else the title written after the id in its
        // own cell (`A.5.12 Threat intelligence`).
        let mut written = self.token(row, Role::Title);
        if written.is_empty() {
            written = self
                .token(row, Role::Id)
                .split_once(char::is_whitespace)
                .map(|(_, rest)| rest.trim().to_owned())
                .unwrap_or_default();
        }
        let title = columns::normalise(&written);
        if title.is_empty() {
            return None;
        }
        let catalog = self.catalog;
        let titles = self
            .titles
            .entry(standard)
            .or_insert_with(|| Titles::of(&catalog.standards[standard].items));
        let items = &catalog.standards[standard].items;
        let lineage = |a: ItemIndex, b: ItemIndex| {
            std::iter::successors(items[a].parent, |&p| items[p].parent).any(|p| p == b)
        };
        // A heading's title on one of its items (`Leadership` on 5.1
        // Leadership and commitment) names where the row belongs.
        titles
            .other_than(&title, item)
            .filter(|&other| !lineage(item, other) && !lineage(other, item))
            .map(|other| (other, written))
    }

    /// The row's standard: fixed, or from its standard column.
    fn standard(&mut self, index: usize, row: &Row) -> Option<StandardIndex> {
        let named = self.token(row, Role::Standard);
        let found = self.catalog.standard_index(&named);
        match (self.fixed, found) {
            (Some(standard), Some(other)) if other != standard => {
                self.other_standard += 1;
                None
            }
            (Some(standard), _) if named.is_empty() || found.is_some() => Some(standard),
            (None, Some(standard)) => Some(standard),
            _ => {
                let known = self.catalog.keys().collect::<Vec<_>>().join(", ");
                self.problem(
                    index,
                    Some(Role::Standard),
                    ProblemCode::UnknownStandard,
                    format!("unknown standard `{named}`; known standards: {known}"),
                );
                None
            }
        }
    }

    /// The row's item, or a problem saying why it has none.
    fn item(&mut self, index: usize, standard: StandardIndex, raw_id: &str) -> Option<ItemIndex> {
        let catalogue = &self.catalog.standards[standard];
        let id_column = self.columns.of(Role::Id).unwrap_or(0);
        if self.sheet.numbers.contains(&(index, id_column))
            && let Some(ambiguous) = lost_zero(catalogue, raw_id, self.soa_sheet)
        {
            self.problem(
                index,
                Some(Role::Id),
                ProblemCode::IdAsNumber,
                format!(
                    "the id `{raw_id}` is a number in the workbook, which cannot tell {raw_id} from {ambiguous}; format the id column as text and type the ids again"
                ),
            );
            return None;
        }
        let Some((item, numbered)) = place_id(self.catalog, standard, raw_id, self.soa_sheet)
        else {
            let message = format!(
                "cannot place `{raw_id}` in {}: no item has that id{}",
                catalogue.key,
                if self.soa_sheet {
                    ""
                } else {
                    " (only on a sheet with an applicability column is `5.1` read as Annex A's `A.5.1`)"
                }
            );
            self.problem(index, Some(Role::Id), ProblemCode::UnknownItem, message);
            return None;
        };
        // `A.5.4 / A.5.5`, `A.5.10 and A.5.11`: one status for several
        // items is no entry of any one of them.
        let others: Vec<String> = raw_id
            .split(|c: char| c.is_whitespace() || "/,;&+".contains(c))
            .skip(1)
            .filter(|token| token.contains('.'))
            .filter_map(|token| place_id(self.catalog, standard, token, self.soa_sheet))
            .map(|(other, _)| catalogue.items[other].id.clone())
            .filter(|other| *other != catalogue.items[item].id)
            .collect();
        if !others.is_empty() {
            let message = format!(
                "the id cell `{raw_id}` names more than one item ({}, {}): give each its own row",
                catalogue.items[item].id,
                others.join(", ")
            );
            self.problem(index, Some(Role::Id), ProblemCode::SeveralIds, message);
            return None;
        }
        if numbered {
            self.out.annex_numbered += 1;
        }
        Some(item)
    }

    /// The heading the row shows its status inherited from, when that is
    /// a heading above the row's own item; anything else is said, and the
    /// row keeps an entry of its own.
    fn heading(
        &mut self,
        index: usize,
        row: &Row,
        standard: StandardIndex,
        item: ItemIndex,
    ) -> Option<ItemIndex> {
        let inherited = self.token(row, Role::InheritedFrom);
        if inherited.is_empty() {
            return None;
        }
        let catalogue = &self.catalog.standards[standard];
        let id = &catalogue.items[item].id;
        let heading = catalogue.find(&inherited);
        let above = heading.filter(|&heading| {
            std::iter::successors(catalogue.items[item].parent, |&p| catalogue.items[p].parent)
                .any(|parent| parent == heading)
        });
        if above.is_none() {
            let what = if heading.is_some() {
                format!("`{inherited}` is not a heading above {id}")
            } else {
                format!("{} has no item `{inherited}`", catalogue.key)
            };
            self.problem(
                index,
                Some(Role::InheritedFrom),
                ProblemCode::OwnEntry,
                format!(
                    "the status is shown inherited from `{inherited}`, but {what}: written as {id}'s own entry"
                ),
            );
        }
        above
    }

    /// The row's status word: `Some(None)` for a blank cell or one that
    /// decides nothing, `None` for a word ims does not know (said, with a
    /// hint, and the row marked to be written commented out).
    fn status_word(
        &mut self,
        index: usize,
        row: &Row,
        wrong: &mut Vec<String>,
    ) -> Option<Option<Status>> {
        let text = self.token(row, Role::Status);
        if text.is_empty() {
            return Some(None);
        }
        if let Some((status, _)) = self.words.status_of(&text) {
            self.out.words.entry(text).or_insert((status, 0)).1 += 1;
            return Some(status);
        }
        self.unknown.0 = true;
        let hint = match self.words.status_hint(&text) {
            Some((status, known)) => format!(
                "it reads like `{}`: add it with {}",
                known.text.to_lowercase(),
                flag(
                    "--status",
                    &format!(
                        "{text}={}",
                        status.map_or(crate::status::NOT_ASSESSED, Status::as_str)
                    )
                )
            ),
            None => format!(
                "say what it means with {} (the statuses are listed below)",
                flag("--status", &format!("{text}=STATUS"))
            ),
        };
        self.problem(
            index,
            Some(Role::Status),
            ProblemCode::UnknownWord,
            format!("unknown status word `{text}`, so the row is written commented out; {hint}"),
        );
        wrong.push(format!("the status `{text}` is not a known word"));
        *self.said.entry(index + 1).or_default() += 1;
        None
    }

    /// Whether the row says its item applies (`Some(true)`), does not
    /// (`Some(false)`), or decides nothing (`None`, also for a word ims does
    /// not know, said with a hint and the row marked as for a status word).
    fn applicability(&mut self, index: usize, row: &Row, wrong: &mut Vec<String>) -> Option<bool> {
        let text = self.token(row, Role::Applicable);
        if let Ok(applicable) = self.words.applicability(&text) {
            return applicable;
        }
        self.unknown.1 = true;
        let hint = match self.words.applicable_hint(&text) {
            Some((yes, known)) => format!(
                "it reads like `{}`: add it with {}",
                known.text.to_lowercase(),
                flag(
                    "--applicable",
                    &format!("{text}={}", if yes { "yes" } else { "no" })
                )
            ),
            None => format!(
                "say which with {} or {}",
                flag("--applicable", &format!("{text}=yes")),
                flag("--applicable", &format!("{text}=no"))
            ),
        };
        self.problem(
            index,
            Some(Role::Applicable),
            ProblemCode::UnknownWord,
            format!(
                "cannot read `{text}` as applicable or not, so the row is written commented out; {hint}"
            ),
        );
        wrong.push(format!("applicability `{text}` is unclear"));
        *self.said.entry(index + 1).or_default() += 1;
        None
    }

    /// The row's justification. An exclusion's hollow one is kept, for
    /// `invalid` to write the row commented out; any other is left out, as
    /// the blank it stands for, and said.
    fn justification(&mut self, index: usize, row: &Row, status: Option<Status>) -> Option<String> {
        let text = self.text(index, row, Role::Justification)?;
        let hollow = says_nothing(&text).filter(|_| status != Some(Status::NotApplicable));
        let Some(hollow) = hollow else {
            return Some(text);
        };
        let message = format!(
            "the justification{}, so it says nothing: left out",
            hollow_words(&text, hollow)
        );
        self.problem(
            index,
            Some(Role::Justification),
            ProblemCode::HollowText,
            message,
        );
        None
    }

    /// The row's text fields, reasons, risks, dates and evidence.
    fn fields(&mut self, index: usize, row: &Row, entry: &mut Imported) {
        entry.justification = self.justification(index, row, entry.status);
        entry.owner = self.text(index, row, Role::Owner);
        entry.note = self.text(index, row, Role::Notes);
        entry.implementation = self.text(index, row, Role::Implementation);
        let own_sheet = self.columns.of(Role::EvidenceDates).is_some();
        let risks = self.text(index, row, Role::Risks).unwrap_or_default();
        entry.risks = split_list(&risks, own_sheet);
        entry.reasons = self.reasons(index, row);
        entry.due = self.date(index, row, Role::Due);
        entry.reviewed = self.date(index, row, Role::Reviewed);
        entry.evidence = self.evidence(index, row, own_sheet);
    }

    /// The row's reasons for inclusion, each once; a word that is none of
    /// them is said and left out.
    fn reasons(&mut self, index: usize, row: &Row) -> Vec<Reason> {
        let mut reasons = Vec::new();
        let text = self.text(index, row, Role::Reasons).unwrap_or_default();
        for reason in split_list(&text, false) {
            match Reason::parse(&word(&reason).replace(' ', "-")) {
                Some(r) if !reasons.contains(&r) => reasons.push(r),
                Some(_) => {}
                None => self.problem(
                    index,
                    Some(Role::Reasons),
                    ProblemCode::UnknownReason,
                    format!(
                        "unknown reason `{reason}`, left out; the reasons are {}",
                        Reason::ALL.map(Reason::as_str).join(", ")
                    ),
                ),
            }
        }
        reasons
    }

    /// The date in the row's cell of `role`; one that cannot be read whole
    /// is said and left out.
    fn date(&mut self, index: usize, row: &Row, role: Role) -> Option<Date> {
        let text = self.token(row, role);
        if text.is_empty() {
            return None;
        }
        let date = read_date(&text);
        if date.is_none() {
            let message = match slashed(&text) {
                Some((a, b, year)) if a <= 12 && b <= 12 => format!(
                    "`{text}` reads as day {a:02} of month {b:02} or as day {b:02} of month {a:02}, so it is left out: write it {year}-MM-DD"
                ),
                _ => format!("cannot read `{text}` as a date (YYYY-MM-DD or DD.MM.YYYY), left out"),
            };
            self.problem(index, Some(role), ProblemCode::InvalidValue, message);
        }
        date
    }

    /// The row's evidence, each reference with its date where given; a date
    /// that cannot be read is said and left out, its reference kept.
    fn evidence(&mut self, index: usize, row: &Row, own_sheet: bool) -> Vec<Evidence> {
        let references = self
            .columns
            .of(Role::Evidence)
            .map_or("", |c| self.raw(row, c));
        let dates = self
            .columns
            .of(Role::EvidenceDates)
            .map_or("", |c| self.raw(row, c));
        let mut bad = Vec::new();
        let evidence = evidence(references, dates, !own_sheet, |text| {
            bad.push(text.to_owned());
        });
        for text in bad {
            self.problem(
                index,
                Some(Role::EvidenceDates),
                ProblemCode::InvalidValue,
                format!("cannot read `{text}` as an evidence date (YYYY-MM-DD), left out"),
            );
        }
        evidence
    }
}

/// A flag with `value` as a shell reads it back as written, to paste from
/// a hint: in double quotes when nothing in it is special there, else in
/// single quotes; joined by `=` when it starts with `-`, which would read
/// as a flag of its own.
pub(super) fn flag(name: &str, value: &str) -> String {
    let quoted = if value.contains(['"', '\\', '$', '`', '!']) {
        format!("'{}'", value.replace('\'', "'\\''"))
    } else {
        format!("\"{value}\"")
    };
    if value.starts_with('-') {
        format!("{name}={quoted}")
    } else {
        format!("{name} {quoted}")
    }
}

/// The titles of one standard's items, normalised, for telling a row
/// titled as another item.
#[derive(Debug, Default)]
pub(super) struct Titles {
    /// Each item's title as compared, by item.
    own: Vec<String>,
    /// The items that have each title.
    items: std::collections::HashMap<String, Vec<ItemIndex>>,
    /// Near spellings still worked out: each compares a title with every
    /// item's, so a sheet of thousands of odd titles stops at this many.
    near_left: usize,
}

/// How many rows' titles are compared with every item's for a near
/// spelling, after which only the same title is told.
const NEAR_TITLES: usize = 500;

impl Titles {
    fn of(items: &[crate::model::Item]) -> Self {
        let own: Vec<String> = items.iter().map(|i| columns::normalise(&i.title)).collect();
        let mut by_title: std::collections::HashMap<String, Vec<ItemIndex>> =
            std::collections::HashMap::new();
        for (index, title) in own.iter().enumerate() {
            by_title
                .entry(title.clone())
                .or_default()
                .push(ItemIndex::new(index));
        }
        Titles {
            own,
            items: by_title,
            near_left: NEAR_TITLES,
        }
    }

    /// The one other item whose title `title` (normalised) is, or nearly
    /// is, when the item's own title is not it. Titles many items share
    /// ("General") tell nothing.
    fn other_than(&mut self, title: &str, item: ItemIndex) -> Option<ItemIndex> {
        let own = self.own.get(item.get())?;
        // The item's own title, or a shortening of it, is the item's.
        if own == title || own.starts_with(title) {
            return None;
        }
        if let Some(same) = self.items.get(title) {
            return match same.as_slice() {
                [other] => Some(*other),
                _ => None,
            };
        }
        let near = |a: &str, b: &str| strsim::normalized_damerau_levenshtein(a, b);
        if self.near_left == 0 || near(title, own) >= 0.8 {
            return None;
        }
        self.near_left -= 1;
        let mut close = self
            .own
            .iter()
            .enumerate()
            .filter(|&(other, t)| other != item.get() && near(title, t) >= 0.9);
        match (close.next(), close.next()) {
            (Some((other, _)), None) => Some(ItemIndex::new(other)),
            _ => None,
        }
    }
}

/// The entry's status, and whether it is included with no status, from
/// what the row's applicability and status cells say; a contradiction is
/// added to `wrong`, for the row to be written commented out.
fn decide(
    applicable: Option<bool>,
    status: Option<Option<Status>>,
    wrong: &mut Vec<String>,
) -> (Option<Status>, bool) {
    match (applicable, status) {
        (Some(false), Some(Some(s)))
            if s != Status::NotApplicable && s != Status::NotImplemented =>
        {
            wrong.push(format!("it is marked not applicable but its status is {s}"));
            (Some(s), false)
        }
        (Some(false), _) => (Some(Status::NotApplicable), false),
        (Some(true), Some(Some(Status::NotApplicable))) => {
            wrong.push("it is marked applicable but its status is not-applicable".to_owned());
            (None, false)
        }
        // Included, its status blank or not assessed: the decision is kept.
        (Some(true), Some(None)) => (None, true),
        (_, Some(s)) => (s, false),
        (_, None) => (None, false),
    }
}

/// What `ims validate` would refuse in an entry, in words.
pub(super) fn invalid(catalog: &Catalog, entry: &Imported) -> Vec<String> {
    let mut wrong = Vec::new();
    if entry.status == Some(Status::NotApplicable) {
        let catalogue = &catalog.standards[entry.standard];
        if !catalogue
            .leaves_under(entry.item)
            .iter()
            .all(|&l| catalogue.items[l].excludable)
        {
            wrong.push(format!(
                "{} may not be excluded: record how far it is in place instead",
                entry.id
            ));
        } else if let Some(why) = unjustified(entry.justification.as_deref()) {
            wrong.push(format!("{why}: say why it does not apply"));
        }
    }
    wrong
}

/// Why an exclusion's justification is none, judged as `ims validate` and
/// `ims soa --check` judge it; `None` when it says something. A blank cell,
/// invisible characters alone and a placeholder (`N/A`, `-`, `TBD`) all
/// leave the exclusion unexplained, so the row is written commented out.
fn unjustified(justification: Option<&str>) -> Option<String> {
    let Some(text) = justification else {
        return Some("excluded without a justification".to_owned());
    };
    says_nothing(text).map(|hollow| {
        format!(
            "excluded without a justification: the one given{}",
            hollow_words(text, hollow)
        )
    })
}

/// What makes `text` no justification, to follow "the justification".
fn hollow_words(text: &str, hollow: Hollow) -> String {
    match hollow {
        Hollow::Placeholder => format!(", `{text}`, {}", hollow.describe()),
        Hollow::Invisible => format!(" {}", hollow.describe()),
    }
}

/// A cell without the `'` that ims's formula guard put on it.
pub(super) use crate::render::csv::unguard;
