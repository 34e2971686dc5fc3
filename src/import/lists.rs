//! Cells that hold lists: risks and reasons (one a line, or separated by
//! semicolons or commas), and evidence references with their dates.

use crate::date::Date;
use crate::status::Evidence;

/// Splits a list cell at line ends; each line also at semicolons, and at
/// commas when there is neither, except on ims's own sheets, which put one
/// item on each line so that an item may hold a semicolon or a comma.
pub(super) fn split_list(text: &str, own_sheet: bool) -> Vec<String> {
    let mut out = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    for line in &lines {
        let parts: Vec<&str> = if own_sheet {
            vec![line]
        } else if line.contains(';') {
            line.split(';').collect()
        } else if lines.len() == 1 {
            line.split(',').collect()
        } else {
            vec![line]
        };
        out.extend(
            parts
                .into_iter()
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_owned),
        );
    }
    out
}

/// Evidence from a references cell and a dates cell: one per line, the
/// dates beside their references. On a sheet without a dates column (not
/// one of ims's own) a single line is also split at semicolons, and a
/// reference may end in a date in brackets as ims once wrote it.
pub(super) fn evidence(
    references: &str,
    dates: &str,
    semicolons: bool,
    mut bad_date: impl FnMut(&str),
) -> Vec<Evidence> {
    let refs: Vec<&str> = if references.contains('\n') || !semicolons {
        references.lines().collect()
    } else {
        references.split(';').collect()
    };
    let dates: Vec<&str> = dates.lines().collect();
    let mut out = Vec::new();
    for (n, reference) in refs.iter().enumerate() {
        let mut reference = reference.trim().to_owned();
        if reference.is_empty() {
            continue;
        }
        let mut date = None;
        match dates.get(n).map(|d| d.trim()).filter(|d| !d.is_empty()) {
            Some(text) => match Date::parse(text) {
                Some(d) => date = Some(d),
                None => bad_date(text),
            },
            None => {
                // `Policy v2 (2026-03-02)`, as the SoA was once written.
                if let Some(open) = reference.rfind(" (")
                    && reference.ends_with(')')
                    && let Some(d) = Date::parse(&reference[open + 2..reference.len() - 1])
                {
                    date = Some(d);
                    reference.truncate(open);
                }
            }
        }
        out.push(Evidence { reference, date });
    }
    out
}
