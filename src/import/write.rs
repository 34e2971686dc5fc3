//! The imported status file as YAML: a header comment saying where each
//! value came from, the organisation's details, one section per standard in
//! catalogue order (the short form where there is only a status, the long
//! form otherwise), the rows that would not validate commented out with
//! what they lack, and the additional controls; and the summary of what
//! was mapped, defaulted and left out.

use std::fmt::Write as _;
use std::path::Path;

use super::{Commented, Import, Imported};
use crate::model::{Catalog, StandardIndex};
use crate::status::{NOT_ASSESSED, Status};
use crate::yaml::scalar;

/// The status file's text.
pub fn render(catalog: &Catalog, import: &Import) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Imported by ims {} from {}, sheet \"{}\", header row {}.",
        env!("CARGO_PKG_VERSION"),
        one_line(&import.file),
        one_line(&import.sheet),
        import.header_row
    );
    let _ = writeln!(out, "# Standard: from {}.", one_line(&import.standard_from));
    out.push_str("# Columns read:\n");
    for (role, letter, header) in &import.columns {
        let _ = writeln!(
            out,
            "#   {role} <- \"{}\" (column {letter})",
            one_line(header)
        );
    }
    for (role, letter, header) in &import.ignored_columns {
        let _ = writeln!(
            out,
            "#   not read: \"{}\" (column {letter}), another column is already read as {role}",
            one_line(header)
        );
    }
    if !import.unread_columns.is_empty() {
        let unread: Vec<String> = import
            .unread_columns
            .iter()
            .map(|(letter, header)| format!("\"{}\" ({letter})", one_line(header)))
            .collect();
        let _ = writeln!(out, "#   not read, header not known: {}", unread.join(", "));
    }
    if !import.words.is_empty() {
        out.push_str("# Status words:\n");
        for (word, (status, count)) in &import.words {
            let _ = writeln!(
                out,
                "#   \"{}\" -> {} ({count} row{})",
                one_line(word),
                status.map_or(NOT_ASSESSED, |s| s.as_str()),
                if *count == 1 { "" } else { "s" }
            );
        }
    }
    if import.annex_numbered > 0 {
        let _ = writeln!(
            out,
            "# Annex A numbering: {} id(s) such as `5.1` read as `A.5.1`, as on any Statement of Applicability.",
            import.annex_numbered
        );
    }
    if import.organisation.1 {
        out.push_str("# The organisation's name was not in the file: it is the file's name. Put the real name below.\n");
    }
    if !import.commented.is_empty() {
        let _ = writeln!(
            out,
            "# {} row(s) would not validate as they are: they are written commented out where they belong, each saying what it lacks.",
            import.commented.len()
        );
    }
    out.push('\n');
    let _ = writeln!(out, "organisation: {}", scalar(&import.organisation.0));
    if let Some(scope) = &import.scope {
        let _ = writeln!(out, "scope: {}", scalar(scope));
    }
    if let Some(date) = import.assessed {
        let _ = writeln!(out, "assessed: {date}");
    }
    if let Some(soa) = &import.soa {
        let mut parts = Vec::new();
        if let Some(version) = &soa.version {
            parts.push(format!("version: {}", scalar(version)));
        }
        if let Some(by) = &soa.approved_by {
            parts.push(format!("approved_by: {}", scalar(by)));
        }
        if let Some(on) = soa.approved_on {
            parts.push(format!("approved_on: {on}"));
        }
        if let Some(date) = soa.risk_assessment {
            parts.push(format!("risk_assessment: {date}"));
        }
        if let Some(plan) = &soa.risk_treatment_plan {
            parts.push(format!("risk_treatment_plan: {}", scalar(plan)));
        }
        let _ = writeln!(out, "soa: {{{}}}", parts.join(", "));
    }
    let mut sections = 0;
    for standard in catalog.indexes() {
        let entries: Vec<&Imported> = import
            .entries
            .iter()
            .filter(|e| e.standard == standard)
            .collect();
        let commented: Vec<&Commented> = import
            .commented
            .iter()
            .filter(|c| c.entry.standard == standard)
            .collect();
        if entries.is_empty() && commented.is_empty() {
            continue;
        }
        sections += 1;
        let _ = writeln!(out, "\n{}:", catalog.standards[standard].key);
        for entry in entries {
            out.push_str(&entry_text(entry, ""));
        }
        for commented in commented {
            let _ = writeln!(
                out,
                "  # {} (row {}): {}. Fix it, then remove the # signs below.",
                commented.entry.id,
                commented.entry.row,
                one_line(&commented.why)
            );
            out.push_str(&entry_text(&commented.entry, "# "));
        }
    }
    if sections == 0 {
        // A status file needs a standard's section, even an empty one.
        let standard = import.standard.unwrap_or_else(|| StandardIndex::new(0));
        let _ = writeln!(
            out,
            "\n# No row of the sheet gives an entry for this standard.\n{}: {{}}",
            catalog.standards[standard].key
        );
    }
    if !import.additional.is_empty() || !import.additional_commented.is_empty() {
        out.push_str("\nadditional-controls:\n");
        for control in &import.additional {
            let _ = writeln!(out, "  - {}", additional_text(control));
        }
        for (control, why) in &import.additional_commented {
            let _ = writeln!(
                out,
                "  # {}: {}. Fix it, then remove the # sign below.",
                one_line(&control.id),
                one_line(why)
            );
            let _ = writeln!(out, "  # - {}", additional_text(control));
        }
    }
    out
}

/// An additional control as one flow mapping.
fn additional_text(control: &crate::status::AdditionalControl) -> String {
    let mut parts = vec![
        format!("id: {}", scalar(&control.id)),
        format!("title: {}", scalar(&control.title)),
        format!("source: {}", scalar(&control.source)),
    ];
    if let Some(status) = control.status {
        parts.push(format!("status: {status}"));
    }
    if let Some(justification) = &control.justification {
        parts.push(format!("justification: {}", scalar(justification)));
    }
    format!("{{{}}}", parts.join(", "))
}

/// One entry, each line after `prefix` (`# ` to comment it out).
fn entry_text(entry: &Imported, prefix: &str) -> String {
    let status = entry.status.map_or(NOT_ASSESSED, |s| s.as_str());
    let key = scalar(&entry.id);
    let mut fields: Vec<(&str, String)> = Vec::new();
    if !entry.reasons.is_empty() {
        let reasons: Vec<&str> = entry.reasons.iter().map(|r| r.as_str()).collect();
        fields.push(("reasons", format!("[{}]", reasons.join(", "))));
    }
    if let Some(text) = &entry.justification {
        fields.push(("justification", scalar(text)));
    }
    if !entry.risks.is_empty() {
        let risks: Vec<String> = entry.risks.iter().map(|r| scalar(r)).collect();
        fields.push(("risks", format!("[{}]", risks.join(", "))));
    }
    if let Some(text) = &entry.implementation {
        fields.push(("implementation", scalar(text)));
    }
    if let Some(text) = &entry.owner {
        fields.push(("owner", scalar(text)));
    }
    if !entry.evidence.is_empty() {
        let items: Vec<String> = entry
            .evidence
            .iter()
            .map(|e| match e.date {
                Some(date) => format!("{{ref: {}, date: {date}}}", scalar(&e.reference)),
                None => scalar(&e.reference),
            })
            .collect();
        fields.push(("evidence", format!("[{}]", items.join(", "))));
    }
    if let Some(text) = &entry.note {
        fields.push(("note", scalar(text)));
    }
    if let Some(date) = entry.due {
        fields.push(("due", date.to_string()));
    }
    if let Some(date) = entry.reviewed {
        fields.push(("reviewed", date.to_string()));
    }
    if entry.included {
        // The decision without a status: `applicable: yes` stands in its place.
        fields.insert(0, ("applicable", "yes".to_owned()));
    } else if fields.is_empty() {
        return format!("  {prefix}{key}: {status}\n");
    } else {
        fields.insert(0, ("status", status.to_owned()));
    }
    let mut out = format!("  {prefix}{key}:\n");
    for (name, value) in fields {
        let _ = writeln!(out, "  {prefix}  {name}: {value}");
    }
    out
}

/// Text on one comment line: whitespace runs as one space, and the
/// characters no YAML file may hold (control characters, which a sheet
/// name, a file name or a header may carry) as U+FFFD.
fn one_line(text: &str) -> String {
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    super::read::clean(&words).0
}

/// How the summary counts entries marked applicable with no status.
const INCLUDED: &str = "included with status not assessed";

/// What was mapped, defaulted and left out, for stderr; `shown` problems
/// were listed before it.
pub fn summary(imported: &Import, output: Option<&Path>, shown: usize) -> Vec<String> {
    let mut by_status: Vec<(String, usize)> = Vec::new();
    for entry in &imported.entries {
        let word = match entry.status {
            None if entry.included => INCLUDED,
            status => status.map_or(NOT_ASSESSED, Status::as_str),
        }
        .to_owned();
        match by_status.iter_mut().find(|(w, _)| *w == word) {
            Some((_, n)) => *n += 1,
            None => by_status.push((word, 1)),
        }
    }
    let mut lines = vec![format!(
        "imported {} from sheet \"{}\" (header at row {}; {} rows read, {} blank, {} headings, titles or rows not assessed){}",
        imported.file,
        imported.sheet,
        imported.header_row,
        imported.rows,
        imported.blank,
        imported.titles,
        output.map_or(String::new(), |p| format!(" into {}", p.display()))
    )];
    lines.push(format!("  standard: from {}", imported.standard_from));
    if let Some(audit) = &imported.audit {
        lines.extend(audit.lines());
    }
    for (role, letter, header) in &imported.ignored_columns {
        lines.push(format!(
            "  not read: \"{header}\" ({letter}), another column is already read as {role}; name the one to read with --column {role}=HEADER"
        ));
    }
    if !imported.unread_columns.is_empty() {
        lines.push(format!(
            "  not read, header not known: {}",
            imported
                .unread_columns
                .iter()
                .map(|(letter, header)| format!("\"{header}\" ({letter})"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    lines.push(format!(
        "  columns: {}",
        imported
            .columns
            .iter()
            .map(|(role, letter, header)| format!("{role} <- \"{header}\" ({letter})"))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    lines.push(format!(
        "  mapped: {} entries{}",
        imported.entries.len(),
        if by_status.is_empty() {
            String::new()
        } else {
            let counts: Vec<String> = by_status.iter().map(|(w, n)| format!("{n} {w}")).collect();
            format!(" ({})", counts.join(", "))
        }
    ));
    if !imported.words.is_empty() {
        lines.push(format!(
            "  status words: {}",
            imported
                .words
                .iter()
                .map(|(w, (s, n))| format!(
                    "\"{w}\" -> {} ({n})",
                    s.map_or(NOT_ASSESSED, Status::as_str)
                ))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if imported.annex_numbered > 0 {
        lines.push(format!(
            "  Annex A numbering: {} ids such as 5.1 read as A.5.1 (a Statement of Applicability)",
            imported.annex_numbered
        ));
    }
    if !imported.additional.is_empty() {
        lines.push(format!(
            "  additional controls: {}",
            imported.additional.len()
        ));
    }
    if imported.organisation.1 {
        lines.push(format!(
            "  defaulted: organisation \"{}\" from the file name; put the real name in the file or pass --organisation",
            imported.organisation.0
        ));
    }
    let count = |outcome| -> usize {
        imported
            .problems
            .iter()
            .filter(|p| super::Outcome::of(p.code) == outcome)
            .map(crate::diag::Problem::count)
            .sum()
    };
    let listed = if imported.problems.len() > shown {
        format!(
            "the first {shown} of {} problems are listed above",
            imported.problems.len()
        )
    } else {
        "each is listed above".to_owned()
    };
    lines.push(format!(
        "  left out: {} row(s) written commented out (they would not validate), {} row(s) not placed, {} cell(s) left out; {listed}",
        imported.commented.len() + imported.additional_commented.len(),
        count(super::Outcome::NotPlaced),
        count(super::Outcome::CellLeftOut),
    ));
    let changed: Vec<String> = [
        (
            count(super::Outcome::OwnEntry),
            "row(s) written as entries of their own rather than inheriting a heading's status",
        ),
        (count(super::Outcome::Changed), "cell(s) or name(s) changed"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{n} {what}"))
    .collect();
    if !changed.is_empty() {
        lines.push(format!("  changed: {}", changed.join(", ")));
    }
    lines
}
