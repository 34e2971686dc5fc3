//! Whether a justification says anything. One test, shared by `ims
//! validate` (an exclusion needs a justification), `ims soa --check` (an
//! auditor reads each one) and `ims import` (a spreadsheet's placeholder is
//! no justification), so that the three never disagree about what counts.

/// Why a justification says nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hollow {
    /// Nothing visible: only blanks and invisible or format characters
    /// (zero-width spaces, the byte-order mark, joiners, bidi marks, ...).
    /// It reads as empty, as a justification of spaces does.
    Invisible,
    /// Visible, but a stand-in for a justification: punctuation alone (`-`,
    /// `.`, `?`) or a placeholder word such as `N/A`, `TBD` or `none`.
    Placeholder,
}

impl Hollow {
    /// What the text is, in words, for a message.
    pub fn describe(self) -> &'static str {
        match self {
            Hollow::Invisible => "holds only invisible characters",
            Hollow::Placeholder => "is a placeholder",
        }
    }
}

/// Placeholder words, as [`says_nothing`] compares them: lower case, with
/// everything but letters and digits taken out (`N/A`, `n.a.` and `N / A`
/// are all `na`).
const PLACEHOLDERS: &[&str] = &[
    "na",
    "notapplicable",
    "notrelevant",
    "tbd",
    "tbc",
    "tba",
    "todo",
    "fixme",
    "none",
    "nil",
    "null",
    "nothing",
    "x",
    "xx",
    "xxx",
    "placeholder",
    "seeabove",
    "asabove",
    "ditto",
    "yes",
    "no",
    "y",
    "n",
];

/// Whether `c` shows nothing: a blank, a control, or an invisible or format
/// character (zero-width space and joiners, word joiner, the byte-order
/// mark, bidi marks, soft hyphen, variation selectors, Hangul fillers, the
/// blank Braille pattern, tag characters).
pub fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c,
            '\u{ad}'
            | '\u{34f}'
            | '\u{61c}'
            | '\u{115f}'..='\u{1160}'
            | '\u{17b4}'..='\u{17b5}'
            | '\u{180b}'..='\u{180f}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}'
            | '\u{2800}'
            | '\u{3164}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{feff}'
            | '\u{ffa0}'
            | '\u{fff9}'..='\u{fffb}'
            | '\u{1bca0}'..='\u{1bca3}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0001}'
            | '\u{e0020}'..='\u{e007f}'
            | '\u{e0100}'..='\u{e01ef}')
}

/// `Some` when `text`, given as a justification, says nothing: nothing
/// visible, or a placeholder. `None` when it says something, however short
/// (`Remote only` does).
pub fn says_nothing(text: &str) -> Option<Hollow> {
    let visible: Vec<char> = text.chars().filter(|&c| !is_invisible(c)).collect();
    if visible.is_empty() {
        return Some(Hollow::Invisible);
    }
    let word: String = visible
        .iter()
        .filter(|c| c.is_alphanumeric())
        .flat_map(|c| c.to_lowercase())
        .collect();
    (word.is_empty() || PLACEHOLDERS.contains(&word.as_str())).then_some(Hollow::Placeholder)
}

/// Whether `text` is only a dash or dashes (hyphen, en or em dash, minus),
/// as a spreadsheet shows an empty cell.
pub fn is_dash(text: &str) -> bool {
    let mut visible = text.chars().filter(|&c| !is_invisible(c)).peekable();
    visible.peek().is_some()
        && visible.all(|c| matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_visible_is_invisible() {
        for text in [
            "",
            "   ",
            "\u{a0}",
            "\u{200b}",
            "\u{feff}",
            "\u{200b}\u{feff} \u{2060}",
            "\u{202e}\u{200d}",
            "\u{3164}",
            "\u{2800}\u{2800}",
            "\t\n",
        ] {
            assert_eq!(says_nothing(text), Some(Hollow::Invisible), "{text:?}");
        }
    }

    #[test]
    fn placeholders_say_nothing() {
        for text in [
            "N/A",
            "n/a",
            "n.a.",
            "N / A",
            "NA",
            "-",
            "--",
            "—",
            ".",
            "...",
            "?",
            "TBD",
            "tbd.",
            "TBC",
            "to do",
            "None",
            "\u{200b}N/A\u{200b}",
            "Not applicable",
            "x",
            "Yes",
        ] {
            assert_eq!(says_nothing(text), Some(Hollow::Placeholder), "{text:?}");
        }
    }

    #[test]
    fn dashes_are_told_apart() {
        for text in ["-", "--", "\u{2013}", " \u{2014} ", "\u{2212}"] {
            assert!(is_dash(text), "{text:?}");
        }
        for text in ["", " ", ".", "N/A", "- none -", "R-1"] {
            assert!(!is_dash(text), "{text:?}");
        }
    }

    #[test]
    fn a_reason_says_something_however_short() {
        for text in [
            "Remote only",
            "No development is outsourced.",
            "N/A: all development is in-house",
            "Required by law",
            "R-07",
        ] {
            assert_eq!(says_nothing(text), None, "{text:?}");
        }
    }
}
