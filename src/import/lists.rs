//! Cells that hold lists: risks and reasons (one a line, or separated by
//! semicolons or commas), evidence references with their dates, and the
//! dates themselves as sheets write them.

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
            Some(text) => match read_date(text) {
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

/// A date cell: `YYYY-MM-DD`, alone or with the time of day a spreadsheet
/// adds to a date-and-time value (`2026-06-30 00:00:00`, `2026-06-30T09:15Z`),
/// or `DD.MM.YYYY` as German, Czech, Polish and other sheets write it (no
/// country writes the month first with dots), or with slashes where the
/// order shows. Anything else is no date: `2026-06-301` is not cut to a
/// date it does not say, and `03/04/2026`, which reads as two different
/// days, is not guessed.
pub(super) fn read_date(text: &str) -> Option<Date> {
    let text = text.trim();
    if let Some((day, rest)) = text.split_once('.')
        && let Some((month, year)) = rest.split_once('.')
        // Czech and Slovak write a space after each dot: `31. 12. 2026`.
        && let (day, month, year) = (day, month.trim_start(), year.trim_start())
        && (1..=2).contains(&day.len())
        && (1..=2).contains(&month.len())
        // The year, alone or followed by a time of day: `31.12.2026 23:59`.
        && let (year, time) = year.split_at_checked(4).unwrap_or((year, "x"))
        && year.len() == 4
        && (time.is_empty() || time.strip_prefix(' ').is_some_and(is_time))
    {
        return Date::parse(&format!("{year}-{month:0>2}-{day:0>2}"));
    }
    // `30/06/2026` (day first, as most of Europe writes it) or `06/30/2026`
    // (month first, as the United States does): read only when one of the
    // two numbers is over 12, so that the order shows; `03/04/2026` reads
    // as two different days and is never guessed.
    if let Some((a, b, year)) = slashed(text) {
        let (day, month) = match (a > 12, b > 12) {
            (true, false) => (a, b),
            (false, true) => (b, a),
            _ => return None,
        };
        return Date::parse(&format!("{year}-{month:02}-{day:02}"));
    }
    let (day, time) = match text.get(..10) {
        Some(day) => (day, &text[10..]),
        None => return None,
    };
    let date = Date::parse(day)?;
    let time = time
        .strip_prefix('T')
        .or_else(|| time.strip_prefix(' '))
        .unwrap_or(time);
    (time.is_empty() || is_time(time)).then_some(date)
}

/// The two numbers and the year of a date written with slashes
/// (`30/06/2026`), in the order written.
pub(super) fn slashed(text: &str) -> Option<(u8, u8, &str)> {
    let [first, second, year] = text.trim().split('/').collect::<Vec<_>>()[..] else {
        return None;
    };
    let short = |part: &str| (1..=2).contains(&part.len());
    (year.len() == 4 && short(first) && short(second))
        .then(|| Some((first.parse().ok()?, second.parse().ok()?, year)))
        .flatten()
}

/// Whether `text` is a time of day: `HH:MM`, with seconds and a fraction
/// if given, and a `Z` or an offset such as `+02:00`.
fn is_time(text: &str) -> bool {
    let text = text.strip_suffix('Z').unwrap_or(text);
    let text = match text.rfind(['+', '-']) {
        Some(at) if at >= 5 => {
            let offset = &text[at + 1..];
            if !(offset.len() == 5
                && two_digits(&offset[..2])
                && &offset[2..3] == ":"
                && two_digits(&offset[3..]))
            {
                return false;
            }
            &text[..at]
        }
        _ => text,
    };
    let (clock, fraction) = text.split_once('.').unwrap_or((text, "0"));
    let parts: Vec<&str> = clock.split(':').collect();
    // Hours to 23, minutes to 59, seconds to 60 (a leap second).
    let highest = [23, 59, 60];
    (2..=3).contains(&parts.len())
        && parts
            .iter()
            .zip(highest)
            .all(|(part, most)| two_digits(part) && part.parse::<u8>().is_ok_and(|n| n <= most))
        && !fraction.is_empty()
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

fn two_digits(text: &str) -> bool {
    text.len() == 2 && text.bytes().all(|b| b.is_ascii_digit())
}
