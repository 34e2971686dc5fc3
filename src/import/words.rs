//! The words a sheet uses for its headers, a status and applicability, in
//! every language ims knows (`catalog/import-words.yaml`) and the user's
//! (`--words`, `--status`, `--applicable`); and the hint for a word ims
//! does not know, which proposes a meaning only when the word says it.

use super::columns::{Role, normalise};
use crate::status::{self, Status};

/// One word as written, as compared, and the language it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// As written in the file or flag.
    pub text: String,
    /// As compared: see [`key`].
    pub key: String,
    /// The language key (`en`, `de`, ...), or the flag that gave it.
    pub language: String,
}

impl Word {
    /// A word of `language`.
    pub fn new(text: &str, language: &str) -> Self {
        Word {
            text: text.trim().to_owned(),
            key: key(text),
            language: language.to_owned(),
        }
    }
}

/// A word as it is compared: lowercase, punctuation taken for spaces,
/// accents kept; a mark such as `✓`, which that leaves blank, as written.
pub fn key(text: &str) -> String {
    let normal = normalise(text);
    if normal.is_empty() {
        text.trim().to_lowercase()
    } else {
        normal
    }
}

/// Every word an import reads, the user's first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Words {
    /// Header words and the role each names.
    pub headers: Vec<(Word, Role)>,
    /// Status words and the status each means; `None` is not assessed.
    pub statuses: Vec<(Word, Option<Status>)>,
    /// Applicability words: yes (`true`) or no.
    pub applicable: Vec<(Word, bool)>,
    /// Words that negate, compared as [`normalise`] leaves them.
    pub negations: Vec<String>,
    /// Each language's key and name.
    pub languages: Vec<(String, String)>,
    /// The first status and applicability word of each key, made on the
    /// first lookup: a sheet of many rows looks each cell up once, not
    /// through a thousand words.
    index: std::sync::OnceLock<Index>,
}

/// Where the first word of each key (and whether it asks, with a `?`) is
/// in the status and applicability lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Index {
    statuses: std::collections::HashMap<(String, bool), usize>,
    applicable: std::collections::HashMap<(String, bool), usize>,
}

impl Index {
    fn of(words: &Words) -> Self {
        let mut index = Index::default();
        for (at, (word, _)) in words.statuses.iter().enumerate() {
            index
                .statuses
                .entry((word.key.clone(), word.text.contains('?')))
                .or_insert(at);
        }
        for (at, (word, _)) in words.applicable.iter().enumerate() {
            index
                .applicable
                .entry((word.key.clone(), word.text.contains('?')))
                .or_insert(at);
        }
        index
    }
}

/// The statuses as `--status` names them.
pub const STATUS_NAMES: &str =
    "implemented, partial, planned, not-implemented, not-applicable, not-assessed";

impl Words {
    /// No words at all.
    pub(super) fn empty() -> Self {
        Words {
            headers: Vec::new(),
            statuses: Vec::new(),
            applicable: Vec::new(),
            negations: Vec::new(),
            languages: Vec::new(),
            index: std::sync::OnceLock::new(),
        }
    }

    /// Adds `other`'s words after these.
    pub(super) fn append(&mut self, other: Words) {
        self.index = std::sync::OnceLock::new();
        self.headers.extend(other.headers);
        self.statuses.extend(other.statuses);
        self.applicable.extend(other.applicable);
        for negation in other.negations {
            if !self.negations.contains(&negation) {
                self.negations.push(negation);
            }
        }
        for language in other.languages {
            if !self.languages.iter().any(|(k, _)| *k == language.0) {
                self.languages.push(language);
            }
        }
    }

    /// Puts the words of `--status` and `--applicable` before all others.
    pub fn with_flags(
        mut self,
        statuses: &[(String, Option<Status>)],
        applicable: &[(String, bool)],
    ) -> Self {
        let mut first: Vec<_> = statuses
            .iter()
            .map(|(w, s)| (Word::new(w, "--status"), *s))
            .collect();
        self.index = std::sync::OnceLock::new();
        first.append(&mut self.statuses);
        self.statuses = first;
        let mut first: Vec<_> = applicable
            .iter()
            .map(|(w, a)| (Word::new(w, "--applicable"), *a))
            .collect();
        first.append(&mut self.applicable);
        self.applicable = first;
        self
    }

    /// The role a header names, if any.
    pub fn role_of(&self, header: &str) -> Option<Role> {
        let wanted = normalise(header);
        if wanted.is_empty() {
            return None;
        }
        self.headers
            .iter()
            .find(|(w, _)| w.key == wanted)
            .map(|(_, role)| *role)
    }

    /// The languages whose headers include `header`.
    pub fn header_languages(&self, header: &str) -> Vec<&str> {
        let wanted = normalise(header);
        self.headers
            .iter()
            .filter(|(w, _)| w.key == wanted)
            .map(|(w, _)| w.language.as_str())
            .collect()
    }

    /// The status a word names, if it is one; `Some(None)` is not assessed.
    pub fn status_of(&self, text: &str) -> Option<(Option<Status>, &Word)> {
        // `Implemented?` asks rather than says: only a word written with
        // its question mark (a user's `--status "Implemented?=partial"`)
        // is one.
        let asks = text.contains('?');
        let index = self.index.get_or_init(|| Index::of(self));
        let &at = index.statuses.get(&(key(text), asks))?;
        self.statuses.get(at).map(|(w, s)| (*s, w))
    }

    /// Whether a cell decides nothing: blank, or a not-assessed word.
    pub fn undecided(&self, text: &str) -> bool {
        text.trim().is_empty() || matches!(self.status_of(text), Some((None, _)))
    }

    /// Whether a cell says the item applies (`Some(true)`), does not
    /// (`Some(false)`), or decides nothing (`None`); `Err` when it cannot be read.
    pub(crate) fn applicability(&self, text: &str) -> Result<Option<bool>, ()> {
        if self.undecided(text) {
            return Ok(None);
        }
        let asks = text.contains('?');
        let index = self.index.get_or_init(|| Index::of(self));
        let at = index.applicable.get(&(key(text), asks)).ok_or(())?;
        self.applicable
            .get(*at)
            .map(|(_, yes)| Some(*yes))
            .ok_or(())
    }

    /// The status an unknown status word most likely means, and the known
    /// word that says so; `None` when nothing says it for sure.
    pub fn status_hint(&self, text: &str) -> Option<(Option<Status>, &Word)> {
        // "teils umgesetzt", "largement conforme": a word that holds an
        // implemented word says how far, not that it is done.
        hint(text, &self.statuses, &self.negations, |s| {
            *s != Some(Status::Implemented)
        })
    }

    /// Whether an unknown applicability word most likely means yes or no,
    /// and the known word that says so.
    pub fn applicable_hint(&self, text: &str) -> Option<(bool, &Word)> {
        hint(text, &self.applicable, &self.negations, |_| true)
    }

    /// The status words of `languages` (all, when none is given), by status,
    /// on one line: what the closing note of a run lists once.
    pub fn known_statuses(&self, languages: &[String]) -> String {
        let mut by_status: Vec<String> = Vec::new();
        for status in Status::ALL.map(Some).into_iter().chain([None]) {
            let words = self.known(&self.statuses, languages, |s| *s == status);
            by_status.push(format!(
                "{}: {}",
                status.map_or(status::NOT_ASSESSED, Status::as_str),
                words.join(", ")
            ));
        }
        by_status.join("; ")
    }

    /// The applicability words of `languages` (all, when none is given).
    pub fn known_applicable(&self, languages: &[String]) -> String {
        let yes = self.known(&self.applicable, languages, |a| *a);
        let no = self.known(&self.applicable, languages, |a| !*a);
        format!("yes: {}; no: {}", yes.join(", "), no.join(", "))
    }

    /// The words of `languages` (and of the flags) whose meaning passes `keep`.
    fn known<T>(
        &self,
        list: &[(Word, T)],
        languages: &[String],
        keep: impl Fn(&T) -> bool,
    ) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (word, meaning) in list {
            let shown = languages.is_empty()
                || word.language.starts_with("--")
                || languages.contains(&word.language);
            let text = word.text.to_lowercase();
            if shown && keep(meaning) && !out.contains(&text) {
                out.push(text);
            }
        }
        out
    }
}

/// What an unknown word most likely means: a known word it is a near
/// spelling of, or else the longest known word of 3 characters or more it
/// holds as whole words whose meaning `held` allows (when no other as long
/// means something else); never when it holds a negation, which may turn
/// the meaning round ("not yet implemented"), nor a digit or `%`, which
/// says how far ("50%", "teilweise, Rest 2027") in a way no word reads.
fn hint<'w, T: Copy + PartialEq>(
    text: &str,
    known: &'w [(Word, T)],
    negations: &[String],
    held: impl Fn(&T) -> bool,
) -> Option<(T, &'w Word)> {
    let wanted = normalise(text);
    let words: Vec<&str> = wanted.split(' ').collect();
    let negated = |w: &[&str]| w.iter().any(|w| negations.iter().any(|n| n == w));
    if wanted.is_empty()
        || text
            .chars()
            .any(|c| c.is_ascii_digit() || c == '%' || c == '?')
    {
        return None;
    }
    // A near spelling: a typo, not a word with more in it ("unimplemented"
    // holds "implemented" and means the opposite); short words are too
    // close to each other ("done", "none") to guess between.
    if wanted.chars().count() >= 6 {
        let candidates = known.iter().filter(|(w, _)| {
            !wanted.contains(w.key.as_str())
                && negated(&w.key.split(' ').collect::<Vec<_>>()) == negated(&words)
        });
        let keys: Vec<&str> = candidates.clone().map(|(w, _)| w.key.as_str()).collect();
        if let Some(close) = crate::suggest::closest(&wanted, keys) {
            return known
                .iter()
                .find(|(w, _)| w.key == close)
                .map(|(w, meaning)| (*meaning, w));
        }
    }
    if negated(&words) {
        return None;
    }
    let padded = format!(" {wanted} ");
    let mut best: Option<(T, &Word)> = None;
    let mut tied = false;
    for (word, meaning) in known {
        if word.key.chars().count() < 3
            || !held(meaning)
            || !padded.contains(&format!(" {} ", word.key))
        {
            continue;
        }
        match best {
            Some((_, top)) if top.key.chars().count() > word.key.chars().count() => {}
            Some((other, top)) if top.key.chars().count() == word.key.chars().count() => {
                tied |= other != *meaning;
            }
            _ => {
                best = Some((*meaning, word));
                tied = false;
            }
        }
    }
    best.filter(|_| !tied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_words_propose_partial_and_others_nothing() {
        let words = Words::default();
        let status = |text: &str| words.status_hint(text).map(|(s, _)| s);
        assert_eq!(status("Částečně zavedené"), Some(Some(Status::Partial)));
        assert_eq!(status("partially implemnted"), Some(Some(Status::Partial)));
        assert_eq!(status("teilweise, Rest offen"), Some(Some(Status::Partial)));
        assert_eq!(status("Implemnted"), Some(Some(Status::Implemented)));
        // A word that holds the opposite is read as the opposite, not as
        // the word it holds.
        assert_eq!(
            status("unimplemented here"),
            Some(Some(Status::NotImplemented))
        );
        assert_eq!(status("nezavedené"), Some(Some(Status::NotImplemented)));
        for unsure in [
            "Not yet",
            "not yet implemented",
            "Implemented, not tested",
            "Implemented in 2024",
            "teilweise, Rest 2027",
            "None",
            "Maybe",
        ] {
            assert_eq!(status(unsure), None, "{unsure}");
        }
        let applicable = |text: &str| words.applicable_hint(text).map(|(a, _)| a);
        assert_eq!(applicable("Ano, částečně"), Some(true));
        assert_eq!(applicable("ne - mimo rozsah"), None);
        assert_eq!(applicable("perhaps"), None);
    }

    #[test]
    fn a_word_holding_an_implemented_word_is_not_proposed_implemented() {
        let words = Words::default();
        let status = |text: &str| words.status_hint(text).map(|(s, _)| s);
        // Each of these holds an implemented word and says it is not done.
        for (text, hinted) in [
            ("teils umgesetzt", Some(Some(Status::Partial))),
            ("en partie mis en œuvre", Some(Some(Status::Partial))),
            (
                "mis en œuvre en partie seulement",
                Some(Some(Status::Partial)),
            ),
            ("largement conforme", None),
            ("umgesetzt bis auf die Schulung", None),
        ] {
            assert_eq!(status(text), hinted, "{text}");
        }
        // A gerund is near "implementado" in spelling and means under way,
        // so it is a known word, not left to the hint.
        for text in ["implementando", "Implantando", "wdrażane"] {
            assert_eq!(
                words.status_of(text).map(|(s, _)| s),
                Some(Some(Status::Partial)),
                "{text}"
            );
        }
        // A near spelling of an implemented word still says implemented.
        assert_eq!(status("Implemnted"), Some(Some(Status::Implemented)));
        assert_eq!(status("umgestzt"), Some(Some(Status::Implemented)));
    }

    /// Holds that none of `texts` gets a status hint.
    fn no_status_hint(texts: &[&str]) {
        let words = Words::default();
        for text in texts {
            assert_eq!(words.status_hint(text).map(|(s, _)| s), None, "{text}");
        }
    }

    #[test]
    fn a_cell_with_a_digit_or_a_share_gets_no_hint() {
        no_status_hint(&[
            "wdrożone w 50%",
            "Implantado al 50%",
            "teilweise (2 von 5)",
            "planned for Q3 2026",
            "80 %",
        ]);
    }

    #[test]
    fn a_known_word_of_two_letters_is_not_looked_for_inside_others() {
        no_status_hint(&["na etapie analizy", "NA - siehe Konzept"]);
        let words = Words::default();
        let applicable = |text: &str| words.applicable_hint(text).map(|(a, _)| a);
        assert_eq!(applicable("ja, intern"), None);
        assert_eq!(applicable("si richiesto dal cliente"), None);
    }

    #[test]
    fn the_reviewers_negations_withhold_the_hint() {
        no_status_hint(&[
            "weder geplant noch begonnen",
            "jamais planifié",
            "nessuna pianificazione prevista",
            "planificado salvo el centro de datos",
            "żaden plan",
            "žádné plánování",
            "nenhum planejado",
            "bijna gepland",
        ]);
    }

    #[test]
    fn accents_survive_and_marks_are_kept_as_written() {
        assert_eq!(key("Částečně"), "částečně");
        assert_eq!(key("Maßnahme"), "maßnahme");
        assert_eq!(key("N.V.T."), "n v t");
        assert_eq!(key("✓"), "✓");
        let words = Words::default();
        assert_eq!(words.applicability("Použitelné"), Ok(Some(true)));
        assert_eq!(words.applicability("✓"), Ok(Some(true)));
        assert_eq!(words.applicability("Nein"), Ok(Some(false)));
        assert_eq!(words.applicability("TBD"), Ok(None));
        assert_eq!(words.role_of("Zdůvodnění"), Some(Role::Justification));
        assert_eq!(
            words.role_of("Justification / Implementation"),
            Some(Role::Justification)
        );
        assert_eq!(
            words.role_of("Is the control implemented?"),
            Some(Role::Status)
        );
        assert_eq!(words.role_of("Risk Addressed"), Some(Role::Risks));
    }

    #[test]
    fn flags_come_first() {
        let words = Words::default().with_flags(
            &[("done".to_owned(), Some(Status::Partial))],
            &[("ja".to_owned(), false)],
        );
        assert_eq!(
            words.status_of("Done").map(|(s, _)| s),
            Some(Some(Status::Partial))
        );
        assert_eq!(words.applicability("JA"), Ok(Some(false)));
    }
}
