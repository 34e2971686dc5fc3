//! Lint rules on a crosswalk's judgements as a whole: text that reaches a
//! client's report is plain, and a group never gives one of its members more
//! than that member's own edge with the same other end.

use std::collections::HashMap;

use crate::diag::{Pos, ProblemCode, Problems};
use crate::model::{Edge, ItemIndex, Standard, StandardIndex};

/// The markup in `text`, named for a message; `None` for plain text.
/// Rationales, residuals and reasons are printed in terminals, CSV cells,
/// spreadsheets, Markdown and HTML alike, where markup shows as stray
/// characters or, worse, as a link: backticks, Markdown emphasis and links,
/// HTML tags and entities are refused.
pub fn markup(text: &str) -> Option<&'static str> {
    let chars: Vec<char> = text.chars().collect();
    let word = |at: Option<&char>| at.is_some_and(|c| c.is_alphanumeric());
    for (at, &c) in chars.iter().enumerate() {
        let before = at.checked_sub(1).and_then(|b| chars.get(b));
        let after = chars.get(at + 1);
        match c {
            '`' => return Some("a backtick (Markdown code)"),
            '*' => return Some("an asterisk (Markdown emphasis)"),
            // `_word_` is emphasis; `snake_case` is not.
            '_' if word(before) != word(after) => {
                return Some("an underscore at the edge of a word (Markdown emphasis)");
            }
            '~' if after == Some(&'~') => return Some("`~~` (Markdown strikethrough)"),
            ']' if after == Some(&'(') => return Some("`](` (a Markdown link)"),
            '<' if after.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!')) => {
                return Some("`<` opening an HTML tag or an autolink");
            }
            '&' => {
                let name: String = chars[at + 1..]
                    .iter()
                    .take_while(|n| n.is_ascii_alphanumeric() || **n == '#')
                    .collect();
                if !name.is_empty() && chars.get(at + 1 + name.chars().count()) == Some(&';') {
                    return Some("an HTML character entity");
                }
            }
            _ => {}
        }
    }
    None
}

/// Reports markup in one text field; `what` names the field for the message.
pub fn refuse_markup(text: &str, pos: Pos, what: impl FnOnce() -> String, problems: &mut Problems) {
    if let Some(found) = markup(text) {
        problems
            .add(
                ProblemCode::MarkupInText,
                pos,
                format!("{} holds {found}", what()),
            )
            .help(
                "write plain text: it is shown as written in every report, and a client reads it",
            );
    }
}

/// One end of an edge as a key: its standard and items.
type EndKey = (StandardIndex, Vec<ItemIndex>);

/// An edge seen from one end: the items of the end that receives, and what
/// the other end gives each of them.
struct Towards<'a> {
    members: &'a [ItemIndex],
    weight: f64,
    edge: usize,
}

/// A group's weight towards its members is the least any member gets, so
/// an edge may not give the items of a group more than a smaller end among
/// them (the member's own edge, or a smaller group) gets from the same other
/// end. Checked in both directions of every edge.
pub fn group_weights(edges: &[(Edge, Pos)], standards: &[Standard], problems: &mut Problems) {
    let mut by_giver: HashMap<EndKey, Vec<Towards<'_>>> = HashMap::new();
    for (index, (edge, _)) in edges.iter().enumerate() {
        for (giver, receiver, weight) in [
            (&edge.source, &edge.target, edge.weight),
            (&edge.target, &edge.source, edge.reverse_weight),
        ] {
            by_giver
                .entry((giver.standard, giver.leaves.clone()))
                .or_default()
                .push(Towards {
                    members: &receiver.leaves,
                    weight,
                    edge: index,
                });
        }
    }
    let mut found: Vec<(usize, String)> = Vec::new();
    for ((giver_standard, _), ends) in &by_giver {
        for group in ends {
            for smaller in ends {
                let inside = smaller.members.len() < group.members.len()
                    && smaller.members.iter().all(|m| group.members.contains(m));
                if !inside || group.weight <= smaller.weight + 1e-9 {
                    continue;
                }
                let (group_edge, _) = &edges[group.edge];
                let (smaller_edge, smaller_pos) = &edges[smaller.edge];
                let label = |edge: &Edge| {
                    format!(
                        "{} -> {}",
                        edge.source.label(&standards[edge.source.standard]),
                        edge.target.label(&standards[edge.target.standard])
                    )
                };
                let giver = if group_edge.source.standard == *giver_standard {
                    &group_edge.source
                } else {
                    &group_edge.target
                };
                let receiving = if giver.standard == smaller_edge.source.standard {
                    &smaller_edge.target
                } else {
                    &smaller_edge.source
                };
                found.push((
                    group.edge,
                    format!(
                        "edge `{}` gives `{}` {} from `{}`, more than the {} its own edge `{}` at line {} gives it",
                        label(group_edge),
                        receiving.label(&standards[receiving.standard]),
                        group.weight,
                        giver.label(&standards[giver.standard]),
                        smaller.weight,
                        label(smaller_edge),
                        smaller_pos.line
                    ),
                ));
            }
        }
    }
    found.sort();
    for (edge, message) in found {
        problems
            .add(ProblemCode::GroupWeightExceedsMember, edges[edge].1, message)
            .help("a group's weight towards its members is the least any member gets: lower it to the member's, or judge the member's own edge again");
    }
}

#[cfg(test)]
mod tests {
    use super::markup;

    #[test]
    fn plain_text_passes_and_markup_is_named() {
        for plain in [
            "Both keep a supplier register; one review serves both (A.5.19 to A.5.23).",
            "A risk_owner field, 24x7 cover, 5 < 6 and R&D.",
            "Cost & benefit; the & stands alone.",
        ] {
            assert_eq!(markup(plain), None, "{plain}");
        }
        for (text, named) in [
            ("`7.5.2` of std-a", "backtick"),
            ("an *important* point", "asterisk"),
            ("an _important_ point", "underscore"),
            ("~~old~~ new", "strikethrough"),
            ("see [the guide](https://example.org)", "Markdown link"),
            ("see <https://example.org>", "HTML tag"),
            ("a <b>bold</b> claim", "HTML tag"),
            ("caf&eacute; and &#38;", "entity"),
        ] {
            let found = markup(text).unwrap_or_else(|| panic!("{text}"));
            assert!(found.contains(named), "{text}: {found}");
        }
    }
}
