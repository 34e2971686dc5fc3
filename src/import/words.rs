//! The words a sheet uses for a status and for applicability, as
//! consultants write them.

use super::columns;
use crate::status::Status;

/// The status words consultants write, lowercase, with what they mean;
/// `None` is not assessed.
pub(super) const STATUS_WORDS: &[(&str, Option<Status>)] = &[
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
pub(super) const UNDECIDED: &[&str] = &["not assessed", "not decided", "tbd", "unknown"];

/// Words for "applies" and "does not apply" in an applicability column.
pub(super) const YES: &[&str] = &[
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
pub(super) const NO: &[&str] = &[
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
pub(super) fn word(text: &str) -> String {
    columns::normalise(text)
}

/// The status a word names, if it is one; `Some(None)` is not assessed.
pub(super) fn status_of(text: &str, words: &[(String, Option<Status>)]) -> Option<Option<Status>> {
    let key = word(text);
    words.iter().find(|(w, _)| *w == key).map(|(_, s)| *s)
}

/// Whether a cell says the item applies (`Some(true)`), does not
/// (`Some(false)`), or decides nothing (`None`); `Err` when it cannot be read.
pub(super) fn applicability(text: &str) -> Result<Option<bool>, ()> {
    let key = word(text);
    if text.is_empty() || UNDECIDED.contains(&key.as_str()) {
        Ok(None)
    } else if YES
        .iter()
        .any(|y| *y == text || (!key.is_empty() && word(y) == key))
    {
        Ok(Some(true))
    } else if NO
        .iter()
        .any(|n| *n == text || (!key.is_empty() && word(n) == key))
    {
        Ok(Some(false))
    } else {
        Err(())
    }
}
