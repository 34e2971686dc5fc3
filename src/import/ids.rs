//! Placing an id written in a sheet in a standard: as written, with
//! spacing and zero-padding forgiven, and in Annex A numbering on a
//! Statement of Applicability. Nothing is guessed beyond that.

use crate::model::{Catalog, ItemIndex, Standard, StandardIndex};

/// For an id read from a number cell: the id it may have been before the
/// number lost its trailing zero (`7.1` for `7.10`), when that id exists too.
pub(super) fn lost_zero(catalogue: &Standard, raw: &str, soa_sheet: bool) -> Option<String> {
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

/// Places an id in a standard: as written, then with spacing and
/// zero-padding forgiven, then (on an SoA sheet only) in Annex A numbering.
/// Returns the item and whether the Annex A rule placed it.
pub(super) fn place_id(
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
