//! Checking a raw status file against the catalogue, collecting every
//! problem with its position and a suggested fix.

use std::collections::{BTreeMap, HashMap};

use super::raw::{RawEntry, RawEvidence, RawField, RawLong, RawMap, RawStatusFile, RawTop};
use super::{
    AdditionalControl, Assessment, Certificate, Entry, EntryField, Evidence, META_KEYS,
    NOT_ASSESSED, PlanSettings, Priority, Reason, Section, Status,
};
use crate::date::Date;
use crate::diag::{InvalidInput, NextStep, Pos, Problem, ProblemCode, Problems, SHOWN, UnknownId};
use crate::model::{Catalog, ItemIndex, Standard, StandardIndex};
use crate::suggest;
use crate::yaml::{self, Located};

/// Words people write for a status, and the status they probably mean.
const STATUS_SYNONYMS: &[(&str, Status)] = &[
    ("done", Status::Implemented),
    ("complete", Status::Implemented),
    ("completed", Status::Implemented),
    ("in-place", Status::Implemented),
    ("in place", Status::Implemented),
    ("in-progress", Status::Partial),
    ("in progress", Status::Partial),
    ("wip", Status::Partial),
    ("partially", Status::Partial),
    ("partially-implemented", Status::Partial),
    ("todo", Status::Planned),
    ("to-do", Status::Planned),
    ("missing", Status::NotImplemented),
    ("none", Status::NotImplemented),
    ("not implemented", Status::NotImplemented),
    ("not_implemented", Status::NotImplemented),
    ("n/a", Status::NotApplicable),
    ("na", Status::NotApplicable),
    ("not applicable", Status::NotApplicable),
    ("not_applicable", Status::NotApplicable),
    ("excluded", Status::NotApplicable),
];

/// Reads a status file's text against the catalogue.
///
/// Every problem is reported together: unknown keys, standards, ids and
/// statuses each come with a position and, where one is close, a suggestion.
pub fn load(file: &str, text: &str, catalog: &Catalog) -> Result<Assessment, InvalidInput> {
    // Most files are valid and plainly written: the fast reader takes them,
    // and the full parser reads whatever it gives up on, or a file with
    // problems, so that every problem is worded the same way.
    if let Ok(assessment) = check(file, text, catalog, fast) {
        return Ok(assessment);
    }
    check(file, text, catalog, yaml::parse).map_err(|InvalidInput(mut problems)| {
        suggest_ids(&mut problems, catalog);
        InvalidInput(problems)
    })
}

/// Works out the nearest known id for each unknown one among the first
/// [`SHOWN`] problems, which are sorted by position; the others, and those
/// with no id near, point to the list of ids.
pub fn suggest_ids(problems: &mut [Problem], catalog: &Catalog) {
    for (index, problem) in problems.iter_mut().enumerate() {
        let Some(NextStep::NearestId(unknown)) = problem
            .next
            .take_if(|next| matches!(next, NextStep::NearestId(_)))
        else {
            continue;
        };
        let UnknownId { standard, id } = *unknown;
        let hint = catalog
            .standard_index(&standard)
            .filter(|_| index < SHOWN)
            .and_then(|found| {
                let catalogue = &catalog.standards[found];
                nearest_sibling(catalogue, &id)
                    .or_else(|| suggest::did_you_mean(&id, catalogue.ids()))
            });
        match hint {
            Some(hint) => problem.help = Some(hint),
            None => problem.next = Some(NextStep::ListIds { standard }),
        }
    }
}

type Parser = fn(&str, yaml::Duplicates) -> Result<RawStatusFile, yaml::SyntaxError>;

/// The fast reader as a [`Parser`]; its failures are never shown.
fn fast(text: &str, _: yaml::Duplicates) -> Result<RawStatusFile, yaml::SyntaxError> {
    yaml::parse_fast(text).ok_or(yaml::SyntaxError {
        code: ProblemCode::YamlSyntax,
        pos: Pos::default(),
        message: "left to the full parser".to_owned(),
        help: None,
    })
}

pub(super) fn check(
    file: &str,
    text: &str,
    catalog: &Catalog,
    parse: Parser,
) -> Result<Assessment, InvalidInput> {
    let mut problems = Problems::new(file);
    if yaml::is_blank(text) {
        problems
            .add(
                ProblemCode::EmptyFile,
                Pos::default(),
                "the status file is empty",
            )
            .next(NextStep::StartFromTemplate);
        return Err(problems.into());
    }
    let raw: RawStatusFile = match parse(text, yaml::Duplicates::Collect) {
        Ok(raw) => raw,
        Err(err) => {
            let problem = problems.add(err.code, err.pos, err.message);
            if let Some(help) = err.help {
                problem.help(help);
            }
            return Err(problems.into());
        }
    };
    let assessment = Checker {
        catalog,
        problems: &mut problems,
    }
    .file(file, raw);
    if problems.is_empty() {
        Ok(assessment)
    } else {
        Err(problems.into())
    }
}

pub(super) struct Checker<'a> {
    pub(super) catalog: &'a Catalog,
    pub(super) problems: &'a mut Problems,
}

impl Checker<'_> {
    fn file(&mut self, file: &str, raw: RawStatusFile) -> Assessment {
        let mut details: HashMap<&'static str, Located<String>> = HashMap::new();
        let mut seen: HashMap<String, Pos> = HashMap::new();
        let mut sections = Vec::new();
        let mut misspelt: Vec<&'static str> = Vec::new();
        let mut soa = None;
        let mut additional = Vec::new();
        let mut plan = PlanSettings::default();
        let mut certificates = Vec::new();
        for (key, value) in raw.entries {
            let canonical = if key.value == "organization" {
                "organisation"
            } else {
                key.value.as_str()
            };
            if let Some(first) = seen.get(canonical) {
                self.problems
                    .add(
                        ProblemCode::DuplicateKey,
                        key.pos,
                        format!("`{}` is already given at line {}", key.value, first.line),
                    )
                    .help("keep one of the two");
                continue;
            }
            seen.insert(canonical.to_owned(), key.pos);
            match value {
                RawTop::Detail(text) => {
                    let Some(name) = META_KEYS.iter().find(|meta| **meta == canonical) else {
                        continue;
                    };
                    match text.filter(|text| !text.value.trim().is_empty()) {
                        Some(text) => {
                            details.insert(name, text);
                        }
                        None => {
                            self.problems
                                .add(
                                    ProblemCode::EmptyValue,
                                    key.pos,
                                    format!("`{}` is empty", key.value),
                                )
                                .help("write a value, or remove the line");
                        }
                    }
                }
                RawTop::Soa(raw) => soa = self.soa(&key, raw),
                RawTop::Additional(raw) => additional = self.additional(raw),
                RawTop::Plan(raw) => plan = self.plan(&key, raw),
                RawTop::Certificates(raw) => certificates = self.certificates(raw),
                RawTop::Section(entries) => match self.catalog.standard_index(&key.value) {
                    Some(standard) => sections.push(self.section(standard, key.pos, entries)),
                    None => misspelt.extend(self.unknown_top_key(&key, true)),
                },
                RawTop::Other(what) if key.value == super::ADDITIONAL_KEY => {
                    self.problems
                        .add(
                            ProblemCode::WrongType,
                            key.pos,
                            format!("`{}` holds {what}; expected a list of controls", key.value),
                        )
                        .help("write one control per line beneath it: `  - {id: ..., title: ..., source: ..., status: ..., justification: ...}`");
                }
                RawTop::Other(what) if key.value == super::CERTIFICATES_KEY => {
                    self.problems
                        .add(
                            ProblemCode::WrongType,
                            key.pos,
                            format!("`{}` holds {what}; expected a list of certificates", key.value),
                        )
                        .help("write one certificate per line beneath it: `  - {standard: ..., since: YYYY-MM-DD, next-audit: YYYY-MM-DD}`");
                }
                RawTop::Other(what) => match self.catalog.standard_index(&key.value) {
                    Some(standard) => {
                        self.problems
                            .add(
                                ProblemCode::WrongType,
                                key.pos,
                                format!(
                                    "section `{}` holds {what}; expected a mapping of item ids to statuses",
                                    key.value
                                ),
                            )
                            .help(format!(
                                "write one item per line beneath it, such as `  {}: implemented`",
                                first_leaf_id(&self.catalog.standards[standard])
                            ));
                    }
                    None => misspelt.extend(self.unknown_top_key(&key, false)),
                },
            }
        }

        let organisation = match details.remove("organisation") {
            Some(text) => text.value.trim().to_owned(),
            None => {
                let attempted = misspelt.iter().any(|key| key.starts_with("organi"));
                if !seen.contains_key("organisation") && !attempted {
                    self.problems
                        .add(
                            ProblemCode::MissingKey,
                            Pos::new(1, 1),
                            "the status file does not say which organisation it describes",
                        )
                        .help("add a line `organisation: <name>` at the top");
                }
                String::new()
            }
        };
        let assessed = details
            .remove("assessed")
            .and_then(|text| self.date(&text, "`assessed`"));
        if sections.is_empty() && self.problems.is_empty() {
            let keys: Vec<_> = self.catalog.keys().map(|key| format!("`{key}:`")).collect();
            self.problems
                .add(
                    ProblemCode::MissingKey,
                    Pos::new(1, 1),
                    "the status file has no section for any standard",
                )
                .help(format!("add a section such as {}", keys.join(" or ")));
        }
        sections.sort_by_key(|section: &Section| section.standard);
        Assessment {
            file: file.to_owned(),
            organisation,
            scope: details
                .remove("scope")
                .map(|text| text.value.trim().to_owned()),
            assessed,
            assessor: details
                .remove("assessor")
                .map(|text| text.value.trim().to_owned()),
            sections,
            soa,
            additional_controls: additional,
            plan,
            certificates,
        }
    }

    /// Reports an unknown top-level key; returns the detail key it probably meant.
    fn unknown_top_key(&mut self, key: &Located<String>, is_mapping: bool) -> Option<&'static str> {
        let standard_hint = suggest::closest(&key.value, self.catalog.keys());
        let detail_hint = suggest::closest(&key.value, META_KEYS.iter().copied());
        let known: Vec<_> = self.catalog.keys().map(|key| format!("`{key}`")).collect();
        if let Some(found) = standard_hint.filter(|_| is_mapping || detail_hint.is_none()) {
            self.problems
                .add(
                    ProblemCode::UnknownStandard,
                    key.pos,
                    format!("unknown standard `{}`", key.value),
                )
                .help(format!("did you mean `{found}`?"));
        } else if let Some(found) = detail_hint {
            self.problems
                .add(
                    ProblemCode::UnknownKey,
                    key.pos,
                    format!("unknown key `{}`", key.value),
                )
                .help(format!("did you mean `{found}`?"));
            return META_KEYS.iter().copied().find(|meta| *meta == found);
        } else if is_mapping {
            self.problems
                .add(
                    ProblemCode::UnknownStandard,
                    key.pos,
                    format!("no loaded catalogue defines standard `{}`", key.value),
                )
                .help(format!("known standards are {}", known.join(", ")))
                .next(NextStep::LoadCatalogues);
        } else {
            self.problems
                .add(ProblemCode::UnknownKey, key.pos, format!("unknown key `{}`", key.value))
                .help(format!(
                    "the top level holds `organisation`, `scope`, `assessed`, `assessor`, `soa`, `additional-controls`, `plan`, `certificates` and standard sections ({})",
                    known.join(", ")
                ));
        }
        None
    }

    fn section(
        &mut self,
        standard: StandardIndex,
        pos: Pos,
        raw: Vec<(Located<String>, Located<RawEntry>)>,
    ) -> Section {
        let catalogue = &self.catalog.standards[standard];
        let mut entries = BTreeMap::new();
        let mut seen: Vec<Option<Pos>> = vec![None; catalogue.items.len()];
        for (key, value) in raw {
            let Some(item) = self.item(standard, &key) else {
                continue;
            };
            if let Some(first) = seen[item.get()] {
                self.problems
                    .add(
                        ProblemCode::DuplicateKey,
                        key.pos,
                        format!(
                            "`{}` of {} already has an entry at line {}",
                            key.value, catalogue.key, first.line
                        ),
                    )
                    .help("keep one entry per item; merge the two");
                continue;
            }
            seen[item.get()] = Some(key.pos);
            if let Some(mut entry) = self.entry(standard, item, &key, value) {
                if entry.effort.is_some() && !catalogue.items[item].is_leaf() {
                    self.problems
                        .add(
                            ProblemCode::InvalidValue,
                            key.pos,
                            format!(
                                "`{}` of {} is a heading; an effort is estimated for each item beneath it",
                                key.value, catalogue.key
                            ),
                        )
                        .help("give `effort` on the items beneath the heading");
                    entry.effort = None;
                }
                entries.insert(item, entry);
            }
        }
        Section {
            standard,
            entries,
            pos,
        }
    }

    /// Resolves an item id, reporting unknown and misplaced ids with a suggestion.
    fn item(&mut self, standard: StandardIndex, key: &Located<String>) -> Option<ItemIndex> {
        let catalogue = &self.catalog.standards[standard];
        let id = key.value.as_str();
        if let Some(item) = catalogue.find(id) {
            return Some(item);
        }
        let owners: Vec<&str> = self
            .catalog
            .standards
            .iter()
            .filter(|other| other.key != catalogue.key && other.find(id).is_some())
            .map(|other| other.key.as_str())
            .collect();
        let mut hints = Vec::new();
        if let Some(prefixed) = prefixed_form(catalogue, id) {
            hints.push(format!(
                "did you mean `{prefixed}`? `{id}` is not an item of {}, and ims never guesses which one you meant",
                catalogue.key
            ));
        }
        if let Some(owner) = owners.first() {
            hints.push(format!("`{id}` is an item of {owner}; if you meant that one, move the line under `{owner}:`"));
        }
        let code = if owners.is_empty() || hints.len() > 1 {
            ProblemCode::UnknownItem
        } else {
            ProblemCode::MisplacedItem
        };
        let problem = self.problems.add(
            code,
            key.pos,
            format!("unknown item `{id}` in {}", catalogue.key),
        );
        if hints.is_empty() {
            problem.next(NextStep::NearestId(Box::new(UnknownId {
                standard: catalogue.key.clone(),
                id: id.to_owned(),
            })));
        } else {
            problem.help(hints.join("; "));
        }
        None
    }

    fn entry(
        &mut self,
        standard: StandardIndex,
        item: ItemIndex,
        key: &Located<String>,
        value: Located<RawEntry>,
    ) -> Option<Entry> {
        let mut entry = Entry::new(key.pos);
        let status = match value.value {
            RawEntry::Status(status) => Some(Some(status)),
            RawEntry::Short(text) => self.status(&Located::new(text, value.pos), key),
            RawEntry::Long(long) => self.long_form(long, &mut entry, key, value.pos),
            RawEntry::Invalid(what) => {
                self.problems
                    .add(
                        ProblemCode::UnknownStatus,
                        value.pos,
                        format!("`{}` has {what} where a status belongs", key.value),
                    )
                    .help(status_list_help());
                None
            }
        }?;
        entry.status = status;
        if status == Some(Status::NotApplicable) {
            self.check_exclusion(standard, item, key, &entry);
        }
        Some(entry)
    }

    /// The long form of an entry, field by field: the keys it may not have
    /// said, each field read, then the status it ends with once its
    /// `applicable` is weighed against its `status`.
    fn long_form(
        &mut self,
        long: RawLong,
        entry: &mut Entry,
        key: &Located<String>,
        at: Pos,
    ) -> Option<Option<Status>> {
        self.unknown_entry_keys(long.unknown, key);
        let mut given = Given::default();
        let mut seen: HashMap<EntryField, Pos> = HashMap::new();
        for (field, value) in long.fields {
            if let Some(first) = seen.get(&field.value) {
                self.problems.add(
                    ProblemCode::DuplicateKey,
                    field.pos,
                    format!(
                        "`{}` is given twice in the entry for `{}` (first at line {})",
                        field.value, key.value, first.line
                    ),
                );
                continue;
            }
            seen.insert(field.value, field.pos);
            self.field(&field, value, entry, key, &mut given);
        }
        if !given.status && given.applicable.is_none() {
            self.problems
                .add(
                    ProblemCode::MissingKey,
                    at,
                    format!("the entry for `{}` has no `status`", key.value),
                )
                .help(status_list_help());
        }
        entry.justification = entry.justification.take().filter(|text| !text.is_empty());
        self.settle_applicability(entry, &given, key)
    }

    /// The keys an entry may not have, each said with what it may have.
    fn unknown_entry_keys(&mut self, unknown: Vec<Located<String>>, key: &Located<String>) {
        let commas = unknown.iter().any(|key| key.value.contains(' '));
        for unknown in unknown {
            let known = EntryField::ALL.iter().map(|field| field.as_str());
            let comma_hint = commas.then(|| {
                "a comma inside `{...}` starts a new key: put text that contains commas in quotes".to_owned()
            });
            let help = comma_hint
                .or_else(|| suggest::did_you_mean(&unknown.value, known.clone()))
                .unwrap_or_else(|| {
                    format!(
                        "an entry may have {}",
                        known
                            .map(|k| format!("`{k}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                });
            self.problems
                .add(
                    ProblemCode::UnknownKey,
                    unknown.pos,
                    format!(
                        "unknown key `{}` in the entry for `{}`",
                        unknown.value, key.value
                    ),
                )
                .help(help);
        }
    }

    /// One field of a long-form entry, read into `entry`; what it says of
    /// the status and the applicability is noted in `given`.
    fn field(
        &mut self,
        field: &Located<EntryField>,
        value: RawField,
        entry: &mut Entry,
        key: &Located<String>,
        given: &mut Given,
    ) {
        match value {
            RawField::Evidence(items) => entry.evidence = self.evidence(items, key),
            RawField::List(items) => match field.value {
                EntryField::Reasons => entry.reasons = self.reasons(items, key),
                _ => {
                    entry.risks = items
                        .into_iter()
                        .map(|item| item.value.trim().to_owned())
                        .filter(|id| !id.is_empty())
                        .collect();
                }
            },
            RawField::Text(None) => match field.value {
                EntryField::Status => {
                    given.status = true;
                    self.problems
                        .add(
                            ProblemCode::UnknownStatus,
                            field.pos,
                            format!("the status of `{}` is empty", key.value),
                        )
                        .help(status_list_help());
                }
                EntryField::Applicable => {
                    given.applicable = Some(field.pos);
                    self.problems
                        .add(
                            ProblemCode::EmptyValue,
                            field.pos,
                            format!("`applicable` of `{}` is empty", key.value),
                        )
                        .help(APPLICABLE_HELP);
                }
                _ => {}
            },
            RawField::Text(Some(text)) => {
                let trimmed = Located::new(text.value.trim().to_owned(), text.pos);
                match field.value {
                    EntryField::Status => {
                        given.status = true;
                        given.written = self.status(&trimmed, key);
                    }
                    EntryField::Applicable => {
                        given.applicable = Some(field.pos);
                        entry.applicable = self.applicable(&trimmed, key);
                    }
                    EntryField::Owner => entry.owner = Some(trimmed.value),
                    EntryField::Note => entry.note = Some(trimmed.value),
                    EntryField::Justification => entry.justification = Some(trimmed.value),
                    EntryField::Implementation => {
                        entry.implementation = Some(trimmed.value).filter(|text| !text.is_empty());
                    }
                    EntryField::Reasons => {
                        entry.reasons = self.reasons(vec![trimmed], key);
                    }
                    EntryField::Risks => {
                        entry.risks = Some(trimmed.value)
                            .filter(|id| !id.is_empty())
                            .into_iter()
                            .collect();
                    }
                    EntryField::Due => entry.due = self.date(&trimmed, "`due`"),
                    EntryField::Priority => entry.priority = self.priority(&trimmed, key),
                    EntryField::Effort => {
                        entry.effort = self.number(&trimmed, "`effort`", 0.0, MAX_ENTRY_EFFORT);
                    }
                    EntryField::Reviewed => entry.reviewed = self.date(&trimmed, "`reviewed`"),
                    // Evidence is a list, read as one above.
                    EntryField::Evidence => {}
                }
            }
        }
    }

    /// The status an entry ends with, its `applicable` weighed against its
    /// `status`: `applicable: no` alone is an exclusion, and one that
    /// contradicts the status is reported (`None`).
    fn settle_applicability(
        &mut self,
        entry: &Entry,
        given: &Given,
        key: &Located<String>,
    ) -> Option<Option<Status>> {
        let (Some(applicable), Some(pos)) = (entry.applicable, given.applicable) else {
            return given.written;
        };
        if !given.status {
            // `applicable: no` alone is an exclusion, with all its rules.
            return Some((!applicable).then_some(Status::NotApplicable));
        }
        let written = given.written?;
        if (written == Some(Status::NotApplicable)) != applicable {
            return Some(written);
        }
        let said = written.map_or(NOT_ASSESSED, Status::as_str);
        let message = if applicable {
            format!(
                "`{}` is marked `applicable: yes` but its status is `{said}`, which excludes it",
                key.value
            )
        } else {
            format!(
                "`{}` is marked `applicable: no` but its status is `{said}`, which an excluded control does not have",
                key.value
            )
        };
        self.problems
            .add(ProblemCode::ContradictoryApplicability, pos, message)
            .help("keep the one that is true: an included control takes a status other than `not-applicable`; an excluded one takes `applicable: no` alone, or `status: not-applicable`, with its justification");
        None
    }

    /// `applicable: yes` or `no`; anything else is reported.
    fn applicable(&mut self, text: &Located<String>, key: &Located<String>) -> Option<bool> {
        match text.value.to_lowercase().as_str() {
            "yes" => Some(true),
            "no" => Some(false),
            _ => {
                self.problems
                    .add(
                        ProblemCode::InvalidValue,
                        text.pos,
                        format!(
                            "`applicable` of `{}` is `{}`, not yes or no",
                            key.value, text.value
                        ),
                    )
                    .help(APPLICABLE_HELP);
                None
            }
        }
    }

    /// The reasons written, each checked; unknown words are reported with
    /// the list of known ones.
    fn reasons(&mut self, items: Vec<Located<String>>, key: &Located<String>) -> Vec<Reason> {
        let mut reasons = Vec::new();
        for item in items {
            let word = item.value.trim().to_lowercase().replace([' ', '_'], "-");
            match Reason::parse(&word) {
                Some(reason) => {
                    if !reasons.contains(&reason) {
                        reasons.push(reason);
                    }
                }
                None => {
                    let known: Vec<&str> = Reason::ALL.iter().map(|r| r.as_str()).collect();
                    self.problems
                        .add(
                            ProblemCode::InvalidValue,
                            item.pos,
                            format!("unknown reason `{}` for `{}`", item.value.trim(), key.value),
                        )
                        .help(
                            suggest::did_you_mean(&word, known.iter().copied())
                                .unwrap_or_else(|| format!("the reasons are {}", known.join(", "))),
                        );
                }
            }
        }
        reasons
    }

    /// A priority word; unknown words are reported with the known ones.
    fn priority(&mut self, text: &Located<String>, key: &Located<String>) -> Option<Priority> {
        let word = text.value.to_lowercase();
        let found = Priority::parse(&word);
        if found.is_none() {
            let known = Priority::ALL.map(Priority::as_str);
            self.problems
                .add(
                    ProblemCode::InvalidValue,
                    text.pos,
                    format!("unknown priority `{}` for `{}`", text.value, key.value),
                )
                .help(
                    suggest::did_you_mean(&word, known)
                        .unwrap_or_else(|| format!("the priorities are {}", known.join(", "))),
                );
        }
        found
    }

    /// A number from `min` to `max`, reporting anything else.
    fn number(&mut self, text: &Located<String>, what: &str, min: f64, max: f64) -> Option<f64> {
        let written = text.value.trim();
        match written.parse::<f64>() {
            Ok(value) if value.is_finite() && (min..=max).contains(&value) => Some(value),
            _ => {
                self.problems
                    .add(
                        ProblemCode::InvalidValue,
                        text.pos,
                        format!("{what} `{written}` is not a number from {min} to {max}"),
                    )
                    .help(format!(
                        "write a plain number, such as `{}`",
                        (min + 1.0).min(max)
                    ));
                None
            }
        }
    }

    /// A whole number from `min` to `max`, reporting anything else.
    fn count(&mut self, text: &Located<String>, what: &str, min: u32, max: u32) -> Option<u32> {
        let written = text.value.trim();
        match written.parse::<u32>() {
            Ok(value) if (min..=max).contains(&value) => Some(value),
            _ => {
                self.problems
                    .add(
                        ProblemCode::InvalidValue,
                        text.pos,
                        format!("{what} `{written}` is not a whole number from {min} to {max}"),
                    )
                    .help(format!("write a whole number, such as `{}`", min.max(1)));
                None
            }
        }
    }

    /// The `plan:` block: effort scale and calendar.
    fn plan(&mut self, key: &Located<String>, raw: RawMap) -> PlanSettings {
        const KEYS: [&str; 5] = [
            "effort-scale",
            "start",
            "people",
            "operate-weeks",
            "stage-gap-weeks",
        ];
        let mut plan = PlanSettings::default();
        if let Some(what) = raw.invalid {
            self.problems
                .add(
                    ProblemCode::WrongType,
                    key.pos,
                    format!("`plan` holds {what}; expected {}", quoted(&KEYS)),
                )
                .help("write `plan: {effort-scale: 1, start: YYYY-MM-DD, people: 2}`");
            return plan;
        }
        for (field, value) in raw.fields {
            let Some(text) = value
                .map(|v| Located::new(v.value.trim().to_owned(), v.pos))
                .filter(|v| !v.value.is_empty())
            else {
                if KEYS.contains(&field.value.as_str()) {
                    self.problems
                        .add(
                            ProblemCode::EmptyValue,
                            field.pos,
                            format!("`{}` in `plan` is empty", field.value),
                        )
                        .help("write a value, or remove the line");
                    continue;
                }
                self.unknown_in("plan", &field, &KEYS);
                continue;
            };
            match field.value.as_str() {
                "effort-scale" => {
                    plan.effort_scale = self.number(&text, "`effort-scale`", MIN_SCALE, MAX_SCALE);
                }
                "start" => plan.start = self.date(&text, "`start`"),
                "people" => plan.people = self.number(&text, "`people`", 0.1, MAX_PEOPLE),
                "operate-weeks" => {
                    plan.operate_weeks = self.count(&text, "`operate-weeks`", 0, MAX_WEEKS);
                }
                "stage-gap-weeks" => {
                    plan.stage_gap_weeks = self.count(&text, "`stage-gap-weeks`", 0, MAX_WEEKS);
                }
                _ => self.unknown_in("plan", &field, &KEYS),
            }
        }
        plan
    }

    /// Reports a key that the block `block` does not have.
    fn unknown_in(&mut self, block: &str, field: &Located<String>, keys: &[&str]) {
        self.problems
            .add(
                ProblemCode::UnknownKey,
                field.pos,
                format!("unknown key `{}` in `{block}`", field.value),
            )
            .help(
                suggest::did_you_mean(&field.value, keys.iter().copied())
                    .unwrap_or_else(|| format!("`{block}` holds {}", quoted(keys))),
            );
    }

    /// The `certificates:` list: each with the standard, and when it was
    /// certified and is next audited.
    fn certificates(&mut self, raw: Vec<Located<RawMap>>) -> Vec<Certificate> {
        const SHAPE: Shape = Shape {
            named: "a certificate",
            within: "`certificates`",
            keys: &["standard", "since", "next-audit", "body"],
            // A missing standard is said below, in words of its own.
            required: &[],
            example: "write `- {standard: <key>, since: YYYY-MM-DD, next-audit: YYYY-MM-DD}`",
            keys_help: "a certificate has standard, since, next-audit and body",
            missing_help: "add `standard: <key>`",
        };
        let mut certificates: Vec<Certificate> = Vec::new();
        for item in raw {
            let at = item.pos;
            let Some((mut text, _)) = self.fields(item, &SHAPE) else {
                continue;
            };
            let Some(named) = text.remove("standard") else {
                self.problems
                    .add(
                        ProblemCode::MissingKey,
                        at,
                        "a certificate does not say which standard it is for",
                    )
                    .help(SHAPE.missing_help);
                continue;
            };
            let since = text.remove("since").and_then(|d| self.date(&d, "`since`"));
            let next_audit = text
                .remove("next-audit")
                .and_then(|d| self.date(&d, "`next-audit`"));
            let Some(standard) = self.certified_standard(&named) else {
                continue;
            };
            if let Some(first) = certificates.iter().find(|c| c.standard == standard) {
                self.problems
                    .add(
                        ProblemCode::DuplicateKey,
                        at,
                        format!(
                            "{} is already listed as certified at line {}",
                            self.catalog.standards[standard].key, first.pos.line
                        ),
                    )
                    .help("keep one certificate per standard");
                continue;
            }
            certificates.push(Certificate {
                standard,
                since,
                next_audit,
                body: text.remove("body").map(|b| b.value),
                pos: at,
            });
        }
        certificates
    }

    /// The standard a certificate names, reporting an unknown key.
    fn certified_standard(&mut self, text: &Located<String>) -> Option<StandardIndex> {
        let found = self.catalog.standard_index(&text.value);
        if found.is_none() {
            let known: Vec<&str> = self.catalog.keys().collect();
            self.problems
                .add(
                    ProblemCode::UnknownStandard,
                    text.pos,
                    format!("certificate for unknown standard `{}`", text.value),
                )
                .help(
                    suggest::did_you_mean(&text.value, known.iter().copied())
                        .unwrap_or_else(|| format!("known standards are {}", known.join(", "))),
                );
        }
        found
    }
    /// The `additional-controls:` list: each with an id, a title and a
    /// source; a status and a justification as for any item.
    fn additional(&mut self, raw: Vec<Located<RawMap>>) -> Vec<AdditionalControl> {
        const SHAPE: Shape = Shape {
            named: "an additional control",
            within: "an additional control",
            keys: &["id", "title", "source", "status", "justification"],
            required: &["id", "title", "source"],
            example: "write `- {id: X.1, title: ..., source: ..., status: implemented, justification: ...}`",
            keys_help: "an additional control has id, title, source, status, justification",
            missing_help: "each additional control needs an id, a title and the source it comes from",
        };
        let mut controls: Vec<AdditionalControl> = Vec::new();
        for item in raw {
            let at = item.pos;
            let Some((mut text, complete)) = self.fields(item, &SHAPE) else {
                continue;
            };
            if !complete {
                continue;
            }
            let id = text.remove("id").map(|t| t.value).unwrap_or_default();
            if let Some(first) = controls.iter().find(|c| c.id == id) {
                self.problems
                    .add(
                        ProblemCode::DuplicateKey,
                        at,
                        format!(
                            "additional control `{id}` is already listed at line {}",
                            first.pos.line
                        ),
                    )
                    .help("keep one entry per control");
                continue;
            }
            let status = match text.remove("status") {
                Some(word) => {
                    let key = Located::new(id.clone(), at);
                    self.status(&word, &key).flatten()
                }
                None => None,
            };
            let justification = text.remove("justification").map(|t| t.value);
            if status == Some(Status::NotApplicable)
                && let Some(message) = unjustified(justification.as_deref())
            {
                self.problems
                    .add(
                        ProblemCode::MissingJustification,
                        at,
                        format!("additional control `{id}` is not-applicable {message}"),
                    )
                    .help("say why it does not apply in `justification`");
            }
            controls.push(AdditionalControl {
                id,
                title: text.remove("title").map(|t| t.value).unwrap_or_default(),
                source: text.remove("source").map(|t| t.value).unwrap_or_default(),
                status,
                justification,
                pos: at,
            });
        }
        controls
    }

    /// The text of each known key of a mapping written as `shape` says, and
    /// whether every required key is there. What is not a mapping, unknown
    /// keys and missing required keys are reported; blank values count as
    /// missing. `None` when the item is not a mapping.
    pub(super) fn fields(
        &mut self,
        item: Located<RawMap>,
        shape: &Shape,
    ) -> Option<(HashMap<&'static str, Located<String>>, bool)> {
        let at = item.pos;
        if let Some(what) = item.value.invalid {
            self.problems
                .add(
                    ProblemCode::WrongType,
                    at,
                    format!("{} holds {what}; expected a mapping", shape.named),
                )
                .help(shape.example);
            return None;
        }
        let mut text: HashMap<&'static str, Located<String>> = HashMap::new();
        for (field, value) in item.value.fields {
            let Some(name) = shape.keys.iter().find(|k| **k == field.value) else {
                self.problems
                    .add(
                        ProblemCode::UnknownKey,
                        field.pos,
                        format!("unknown key `{}` in {}", field.value, shape.within),
                    )
                    .help(
                        suggest::did_you_mean(&field.value, shape.keys.iter().copied())
                            .unwrap_or_else(|| shape.keys_help.to_owned()),
                    );
                continue;
            };
            if let Some(value) = value.filter(|v| !v.value.trim().is_empty()) {
                text.insert(name, Located::new(value.value.trim().to_owned(), value.pos));
            }
        }
        let missing: Vec<String> = shape
            .required
            .iter()
            .filter(|required| !text.contains_key(*required))
            .map(|required| format!("`{required}`"))
            .collect();
        if !missing.is_empty() {
            self.problems
                .add(
                    ProblemCode::MissingKey,
                    at,
                    format!("{} has no {}", shape.named, missing.join(" or ")),
                )
                .help(shape.missing_help);
        }
        Some((text, missing.is_empty()))
    }

    /// The status written, `Some(None)` for an explicit `not-assessed`;
    /// `None` after reporting an unknown word.
    fn status(&mut self, text: &Located<String>, key: &Located<String>) -> Option<Option<Status>> {
        let written = text.value.trim();
        if written == NOT_ASSESSED {
            return Some(None);
        }
        if let Some(status) = Status::parse(written) {
            return Some(Some(status));
        }
        let lower = written.to_lowercase();
        let help = Status::parse(&lower)
            .or_else(|| {
                STATUS_SYNONYMS
                    .iter()
                    .find(|(word, _)| *word == lower)
                    .map(|(_, status)| *status)
            })
            .map(|status| format!("did you mean `{status}`?"))
            .or_else(|| {
                let words = Status::ALL.map(Status::as_str);
                suggest::did_you_mean(written, words.into_iter().chain([NOT_ASSESSED]))
            })
            .unwrap_or_else(status_list_help);
        self.problems
            .add(
                ProblemCode::UnknownStatus,
                text.pos,
                format!("unknown status `{written}` for `{}`", key.value),
            )
            .help(help);
        None
    }

    fn check_exclusion(
        &mut self,
        standard: StandardIndex,
        item: ItemIndex,
        key: &Located<String>,
        entry: &Entry,
    ) {
        let catalogue = &self.catalog.standards[standard];
        let fixed: Vec<_> = catalogue
            .leaves_under(item)
            .into_iter()
            .filter(|leaf| !catalogue.items[*leaf].excludable)
            .collect();
        if !fixed.is_empty() {
            let what = catalogue.items[item].kind;
            let message = if fixed == [item] {
                format!(
                    "{what} `{}` of {} cannot be not-applicable: the standard does not allow it to be excluded",
                    key.value, catalogue.key
                )
            } else {
                format!(
                    "`{}` of {} cannot be not-applicable: {} item(s) beneath it, such as `{}`, may not be excluded",
                    key.value,
                    catalogue.key,
                    fixed.len(),
                    catalogue.items[fixed[0]].id
                )
            };
            self.problems
                .add(ProblemCode::NotExcludable, entry.pos, message)
                .help("record how far it is in place instead: implemented, partial, planned or not-implemented");
        } else if let Some(message) = unjustified(entry.justification.as_deref()) {
            self.problems
                .add(
                    ProblemCode::MissingJustification,
                    entry.pos,
                    format!("`{}` is not-applicable {message}", key.value),
                )
                .help(format!(
                    "use the long form: `{}: {{status: not-applicable, justification: <why it does not apply>}}`",
                    key.value
                ));
        }
    }

    fn evidence(
        &mut self,
        items: Vec<Located<RawEvidence>>,
        key: &Located<String>,
    ) -> Vec<Evidence> {
        let mut out = Vec::new();
        for item in items {
            match item.value {
                RawEvidence::Text(text) if !text.trim().is_empty() => out.push(Evidence {
                    reference: text.trim().to_owned(),
                    date: None,
                }),
                RawEvidence::Text(_) => {
                    self.problems.add(
                        ProblemCode::EmptyValue,
                        item.pos,
                        format!("an evidence reference of `{}` is empty", key.value),
                    );
                }
                RawEvidence::Dated {
                    reference,
                    date,
                    unknown,
                } => {
                    for field in unknown {
                        let help = suggest::did_you_mean(&field.value, ["ref", "date"])
                            .unwrap_or_else(|| "dated evidence has `ref` and `date`".to_owned());
                        self.problems
                            .add(
                                ProblemCode::UnknownKey,
                                field.pos,
                                format!("unknown evidence key `{}`", field.value),
                            )
                            .help(help);
                    }
                    let date = date.and_then(|date| self.date(&date, "the evidence `date`"));
                    match reference.filter(|text| !text.value.trim().is_empty()) {
                        Some(reference) => out.push(Evidence {
                            reference: reference.value.trim().to_owned(),
                            date,
                        }),
                        None => {
                            self.problems
                                .add(
                                    ProblemCode::MissingKey,
                                    item.pos,
                                    format!("dated evidence of `{}` has no `ref`", key.value),
                                )
                                .help("write `{ref: <document or record>, date: YYYY-MM-DD}`");
                        }
                    }
                }
                RawEvidence::Invalid(what) => {
                    self.problems
                        .add(
                            ProblemCode::WrongType,
                            item.pos,
                            format!(
                                "evidence of `{}` is {what}; expected a reference",
                                key.value
                            ),
                        )
                        .help("quote references that look like numbers, such as `\"1.10\"`");
                }
            }
        }
        out
    }

    pub(super) fn date(&mut self, text: &Located<String>, what: &str) -> Option<Date> {
        let written = text.value.trim();
        let date = Date::parse(written);
        if date.is_none() {
            self.problems
                .add(
                    ProblemCode::InvalidValue,
                    text.pos,
                    format!("{what} `{written}` is not a date"),
                )
                .help("write dates as YYYY-MM-DD, such as 2026-03-31");
        }
        date
    }
}

/// Most person-days one entry may estimate.
const MAX_ENTRY_EFFORT: f64 = 10_000.0;
/// The range of `effort-scale`.
const MIN_SCALE: f64 = 0.05;
const MAX_SCALE: f64 = 20.0;
/// Most people, in full-time equivalents, a plan may schedule.
const MAX_PEOPLE: f64 = 200.0;
/// Longest period, in weeks, a plan setting may name.
const MAX_WEEKS: u32 = 104;

/// Keys in backquotes, joined for a message.
fn quoted(keys: &[&str]) -> String {
    keys.iter()
        .map(|key| format!("`{key}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// How a list item of text fields is written: `additional-controls` and
/// `soa.history`.
pub(super) struct Shape {
    /// The item, for messages: "an additional control".
    pub(super) named: &'static str,
    /// The item as the place of a key: "a change of `soa.history`".
    pub(super) within: &'static str,
    /// Every key it may have.
    pub(super) keys: &'static [&'static str],
    /// The keys it must have.
    pub(super) required: &'static [&'static str],
    /// How to write one, for an item that is no mapping.
    pub(super) example: &'static str,
    /// What it has, for an unknown key with no near match.
    pub(super) keys_help: &'static str,
    /// What it needs, for a missing key.
    pub(super) missing_help: &'static str,
}

/// What is wrong with the justification of an exclusion, in words that
/// follow "is not-applicable"; `None` when there is one. A justification of
/// invisible characters only is as empty as one of spaces. A placeholder
/// such as `N/A` is visible text, so the file stays valid, and `ims soa
/// --check` rejects it.
fn unjustified(justification: Option<&str>) -> Option<String> {
    match justification.map(super::says_nothing) {
        None => Some("without a justification".to_owned()),
        Some(Some(hollow @ super::Hollow::Invisible)) => Some(format!(
            "without a justification: the one given {}",
            hollow.describe()
        )),
        Some(_) => None,
    }
}

/// How `applicable` is written.
const APPLICABLE_HELP: &str = "write `applicable: yes` (included; a status may follow once assessed) or `applicable: no` (excluded, with a justification)";

fn status_list_help() -> String {
    let names: Vec<_> = Status::ALL
        .iter()
        .map(|status| format!("`{status}`"))
        .collect();
    format!(
        "a status is one of {}, or `{NOT_ASSESSED}` for an item still to be assessed",
        names.join(", ")
    )
}

/// An id of the standard that is `id` with a letter prefix, such as `X.5.7` for `5.7`.
fn prefixed_form<'a>(standard: &'a Standard, id: &str) -> Option<&'a str> {
    standard.ids().find(|candidate| {
        candidate.len() > id.len() + 1
            && candidate.ends_with(id)
            && candidate[..candidate.len() - id.len()].ends_with('.')
            && candidate[..candidate.len() - id.len() - 1]
                .chars()
                .all(|c| c.is_ascii_alphabetic())
    })
}

/// For `P.N` with no such item, the numerically nearest `P.M`, with the range of `P`.
fn nearest_sibling(standard: &Standard, id: &str) -> Option<String> {
    let (prefix, last) = id.rsplit_once('.')?;
    let wanted: u64 = last.parse().ok()?;
    let siblings: Vec<(u64, &str)> = standard
        .ids()
        .filter_map(|candidate| {
            let (candidate_prefix, number) = candidate.rsplit_once('.')?;
            (candidate_prefix == prefix)
                .then(|| number.parse().ok().map(|n: u64| (n, candidate)))
                .flatten()
        })
        .collect();
    let nearest = siblings
        .iter()
        .min_by_key(|(n, _)| (n.abs_diff(wanted), *n))?;
    let low = siblings.iter().min_by_key(|(n, _)| *n)?;
    let high = siblings.iter().max_by_key(|(n, _)| *n)?;
    Some(format!(
        "did you mean `{}`? Items under `{prefix}` run from `{}` to `{}`",
        nearest.1, low.1, high.1
    ))
}

fn first_leaf_id(standard: &Standard) -> &str {
    standard
        .leaves()
        .next()
        .map_or("1", |leaf| standard.items[leaf].id.as_str())
}

/// What the fields of a long-form entry said of its status and
/// applicability, for weighing the two once every field is read.
#[derive(Debug, Default)]
struct Given {
    /// Whether a `status` key was given, readable or not.
    status: bool,
    /// The status it gave, when readable: `Some(None)` is not assessed.
    written: Option<Option<Status>>,
    /// Where the `applicable` key was given.
    applicable: Option<Pos>,
}
