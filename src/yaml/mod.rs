//! The one module that knows YAML: parse options and limits, located
//! values, the wording of syntax errors, a fast reader for the plain YAML
//! that almost every file is written in, and the quoting of the scalars ims
//! writes.
//!
//! Everything else works with serde types, [`Located`] and [`SyntaxError`],
//! so the YAML crate can be swapped here without touching the rest.

mod fast;
mod write;

use std::cell::Cell;
use std::fmt;

use std::marker::PhantomData;

use serde::de::{Deserialize, DeserializeOwned, Deserializer, Visitor};
use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::{DuplicateKeyPolicy, Error, MessageFormatter, UserMessageFormatter};

use crate::diag::{Pos, ProblemCode};

pub use write::{one_line, scalar};

/// Deepest nesting accepted. Status files and catalogues need five levels.
const MAX_DEPTH: usize = 64;
/// Most YAML nodes in one document, far above a complete status file.
const MAX_NODES: usize = 250_000;
/// Most aliases (`*name`) in one document; ims files never need many.
const MAX_ALIASES: usize = 1_000;
/// Longest key YAML allows without the explicit `? key` form.
const MAX_KEY: usize = 1024;

/// A value together with the place in the file where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    /// The value as written.
    pub value: T,
    /// Where the value starts.
    pub pos: Pos,
}

impl<T> Located<T> {
    /// A value with a known position.
    pub fn new(value: T, pos: Pos) -> Self {
        Self { value, pos }
    }
}

/// Which reader is running, so that [`Located`] asks it for positions in
/// its own way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reader {
    /// The full parser, serde-saphyr.
    Full,
    /// The fast reader of [`fast`].
    Fast,
}

thread_local! {
    static READER: Cell<Reader> = const { Cell::new(Reader::Full) };
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Located<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if READER.get() == Reader::Fast {
            return deserializer
                .deserialize_newtype_struct(fast::LOCATED, FastLocated(PhantomData));
        }
        let spanned = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
        let at = spanned.referenced;
        Ok(Self {
            value: spanned.value,
            pos: Pos::new(at.line(), at.column()),
        })
    }
}

/// Reads a value from the fast reader together with the position it leaves
/// in [`fast::located_position`] just before.
struct FastLocated<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for FastLocated<T> {
    type Value = Located<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a located value")
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, value: D) -> Result<Located<T>, D::Error> {
        // Read the position first: the value may hold located values of its own.
        let pos = fast::located_position();
        Ok(Located::new(T::deserialize(value)?, pos))
    }
}

/// A file that could not be read as YAML of the expected shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// Kind of problem, for the stable problem code.
    pub code: ProblemCode,
    /// Where the parser stopped.
    pub pos: Pos,
    /// What went wrong, in words for the person who wrote the file.
    pub message: String,
    /// How to fix it, when there is something useful to say.
    pub help: Option<String>,
}

/// What the parser does with a key that appears twice in one mapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Duplicates {
    /// Pass both to the visitor, which reports them with both positions.
    Collect,
    /// Stop with a located error (for derived types, which cannot locate them).
    Refuse,
}

/// Parses one YAML document into `T`.
///
/// With [`Duplicates::Collect`], duplicate keys are passed through to the
/// visitor so that the caller can report every duplicate with both
/// positions, instead of stopping at the first one. Budgets are tight enough
/// that an alias bomb or absurd nesting fails in milliseconds.
pub fn parse<T: DeserializeOwned>(text: &str, duplicates: Duplicates) -> Result<T, SyntaxError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    check_characters(text)?;
    let policy = match duplicates {
        Duplicates::Collect => DuplicateKeyPolicy::PassThrough,
        Duplicates::Refuse => DuplicateKeyPolicy::Error,
    };
    let options = serde_saphyr::options! {
        duplicate_keys: policy,
        with_snippet: false,
        emit_comments: false,
        budget: serde_saphyr::budget! {
            max_depth: MAX_DEPTH,
            max_nodes: MAX_NODES,
            max_aliases: MAX_ALIASES,
            max_documents: 1,
        },
    };
    serde_saphyr::from_str_with_options(text, options).map_err(|err| translate(&err, text))
}

/// Refuses the characters YAML does not allow anywhere in a file (outside
/// its printable set: C0 controls other than tab and line ends, DEL, C1
/// controls other than NEL, and U+FFFE/U+FFFF), naming the first one and
/// its place, rather than the parser's terse complaint.
fn check_characters(text: &str) -> Result<(), SyntaxError> {
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r' | '\u{85}')
            || !(c.is_control() || c == '\u{fffe}' || c == '\u{ffff}')
    };
    let Some(at) = text.find(|c: char| !allowed(c)) else {
        return Ok(());
    };
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    let c = text[at..].chars().next().unwrap_or_default();
    let name = match c {
        '\0' => " (NUL)",
        '\x1b' => " (escape)",
        '\x7f' => " (delete)",
        _ => "",
    };
    Err(SyntaxError {
        code: ProblemCode::InvalidCharacter,
        pos: Pos::new(line as u64, column as u64),
        message: format!(
            "the file holds the control character U+{:04X}{name}, which YAML does not allow",
            u32::from(c)
        ),
        help: Some(
            "remove it; to put such a character in a value, write it as an escape in double quotes, such as \"\\e\"".to_owned(),
        ),
    })
}

/// Reads `text` with the fast reader, which knows the plain YAML that almost
/// every status file and catalogue is written in and gives up on the rest;
/// `None` when it gave up or the text does not fit `T`. Then read the file
/// with [`parse`], which reads all of YAML and words every problem. Values
/// keep their positions either way.
pub fn parse_fast<T: DeserializeOwned>(text: &str) -> Option<T> {
    struct Restore(Reader);
    impl Drop for Restore {
        fn drop(&mut self) {
            READER.set(self.0);
        }
    }
    let _restore = Restore(READER.replace(Reader::Fast));
    fast::parse(text, MAX_DEPTH, MAX_NODES).ok()
}

/// Whether the text holds no YAML content: only blanks, comments and a
/// byte-order mark. Such a file parses as "nothing" and deserves its own message.
pub fn is_blank(text: &str) -> bool {
    text.strip_prefix('\u{feff}')
        .unwrap_or(text)
        .lines()
        .map(str::trim)
        .all(|line| line.is_empty() || line.starts_with('#'))
}

/// Turns the parser's error into words for the author of the file.
fn translate(err: &Error, text: &str) -> SyntaxError {
    let pos = err
        .location()
        .map(|at| Pos::new(at.line(), at.column()))
        .unwrap_or_default();
    let mut inner = err.without_snippet();
    while let Error::AliasError { error, .. } = inner {
        inner = error.without_snippet();
    }
    let (code, message, help): (ProblemCode, String, Option<&str>) = match inner {
        Error::Budget {
            breach: BudgetBreach::Documents { .. },
            ..
        }
        | Error::MultipleDocuments { .. } => (
            ProblemCode::MultipleDocuments,
            "the file holds more than one YAML document".to_owned(),
            Some(
                "keep one document per file: remove the second `---` and what follows it, or move that to a file of its own",
            ),
        ),
        Error::Budget {
            breach: BudgetBreach::Nodes { .. },
            ..
        } if !uses_aliases(text) => (
            ProblemCode::TooManyValues,
            format!("the file holds more than {MAX_NODES} YAML values"),
            Some(
                "a complete status file holds a few thousand; check that this is the right file, or split it",
            ),
        ),
        Error::Budget {
            breach: BudgetBreach::Depth { .. },
            ..
        } => (
            ProblemCode::TooComplex,
            format!("the document is nested more than {MAX_DEPTH} levels deep"),
            Some("ims files are plain mappings a few levels deep; remove the deep nesting"),
        ),
        Error::Budget { .. }
        | Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. } => (
            ProblemCode::TooComplex,
            "the document is nested too deeply or expands too many aliases".to_owned(),
            Some(
                "ims files are plain mappings a few levels deep; remove the deep nesting or the `&anchor`/`*alias` expansion",
            ),
        ),
        Error::InvalidUtf8Input => (
            ProblemCode::NotUtf8,
            "the file is not valid UTF-8 text".to_owned(),
            Some("save the file as UTF-8"),
        ),
        Error::NullIntoString { .. } => (
            ProblemCode::WrongType,
            "a value is missing here".to_owned(),
            Some("write a value after the colon, or remove the line"),
        ),
        Error::Unexpected { expected, .. } => {
            let what = match *expected {
                "mapping start" => "a mapping of `key: value` lines",
                "sequence start" => "a list (`- item` lines or `[a, b]`)",
                "string scalar" => "a single value (text), not a list or mapping",
                other => other,
            };
            (
                ProblemCode::WrongType,
                format!("expected {what} here"),
                None,
            )
        }
        _ if key_too_long(text, pos) => (
            ProblemCode::KeyTooLong,
            format!("a key here is longer than the {MAX_KEY} characters YAML allows for a key"),
            Some(
                "shorten the key; if the text is a value, put it after `key: `, or write a long key as `? key` on a line of its own",
            ),
        ),
        _ => {
            let text = UserMessageFormatter.format_message(inner).into_owned();
            if text.starts_with("duplicate mapping key") {
                return SyntaxError {
                    code: ProblemCode::DuplicateKey,
                    pos,
                    message: text,
                    help: Some("keep one of the two".to_owned()),
                };
            }
            let code = if text.contains("recursion limit") {
                let message = "the document is nested too deeply".to_owned();
                let help =
                    "ims files are plain mappings a few levels deep; remove the deep nesting";
                return SyntaxError {
                    code: ProblemCode::TooComplex,
                    pos,
                    message,
                    help: Some(help.to_owned()),
                };
            } else if text.contains("tab") || text.contains("indent") {
                ProblemCode::YamlSyntax
            } else if text.starts_with("invalid type") || text.contains("expected") {
                ProblemCode::WrongType
            } else {
                ProblemCode::YamlSyntax
            };
            let help = text
                .contains("tab")
                .then_some("indent with spaces; YAML does not allow tabs for indentation");
            (code, lowercase_first(&text), help)
        }
    };
    SyntaxError {
        code,
        pos,
        message,
        help: help.map(str::to_owned),
    }
}

/// Whether the text defines an anchor and uses an alias (`&a`, `*a`), so
/// that running out of values means aliases expanding, not a long file.
fn uses_aliases(text: &str) -> bool {
    let token = |sigil: char| {
        text.match_indices(sigil).any(|(at, _)| {
            let before = text[..at].chars().next_back().unwrap_or(' ');
            let after = text[at + 1..].chars().next().unwrap_or(' ');
            matches!(before, ' ' | '[' | ',' | '\n' | '-' | ':') && after.is_alphanumeric()
        })
    };
    token('&') && token('*')
}

/// Whether the parser stopped at a key longer than [`MAX_KEY`] characters:
/// a line that starts with one (quoted or plain, then a colon), or a flow
/// mapping entry that runs longer than that up to where the parser stopped.
fn key_too_long(text: &str, pos: Pos) -> bool {
    let Some(line) = text.lines().nth((pos.line as usize).saturating_sub(1)) else {
        return false;
    };
    let key = line.trim_start();
    let leading = key
        .find(": ")
        .or_else(|| key.strip_suffix(':').map(str::len))
        .unwrap_or(0);
    let before: String = line
        .chars()
        .take((pos.column as usize).saturating_sub(1))
        .collect();
    let in_flow = before.contains('{');
    let entry = before.rsplit(['{', ',', '[']).next().unwrap_or_default();
    leading > MAX_KEY || (in_flow && entry.trim().chars().count() > MAX_KEY)
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if first.is_uppercase() && !chars.as_str().starts_with(char::is_uppercase) => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[derive(Debug, serde::Deserialize)]
    struct Keys(BTreeMap<String, Located<String>>);

    #[test]
    fn numeric_looking_keys_keep_their_spelling() {
        let keys: Keys = parse("5.10: a\n10.1: b\n5.1: c\n", Duplicates::Collect).unwrap();
        let names: Vec<&str> = keys.0.keys().map(String::as_str).collect();
        assert_eq!(names, ["10.1", "5.1", "5.10"]);
    }

    #[test]
    fn positions_are_one_based_line_and_column() {
        let keys: Keys = parse("a: x\nb:   y\n", Duplicates::Collect).unwrap();
        assert_eq!(keys.0["b"].pos, Pos::new(2, 6));
    }

    #[test]
    fn byte_order_mark_and_crlf_are_accepted() {
        let keys: Keys = parse("\u{feff}a: x\r\nb: y\r\n", Duplicates::Collect).unwrap();
        assert_eq!(keys.0["a"].value, "x");
        assert_eq!(keys.0["b"].pos, Pos::new(2, 4));
    }

    #[test]
    fn tabs_give_a_located_syntax_error_with_help() {
        let err = parse::<Keys>("a:\n\tb: c\n", Duplicates::Collect).unwrap_err();
        assert_eq!(err.pos.line, 2);
        assert!(err.help.unwrap().contains("spaces"));
    }

    #[test]
    fn alias_bomb_is_refused() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..12 {
            let prev = level - 1;
            let refs = vec![format!("*a{prev}"); 10].join(", ");
            text.push_str(&format!("a{level}: &a{level} [{refs}]\n"));
        }
        // Fully expanded, the last line would be 10^12 values; the budget
        // stops the parse after a bounded number, counted rather than timed
        // so that a loaded machine cannot fail the test.
        let (seen, result) = counted(&text);
        assert_eq!(result.unwrap_err().code, ProblemCode::TooComplex);
        assert!(
            seen <= MAX_NODES,
            "{seen} values read before the budget stopped the parse"
        );
        // The count is of values as the aliases expand them: a small bomb
        // within the budget is read whole.
        let small = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n";
        let (seen, result) = counted(small);
        assert!(result.is_ok());
        assert_eq!(seen, 10 + 100 + 1000 + 3);
    }

    /// Parses `text` into a value that counts every scalar read, keys too;
    /// gives the count and the outcome.
    fn counted(text: &str) -> (usize, Result<Counted, SyntaxError>) {
        SEEN.set(0);
        let result = parse::<Counted>(text, Duplicates::Collect);
        (SEEN.get(), result)
    }

    thread_local! {
        static SEEN: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

    /// Any YAML value, read only to count its scalars.
    #[derive(Debug)]
    struct Counted;

    impl<'de> serde::Deserialize<'de> for Counted {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_any(CountedVisitor)
        }
    }

    struct CountedVisitor;

    impl<'de> serde::de::Visitor<'de> for CountedVisitor {
        type Value = Counted;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("any value")
        }

        fn visit_str<E>(self, _: &str) -> Result<Counted, E> {
            SEEN.set(SEEN.get() + 1);
            Ok(Counted)
        }

        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Counted, A::Error> {
            while seq.next_element::<Counted>()?.is_some() {}
            Ok(Counted)
        }

        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Counted, A::Error> {
            while map.next_entry::<Counted, Counted>()?.is_some() {}
            Ok(Counted)
        }
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = format!("{}x{}", "[".repeat(10_000), "]".repeat(10_000));
        let err = parse::<serde_json::Value>(&text, Duplicates::Collect).unwrap_err();
        assert_eq!(err.code, ProblemCode::TooComplex, "{err:?}");
    }

    #[test]
    fn each_kind_of_unreadable_yaml_has_its_own_code() {
        let code = |text: &str| {
            parse::<serde_json::Value>(text, Duplicates::Collect)
                .unwrap_err()
                .code
        };
        assert_eq!(code("a: 1\n---\nb: 2\n"), ProblemCode::MultipleDocuments);
        assert_eq!(code("a: x\0y\n"), ProblemCode::InvalidCharacter);
        assert_eq!(code("a: x\x1by\n"), ProblemCode::InvalidCharacter);
        let long = "k".repeat(1100);
        assert_eq!(code(&format!("{long}: v\n")), ProblemCode::KeyTooLong);
        assert_eq!(code(&format!("\"{long}\": v\n")), ProblemCode::KeyTooLong);
        assert_eq!(
            code(&format!("a: {{{long}: v}}\n")),
            ProblemCode::KeyTooLong
        );
        let many = format!("[{}]", vec!["1"; MAX_NODES + 1].join(","));
        assert_eq!(code(&many), ProblemCode::TooManyValues);
        let err = parse::<serde_json::Value>("a: \"x\0\"\n", Duplicates::Collect).unwrap_err();
        assert_eq!(err.pos, Pos::new(1, 6));
        assert!(err.message.contains("U+0000 (NUL)"), "{}", err.message);
    }

    #[test]
    fn blank_means_only_comments_and_whitespace() {
        assert!(is_blank(""));
        assert!(is_blank("\u{feff}# a comment\n\n   # another\r\n"));
        assert!(!is_blank("# comment\na: b\n"));
        assert!(!is_blank("---\n"));
    }

    #[test]
    fn a_list_where_a_mapping_is_expected_says_so() {
        let err = parse::<Keys>("- a\n- b\n", Duplicates::Collect).unwrap_err();
        assert_eq!(err.pos, Pos::new(1, 1));
        assert!(err.message.contains("mapping"), "{}", err.message);
    }
}
