//! Problems found in input files: where each one is, what is wrong, how to
//! fix it, and a stable code for each kind.

use std::fmt;

use serde::Serialize;

/// A place in a file: 1-based line and column; 0 means unknown.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
pub struct Pos {
    /// Line, counting from 1.
    pub line: u32,
    /// Column in characters, counting from 1.
    pub column: u32,
}

impl Pos {
    /// A position from the parser's wide integers, saturating absurd values.
    pub fn new(line: u64, column: u64) -> Self {
        Self {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: u32::try_from(column).unwrap_or(u32::MAX),
        }
    }
}

macro_rules! problem_codes {
    ($($variant:ident = $code:literal: $doc:literal,)*) => {
        /// Stable code for each kind of input problem. Carried in JSON, never renamed.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum ProblemCode {
            $(#[doc = $doc] $variant,)*
        }

        impl ProblemCode {
            /// Every code, in declaration order.
            pub const ALL: &'static [ProblemCode] = &[$(ProblemCode::$variant,)*];

            /// The kebab-case code shown to users.
            pub fn as_str(self) -> &'static str {
                match self { $(ProblemCode::$variant => $code,)* }
            }

            /// One line saying what the code means.
            pub fn description(self) -> &'static str {
                match self { $(ProblemCode::$variant => $doc,)* }
            }
        }
    };
}

problem_codes! {
    Unreadable = "unreadable": "The file could not be read: missing, a directory, or no permission.",
    TooLarge = "too-large": "The file is larger than ims accepts for its kind.",
    NotUtf8 = "not-utf8": "The file is not UTF-8 text.",
    EmptyFile = "empty-file": "The file holds no YAML content, only blanks or comments.",
    YamlSyntax = "yaml-syntax": "The file is not well-formed YAML.",
    TooComplex = "too-complex": "The YAML is nested too deeply or expands too many aliases.",
    TooManyValues = "too-many-values": "The YAML holds more values than any status file or catalogue needs.",
    MultipleDocuments = "multiple-documents": "The file holds more than one YAML document (a second `---`).",
    InvalidCharacter = "invalid-character": "The file holds a control character that YAML does not allow, such as NUL.",
    KeyTooLong = "key-too-long": "A key longer than the 1024 characters YAML allows for a key.",
    WrongType = "wrong-type": "A value has the wrong shape, such as a list where text belongs.",
    DuplicateKey = "duplicate-key": "The same key or item appears twice in one mapping.",
    UnknownKey = "unknown-key": "A key that this kind of file does not have.",
    MissingKey = "missing-key": "A required key is absent.",
    EmptyValue = "empty-value": "A required text is empty.",
    InvalidValue = "invalid-value": "A value is malformed, such as a date that is not YYYY-MM-DD.",
    UnknownStandard = "unknown-standard": "A standard key that no loaded catalogue defines.",
    UnknownItem = "unknown-item": "An item id that the standard's catalogue does not define.",
    MisplacedItem = "misplaced-item": "An item id that belongs to a different standard.",
    UnknownStatus = "unknown-status": "A status other than the five that ims knows.",
    MissingJustification = "missing-justification": "An item marked not-applicable without a justification.",
    NotExcludable = "not-excludable": "An item marked not-applicable that the standard does not allow to be excluded.",
    ContradictoryApplicability = "contradictory-applicability": "An entry whose `applicable` contradicts its status: `no` with a status other than not-applicable, or `yes` with not-applicable.",
    DuplicateStandard = "duplicate-standard": "Two catalogue files define the same standard key.",
    ReservedKey = "reserved-key": "A standard key that clashes with a key of the status file.",
    DuplicateItem = "duplicate-item": "Two items in one catalogue share an id.",
    UnknownParent = "unknown-parent": "An item names a parent that is not defined before it.",
    UnknownKind = "unknown-kind": "An item kind other than clause, control, process or theme.",
    FileKind = "file-kind": "A catalogue directory file that is not a catalogue, a crosswalk or a document set.",
    UnknownRelationship = "unknown-relationship": "An edge relationship outside the NIST IR 8477 set.",
    DuplicateEdge = "duplicate-edge": "The same pair of items is mapped twice with the same relationship.",
    ContradictoryEdge = "contradictory-edge": "The same pair of items is mapped twice with different relationships.",
    MissingWeight = "missing-weight": "A partial direction of an edge does not say how much of its target it covers.",
    InvalidWeight = "invalid-weight": "A weight that is not on the scale: 0.05 to 0.95 in steps of 0.05, or 1.0 for a full direction.",
    WeightContradictsRelationship = "weight-contradicts-relationship": "A weight of 1.0 on a partial direction, or below 1.0 on a full one.",
    MissingResidual = "missing-residual": "A partial edge does not say what the target still needs.",
    UnexpectedResidual = "unexpected-residual": "A full edge carries a residual, which would never be shown.",
    MappedAndUnmapped = "mapped-and-unmapped": "An item is on an edge and also listed as having no counterpart.",
    Undecided = "undecided": "An item that must be decided is neither on an edge nor on the no-counterpart list.",
    DuplicateCrosswalk = "duplicate-crosswalk": "Two crosswalk files join the same pair of standards.",
    SameFile = "same-file": "The output file is one of the input files.",
    DependencyCycle = "dependency-cycle": "Items that wait for each other, directly or through other items.",
    DuplicateDocument = "duplicate-document": "Two documents of the document set share an id.",
    DocumentId = "document-id": "A document id that is not letters, digits, `-`, `_` and `.`, such as a path.",
    Undocumented = "undocumented": "An item that expects documented information is served by no document.",
    UnknownDocument = "unknown-document": "A document of the set names a document the set does not have.",
    MarkupInText = "markup-in-text": "A rationale, residual or reason holds markup (backticks, Markdown emphasis or links, HTML), which clients would see as stray characters.",
    GroupWeightExceedsMember = "group-weight-exceeds-member": "An edge gives the items of a group more than a smaller end among them gets from the same other end.",
    OutputExists = "output-exists": "A file that would be written exists already; nothing is written without --force.",
    MissingEffort = "missing-effort": "A catalogue that estimates effort for some assessable items but not for this one.",
    PhaseOrder = "phase-order": "An item that waits for an item whose work belongs to a later project phase.",
    SeveralIds = "several-ids": "A spreadsheet id cell that names more than one item (`A.5.4 / A.5.5`); the row is not imported.",
    IdAsNumber = "id-as-number": "A spreadsheet id typed as a number, which cannot tell 5.10 from 5.1; the row is not imported.",
    OtherStandardRows = "other-standard-rows": "Spreadsheet rows of a standard other than the one --standard names, left out as asked.",
    HiddenSheet = "hidden-sheet": "A sheet the workbook hides, which import does not look in unless --sheet names it.",
    UnknownWord = "unknown-word": "A status or applicability word that ims does not know; the row is written commented out.",
    CommentedOut = "commented-out": "A spreadsheet row that would not validate as it is (a contradiction, an exclusion without a justification, the title of another control), written commented out.",
    UnknownReason = "unknown-reason": "A reason for inclusion other than the six ims knows; it is left out of the entry.",
    HollowText = "hollow-text": "A justification that says nothing (a placeholder, or invisible characters alone); it is left out.",
    CellsLeftOut = "cells-left-out": "Spreadsheet cells not imported: in a column without a header, given twice, or beyond the rows and columns read.",
    HeadingStatus = "heading-status": "A spreadsheet row that gives a heading a status, which stands for every item beneath it without a row of its own.",
    OwnEntry = "own-entry": "A row shown inheriting a heading's status that says something else, written as an entry of its own.",
    TextChanged = "text-changed": "Text changed to fit a status file: a control character replaced, or spaces around it trimmed.",
}

/// How much a problem stops: an error leaves the input unusable (exit code
/// 2); a warning marks what a run that goes on could not take (a row or a
/// cell of a spreadsheet left out); a note says what was changed or passed
/// by, as asked or without loss of meaning.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The input cannot be used as it is.
    #[default]
    Error,
    /// Something was not taken; the run went on.
    Warning,
    /// Something was changed or passed by; nothing of meaning was lost.
    Note,
}

impl Severity {
    /// The word shown before the code.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

impl fmt::Display for ProblemCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for ProblemCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// One problem in one input file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Stable code of the kind of problem.
    pub code: ProblemCode,
    /// How much it stops.
    pub severity: Severity,
    /// The file, as the user named it.
    pub file: String,
    /// Line, from 1; 0 when the problem concerns the whole file.
    pub line: u32,
    /// Column, from 1; 0 when unknown.
    pub column: u32,
    /// In a spreadsheet, the sheet (then `line` is its row and `column`
    /// its column), the other rows with the same problem, and how many
    /// rows or cells it stands for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<Box<InSheet>>,
    /// What is wrong, lowercase, naming the offending value.
    pub message: String,
    /// How to fix it, when there is something useful to say.
    pub help: Option<String>,
    /// A command that would help, for the front end to word: the library
    /// names no command-line flag.
    #[serde(skip)]
    pub next: Option<NextStep>,
}

/// Where a problem is in a spreadsheet, beyond its row and column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InSheet {
    /// The sheet's name.
    pub name: String,
    /// The other rows with the same problem, when it is said once for all
    /// of them ([`grouped`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<u32>,
    /// How many rows or cells it stands for: 1 for one place, more for a
    /// problem that counts several (cells left out, rows of one kind).
    pub count: usize,
}

/// A command that helps with a problem. The library records it; the
/// command line words it with its own flags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NextStep {
    /// Load catalogues that define other standards.
    LoadCatalogues,
    /// Start from a template that lists every item.
    StartFromTemplate,
    /// List the ids of a standard.
    ListIds {
        /// The standard's key.
        standard: String,
    },
    /// Suggest the known id nearest to an unknown one. Comparing an id
    /// with every id of a standard is the costly part of a problem, so it
    /// is worked out only for the problems shown ([`SHOWN`]); the others,
    /// like one with no id near, point to the list of ids.
    NearestId(Box<UnknownId>),
}

/// An id that no item of a standard has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownId {
    /// The standard's key.
    pub standard: String,
    /// The id, as written.
    pub id: String,
}

/// At most this many problems of one input are shown; the rest are counted.
pub const SHOWN: usize = 50;

impl Problem {
    /// A problem with a file as a whole (one that cannot be read or
    /// written), with a hint.
    pub fn whole_file(
        code: ProblemCode,
        file: impl Into<String>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Self {
        Problem {
            code,
            severity: Severity::Error,
            file: file.into(),
            line: 0,
            column: 0,
            sheet: None,
            message: message.into(),
            help: Some(help.into()),
            next: None,
        }
    }

    /// A problem in a spreadsheet: in `sheet`, at `row` (from 1; 0 for the
    /// sheet as a whole) and `column` (from 1; 0 for the whole row).
    pub fn in_sheet(
        code: ProblemCode,
        severity: Severity,
        file: &str,
        sheet: &str,
        (row, column): (usize, usize),
        message: impl Into<String>,
    ) -> Self {
        Problem {
            code,
            severity,
            file: file.to_owned(),
            line: u32::try_from(row).unwrap_or(u32::MAX),
            column: u32::try_from(column).unwrap_or(u32::MAX),
            sheet: Some(Box::new(InSheet {
                name: sheet.to_owned(),
                also: Vec::new(),
                count: 1,
            })),
            message: message.into(),
            help: None,
            next: None,
        }
    }

    /// Where the problem is, as `file:line:column` (or less when unknown);
    /// in a spreadsheet, as `file: sheet "S" row 3, column C`.
    pub fn location(&self) -> String {
        if let Some(sheet) = &self.sheet {
            let mut place = format!("{}: sheet \"{}\"", self.file, sheet.name);
            if self.line > 0 && sheet.also.is_empty() {
                place.push_str(&format!(" row {}", self.line));
            } else if self.line > 0 {
                place.push_str(&format!(" rows {}", self.lines(&sheet.also)));
            }
            if self.column > 0 {
                place.push_str(&format!(
                    ", column {}",
                    column_letter(self.column as usize - 1)
                ));
            }
            return place;
        }
        match (self.line, self.column) {
            (0, _) => self.file.clone(),
            (line, 0) => format!("{}:{line}", self.file),
            (line, column) => format!("{}:{line}:{column}", self.file),
        }
    }
}

impl Problem {
    /// Its line and the others with the same problem, in order, runs of
    /// consecutive ones written as ranges: `2-21, 25`.
    fn lines(&self, also: &[u32]) -> String {
        let mut lines: Vec<u32> = std::iter::once(self.line)
            .chain(also.iter().copied())
            .collect();
        lines.sort_unstable();
        lines.dedup();
        let mut runs: Vec<(u32, u32)> = Vec::new();
        for line in lines {
            match runs.last_mut() {
                Some((_, end)) if *end + 1 == line => *end = line,
                _ => runs.push((line, line)),
            }
        }
        runs.iter()
            .map(|&(start, end)| {
                if start == end {
                    start.to_string()
                } else {
                    format!("{start}-{end}")
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The key under which problems are the same: code, severity, file,
/// sheet, column, message and help.
type Sameness<'p> = (
    ProblemCode,
    Severity,
    &'p str,
    &'p str,
    u32,
    &'p str,
    Option<&'p str>,
);

/// The problems, with those of a spreadsheet that say the same thing (code,
/// severity, file, sheet, column, message and help) at several rows said
/// once, at the place of the first, the others in [`InSheet::also`]: a
/// sheet whose rows 2 to 21 all use one unknown word gives one line, not
/// twenty.
pub fn grouped(problems: &[Problem]) -> Vec<Problem> {
    let mut out: Vec<Problem> = Vec::with_capacity(problems.len());
    let mut first: std::collections::HashMap<Sameness<'_>, usize> =
        std::collections::HashMap::new();
    for problem in problems {
        let Some(sheet) = problem.sheet.as_ref().filter(|_| problem.line > 0) else {
            out.push(problem.clone());
            continue;
        };
        let key = (
            problem.code,
            problem.severity,
            problem.file.as_str(),
            sheet.name.as_str(),
            problem.column,
            problem.message.as_str(),
            problem.help.as_deref(),
        );
        if let Some(&at) = first.get(&key)
            && let Some(kept) = out[at].sheet.as_mut()
        {
            kept.also.push(problem.line);
            kept.count += sheet.count;
            continue;
        }
        first.insert(key, out.len());
        out.push(problem.clone());
    }
    out
}

impl Problem {
    /// How many rows or cells the problem stands for: 1 but for a problem
    /// of a spreadsheet that counts several.
    pub fn count(&self) -> usize {
        self.sheet.as_ref().map_or(1, |s| s.count)
    }
}

/// The column letter of a column index from 0, as spreadsheets letter
/// them: A, B, ..., Z, AA, ...
pub fn column_letter(mut column: usize) -> String {
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

/// Collects every problem found in one file, in the order found.
#[derive(Debug, Clone, Default)]
pub struct Problems {
    file: String,
    list: Vec<Problem>,
}

impl Problems {
    /// An empty collection for `file` (the path as the user wrote it).
    pub fn new(file: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            list: Vec::new(),
        }
    }

    /// The file these problems belong to.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Records a problem and returns it so that a hint can be attached.
    pub fn add(&mut self, code: ProblemCode, pos: Pos, message: impl Into<String>) -> &mut Problem {
        self.list.push(Problem {
            code,
            severity: Severity::Error,
            file: self.file.clone(),
            line: pos.line,
            column: pos.column,
            sheet: None,
            message: message.into(),
            help: None,
            next: None,
        });
        let last = self.list.len() - 1;
        &mut self.list[last]
    }

    /// Whether nothing has been recorded.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The problems, sorted by position so the report reads top to bottom.
    pub fn into_sorted(mut self) -> Vec<Problem> {
        self.list
            .sort_by_key(|problem| (problem.line, problem.column));
        self.list
    }

    /// Moves every problem of `other` into this collection.
    pub fn extend(&mut self, other: Problems) {
        self.list.extend(other.list);
    }
}

impl Problem {
    /// Attaches a hint on how to fix the problem.
    pub fn help(&mut self, help: impl Into<String>) -> &mut Self {
        self.help = Some(help.into());
        self
    }

    /// Records a command that would help.
    pub fn next(&mut self, step: NextStep) -> &mut Self {
        self.next = Some(step);
        self
    }
}

/// Input that cannot be used, with every problem found in it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} problem(s) in the input", .0.len())]
pub struct InvalidInput(pub Vec<Problem>);

impl From<Problems> for InvalidInput {
    fn from(problems: Problems) -> Self {
        Self(problems.into_sorted())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_kebab_case_and_described() {
        let mut seen = HashSet::new();
        for code in ProblemCode::ALL {
            let name = code.as_str();
            assert!(seen.insert(name), "duplicate code {name}");
            assert!(
                name.chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit()),
                "{name} is not kebab-case"
            );
            assert!(code.description().ends_with('.'));
        }
    }
}
