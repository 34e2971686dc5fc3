//! Reading files of import words (`catalog/import-words.yaml`, and the
//! user's `--words FILE`) into [`Words`]: raw serde types that mirror the
//! file, then every problem found, located, in one pass.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::columns::{Role, normalise};
use super::words::{Word, Words};
use crate::diag::{InvalidInput, Pos, ProblemCode, Problems};
use crate::status::{self, Status};
use crate::yaml::{self, Located};

/// The built-in words, embedded in the binary.
pub const BUILTIN: (&str, &str) = (
    "catalog/import-words.yaml",
    include_str!("../../catalog/import-words.yaml"),
);

impl Default for Words {
    /// The built-in words.
    fn default() -> Self {
        static BUILTIN_WORDS: OnceLock<Words> = OnceLock::new();
        BUILTIN_WORDS
            // A test holds the embedded file valid, so the empty fallback
            // is never taken.
            .get_or_init(|| load(&[]).unwrap_or_else(|_| Words::empty()))
            .clone()
    }
}

/// A file of import words.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    /// The languages, by key (`en`, `de`, or any key of the user's).
    languages: BTreeMap<String, RawLanguage>,
}

/// One language's words.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    /// Its name, in the language.
    name: Located<String>,
    /// Header words per role.
    #[serde(default)]
    headers: RawHeaders,
    /// Status words per status.
    #[serde(default)]
    statuses: RawStatuses,
    /// Yes and no of an applicability column.
    #[serde(default)]
    applicable: RawApplicable,
    /// Words that negate what follows.
    #[serde(default)]
    negations: Vec<Located<String>>,
}

type List = Vec<Located<String>>;

/// Header words, one list per role of `--column`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawHeaders {
    #[serde(default)]
    id: List,
    #[serde(default)]
    title: List,
    #[serde(default)]
    applicable: List,
    #[serde(default)]
    justification: List,
    #[serde(default)]
    reasons: List,
    #[serde(default)]
    risks: List,
    #[serde(default)]
    status: List,
    #[serde(default)]
    inherited_from: List,
    #[serde(default)]
    implementation: List,
    #[serde(default)]
    owner: List,
    #[serde(default)]
    evidence: List,
    #[serde(default)]
    evidence_dates: List,
    #[serde(default)]
    notes: List,
    #[serde(default)]
    due: List,
    #[serde(default)]
    reviewed: List,
    #[serde(default)]
    standard: List,
    #[serde(default)]
    theme: List,
}

impl RawHeaders {
    /// Each role with its words.
    fn roles(self) -> [(Role, List); 17] {
        [
            (Role::Id, self.id),
            (Role::Title, self.title),
            (Role::Applicable, self.applicable),
            (Role::Justification, self.justification),
            (Role::Reasons, self.reasons),
            (Role::Risks, self.risks),
            (Role::Status, self.status),
            (Role::InheritedFrom, self.inherited_from),
            (Role::Implementation, self.implementation),
            (Role::Owner, self.owner),
            (Role::Evidence, self.evidence),
            (Role::EvidenceDates, self.evidence_dates),
            (Role::Notes, self.notes),
            (Role::Due, self.due),
            (Role::Reviewed, self.reviewed),
            (Role::Standard, self.standard),
            (Role::Theme, self.theme),
        ]
    }
}

/// Status words, one list per status.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawStatuses {
    #[serde(default)]
    implemented: List,
    #[serde(default)]
    partial: List,
    #[serde(default)]
    planned: List,
    #[serde(default)]
    not_implemented: List,
    #[serde(default)]
    not_applicable: List,
    #[serde(default)]
    not_assessed: List,
}

impl RawStatuses {
    /// Each status with its words; `None` is not assessed.
    fn statuses(self) -> [(Option<Status>, List); 6] {
        [
            (Some(Status::Implemented), self.implemented),
            (Some(Status::Partial), self.partial),
            (Some(Status::Planned), self.planned),
            (Some(Status::NotImplemented), self.not_implemented),
            (Some(Status::NotApplicable), self.not_applicable),
            (None, self.not_assessed),
        ]
    }
}

/// The yes and no words of an applicability column.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawApplicable {
    #[serde(default)]
    yes: List,
    #[serde(default)]
    no: List,
}

/// The built-in words and then each of `files` (name, text), the files'
/// words first, so that a user's word overrides the built-in meaning; or
/// every problem of every file, located.
pub fn load(files: &[(String, String)]) -> Result<Words, InvalidInput> {
    let mut words = Words::empty();
    let mut problems = Vec::new();
    for (name, text) in files {
        match read(name, text) {
            Ok(file) => {
                problems.extend(conflicts(name, &words, &file));
                words.append(file);
            }
            Err(found) => problems.extend(found.0),
        }
    }
    let (name, text) = BUILTIN;
    match read(name, text) {
        Ok(file) => words.append(file),
        Err(found) => problems.extend(found.0),
    }
    if problems.is_empty() {
        Ok(words)
    } else {
        Err(InvalidInput(problems))
    }
}

/// The words of the user's file `name` that an earlier file of the user's
/// gives another meaning: which one would win depends on the order of the
/// flags, so neither does.
fn conflicts(name: &str, earlier: &Words, file: &Words) -> Vec<crate::diag::Problem> {
    let mut out = Vec::new();
    let mut say = |text: &str, before: String, now: String| {
        out.push(crate::diag::Problem::whole_file(
            ProblemCode::InvalidValue,
            name,
            format!("`{text}` is {now} here, but {before} in an earlier --words file"),
            "give each word one meaning across the --words files",
        ));
    };
    for (word, role) in &file.headers {
        if let Some((_, other)) = earlier
            .headers
            .iter()
            .find(|(w, r)| w.key == word.key && r != role)
        {
            say(
                &word.text,
                format!("the role {other}"),
                format!("the role {role}"),
            );
        }
    }
    let status = |s: &Option<Status>| s.map_or(status::NOT_ASSESSED, Status::as_str);
    for (word, meaning) in &file.statuses {
        if let Some((_, other)) = earlier
            .statuses
            .iter()
            .find(|(w, s)| w.key == word.key && s != meaning)
        {
            say(
                &word.text,
                format!("the status {}", status(other)),
                format!("the status {}", status(meaning)),
            );
        }
    }
    let yes_no = |yes: bool| if yes { "yes" } else { "no" }.to_owned();
    for (word, yes) in &file.applicable {
        if let Some((_, other)) = earlier
            .applicable
            .iter()
            .find(|(w, y)| w.key == word.key && y != yes)
        {
            say(&word.text, yes_no(*other), yes_no(*yes));
        }
    }
    out
}

/// One file's words, checked: no word blank, none meaning two things.
fn read(name: &str, text: &str) -> Result<Words, InvalidInput> {
    let mut problems = Problems::new(name);
    if yaml::is_blank(text) {
        problems
            .add(ProblemCode::EmptyFile, Pos::default(), "the file is empty")
            .help("a file of import words starts with `languages:`");
        return Err(problems.into());
    }
    // The full reader, which refuses a language or key given twice; a
    // words file is small, so the fast reader gains nothing here.
    let raw: RawFile = match yaml::parse(text, yaml::Duplicates::Refuse) {
        Ok(raw) => raw,
        Err(err) => {
            let problem = problems.add(err.code, err.pos, err.message);
            if let Some(help) = err.help {
                problem.help(help);
            }
            return Err(problems.into());
        }
    };
    let mut words = Words::empty();
    let mut headers = Meanings::default();
    let mut statuses = Meanings::default();
    let mut applicable = Meanings::default();
    for (language, raw) in raw.languages {
        if raw.name.value.trim().is_empty() {
            problems
                .add(
                    ProblemCode::EmptyValue,
                    raw.name.pos,
                    "the language's name is blank",
                )
                .help("write the language's name, such as `name: Deutsch`");
        }
        words
            .languages
            .push((language.clone(), raw.name.value.trim().to_owned()));
        let take = |list: List, meaning: String, seen: &mut Meanings, problems: &mut Problems| {
            let mut out = Vec::new();
            for located in list {
                let word = Word::new(&located.value, &language);
                if word.key.is_empty() {
                    problems
                        .add(ProblemCode::EmptyValue, located.pos, "a blank word")
                        .help("remove it from the list");
                    continue;
                }
                if let Some((other, at)) = seen.claim(&word.key, &meaning, located.pos) {
                    problems
                        .add(
                            ProblemCode::InvalidValue,
                            located.pos,
                            format!(
                                "`{}` is read as `{}`, which line {} already gives to {other}, so it would mean two things: {other} and {meaning}",
                                located.value, word.key, at.line
                            ),
                        )
                        .help("keep it in one list only");
                    continue;
                }
                out.push(word);
            }
            out
        };
        for (role, list) in raw.headers.roles() {
            let meaning = format!("the role {role}");
            for word in take(list, meaning, &mut headers, &mut problems) {
                words.headers.push((word, role));
            }
        }
        for (status, list) in raw.statuses.statuses() {
            let meaning = format!(
                "the status {}",
                status.map_or(status::NOT_ASSESSED, Status::as_str)
            );
            for word in take(list, meaning, &mut statuses, &mut problems) {
                words.statuses.push((word, status));
            }
        }
        for (yes, list) in [(true, raw.applicable.yes), (false, raw.applicable.no)] {
            let meaning = if yes { "yes" } else { "no" }.to_owned();
            for word in take(list, meaning, &mut applicable, &mut problems) {
                words.applicable.push((word, yes));
            }
        }
        for located in raw.negations {
            let key = normalise(&located.value);
            if key.is_empty() {
                problems
                    .add(ProblemCode::EmptyValue, located.pos, "a blank negation")
                    .help("remove it from the list");
            } else if !words.negations.contains(&key) {
                words.negations.push(key);
            }
        }
    }
    if problems.is_empty() {
        Ok(words)
    } else {
        Err(problems.into())
    }
}

/// What each word already means in one file, and where it was first said.
#[derive(Default)]
struct Meanings(BTreeMap<String, (String, Pos)>);

impl Meanings {
    /// Records that `key` means `meaning`; the other meaning and its place
    /// when the file gave it another one already.
    fn claim(&mut self, key: &str, meaning: &str, pos: Pos) -> Option<(String, Pos)> {
        match self.0.get(key) {
            Some((other, at)) if other != meaning => Some((other.clone(), *at)),
            Some(_) => None,
            None => {
                self.0.insert(key.to_owned(), (meaning.to_owned(), pos));
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        match read("words.yaml", text) {
            Ok(_) => Vec::new(),
            Err(invalid) => invalid
                .0
                .iter()
                .map(|p| format!("{}:{}: {}", p.line, p.column, p.message))
                .collect(),
        }
    }

    #[test]
    fn the_builtin_words_are_valid_and_each_means_one_thing() {
        let (name, text) = BUILTIN;
        let words = read(name, text).unwrap_or_else(|e| panic!("{:#?}", e.0));
        for language in ["en", "de", "fr", "es", "it", "nl", "pt", "pl", "cs"] {
            assert!(
                words.languages.iter().any(|(k, _)| k == language),
                "{language}"
            );
            for (what, count) in [
                (
                    "headers",
                    words
                        .headers
                        .iter()
                        .filter(|(w, _)| w.language == language)
                        .count(),
                ),
                (
                    "statuses",
                    words
                        .statuses
                        .iter()
                        .filter(|(w, _)| w.language == language)
                        .count(),
                ),
                (
                    "applicable",
                    words
                        .applicable
                        .iter()
                        .filter(|(w, _)| w.language == language)
                        .count(),
                ),
            ] {
                assert!(count >= 5, "{language} has {count} {what}");
            }
        }
        // The same word in two languages means the same thing.
        let mut seen: BTreeMap<&str, Role> = BTreeMap::new();
        for (word, role) in &words.headers {
            assert_eq!(
                *seen.entry(&word.key).or_insert(*role),
                *role,
                "{}",
                word.text
            );
        }
        let mut seen: BTreeMap<&str, Option<Status>> = BTreeMap::new();
        for (word, status) in &words.statuses {
            assert_eq!(
                *seen.entry(&word.key).or_insert(*status),
                *status,
                "{}",
                word.text
            );
        }
        let mut seen: BTreeMap<&str, bool> = BTreeMap::new();
        for (word, yes) in &words.applicable {
            assert_eq!(
                *seen.entry(&word.key).or_insert(*yes),
                *yes,
                "{}",
                word.text
            );
        }
    }

    #[test]
    fn a_word_meaning_two_things_is_refused_where_it_is() {
        let text = "languages:\n  xx:\n    name: House\n    headers:\n      id: [Ref]\n      title: [Ref.]\n    statuses:\n      partial: [Half]\n      planned: [half]\n    applicable:\n      yes: [In]\n      no: [IN]\n";
        let found = problems(text);
        assert_eq!(found.len(), 3, "{found:#?}");
        assert!(
            found[0].starts_with(
                "6:15: `Ref.` is read as `ref`, which line 5 already gives to the role id"
            ),
            "{}",
            found[0]
        );
        assert!(
            found[1].starts_with("9:17:")
                && found[1].contains("the status partial and the status planned"),
            "{}",
            found[1]
        );
        assert!(
            found[2].starts_with("12:12:") && found[2].contains("yes and no"),
            "{}",
            found[2]
        );
    }

    #[test]
    fn an_unknown_role_or_status_is_named_with_the_known_ones() {
        let found =
            problems("languages:\n  xx:\n    name: House\n    headers:\n      ident: [Ref]\n");
        assert!(
            found[0].starts_with("5:7:")
                && found[0].contains("`ident`")
                && found[0].contains("inherited-from"),
            "{found:?}"
        );
        let found =
            problems("languages:\n  xx:\n    name: House\n    statuses:\n      done: [Ok]\n");
        assert!(
            found[0].starts_with("5:7:")
                && found[0].contains("`done`")
                && found[0].contains("not-assessed"),
            "{found:?}"
        );
        let found = problems("languages:\n  xx:\n    statuses:\n      partial: [Half]\n");
        assert!(found[0].contains("name"), "{found:?}");
        assert_eq!(
            problems("languages:\n  xx:\n    name: House\n    headers:\n      id: ['  ']\n").len(),
            1
        );
    }
}
