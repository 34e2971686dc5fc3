//! The gap report as Markdown that a consultant can paste into a client
//! document: summary, coverage by group, the integrated management system,
//! overlap, missing items, reuse suggestions and warnings.

use std::fmt::Write as _;

use super::{md_cell, percent, status_label, weight_percent};
use crate::analysis::{GapReport, ItemStatus, StandardSummary};

/// The whole report.
pub fn render(report: &GapReport) -> String {
    let mut out = String::new();
    let title = match &report.target {
        Some(target) => format!("Gap analysis towards {}", name_of(report, target)),
        None => "Gap analysis".to_owned(),
    };
    let _ = writeln!(out, "# {title}: {}\n", md_cell(&report.organisation));
    out.push_str("| | |\n|---|---|\n");
    let mut fact = |label: &str, value: Option<String>| {
        if let Some(value) = value {
            let _ = writeln!(out, "| {label} | {} |", md_cell(&value));
        }
    };
    fact("Organisation", Some(report.organisation.clone()));
    fact("Scope", report.scope.clone());
    fact("Assessed", report.assessed.map(|d| d.to_string()));
    fact("Assessor", report.assessor.clone());
    fact("Status file", Some(report.file.clone()));
    out.push('\n');

    summary(&mut out, report);
    groups(&mut out, report);
    integrated(&mut out, report);
    overlap(&mut out, report);
    missing(&mut out, report);
    suggestions(&mut out, report);
    regressions(&mut out, report);
    warnings(&mut out, report);
    gate(&mut out, report);
    out
}

fn name_of<'a>(report: &'a GapReport, key: &'a str) -> &'a str {
    report
        .standards
        .iter()
        .find(|s| s.id == key)
        .map_or(key, |s| s.name.as_str())
}

fn summary(out: &mut String, report: &GapReport) {
    out.push_str("## Summary\n\n");
    out.push_str("| Standard | Coverage | With full reuse | Head start | Applicable | Implemented | Partial | Planned | Not implemented | Not assessed | Not applicable |\n");
    out.push_str("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
    for s in &report.standards {
        let c = &s.counts;
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            md_cell(&s.name),
            percent(s.coverage),
            percent(s.projected_coverage),
            percent(s.head_start),
            c.applicable,
            c.implemented,
            c.partial,
            c.planned,
            c.not_implemented,
            c.not_assessed,
            c.not_applicable
        );
    }
    out.push_str(
        "\nCoverage counts an implemented item as 1 and a partial one as 0.5, over the applicable \
         items; items not assessed count as applicable and add nothing. \"With full reuse\" is the \
         coverage if every item that another standard's work covers fully were taken over. \
         \"Head start\" takes every reuse at its weight (how much of the item the other \
         standard's work satisfies), an item's own status counting where it is higher: it \
         measures how far the other standards already carry this one.\n\n",
    );
    for s in &report.standards {
        let _ = writeln!(
            out,
            "- **{}**: {} item(s) can be covered fully by reuse; {} need new work, of which {} can start from partial reuse.",
            md_cell(&s.name),
            s.fully_reusable,
            s.new_work,
            s.partly_reusable
        );
    }
    out.push('\n');
}

fn groups(out: &mut String, report: &GapReport) {
    for s in &report.standards {
        let _ = writeln!(out, "### Coverage by group: {}\n", md_cell(&s.name));
        out.push_str(
            "| Group | Title | Applicable | Implemented | Partial | Coverage | Head start |\n",
        );
        out.push_str("|---|---|--:|--:|--:|--:|--:|\n");
        for g in &s.groups {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} |",
                md_cell(&g.id),
                md_cell(&g.title),
                g.counts.applicable,
                g.counts.implemented,
                g.counts.partial,
                percent(g.coverage),
                percent(g.head_start)
            );
        }
        out.push('\n');
    }
}

fn item_list(items: &[ItemStatus]) -> String {
    items
        .iter()
        .map(|i| format!("{} ({})", md_cell(&i.id), status_label(i.status)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn integrated(out: &mut String, report: &GapReport) {
    if report.integrated.is_empty() {
        return;
    }
    out.push_str("## Integrated management system\n\n");
    out.push_str(
        "The management-system clauses that both standards share. Where one implementation \
         serves both, it is run once; where it is in place for one standard only, extend it \
         rather than build a second.\n\n",
    );
    let keys: Vec<&StandardSummary> = report.standards.iter().collect();
    let mut standards: Vec<String> = Vec::new();
    for element in &report.integrated {
        for side in &element.sides {
            if !standards.contains(&side.standard) {
                standards.push(side.standard.clone());
            }
        }
    }
    let headers: Vec<String> = standards
        .iter()
        .map(|key| {
            keys.iter()
                .find(|s| &s.id == key)
                .map_or(key.clone(), |s| s.name.clone())
        })
        .collect();
    let _ = writeln!(
        out,
        "| Element | {} | State | One implementation serves all |",
        headers.join(" | ")
    );
    let _ = writeln!(out, "|---|{}---|---|", "---|".repeat(standards.len()));
    for element in &report.integrated {
        let cells: Vec<String> = standards
            .iter()
            .map(|key| {
                element
                    .sides
                    .iter()
                    .find(|side| &side.standard == key)
                    .map_or_else(String::new, |side| item_list(&side.items))
            })
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            md_cell(&element.name),
            cells.join(" | "),
            md_cell(&super::element_state(element)),
            if element.one_serves_all {
                "yes: the same requirement"
            } else {
                "no: each standard adds its own part"
            }
        );
    }
    out.push('\n');
}

fn overlap(out: &mut String, report: &GapReport) {
    if report.overlap.is_empty() {
        return;
    }
    out.push_str("## Overlap\n\n");
    out.push_str("| State | Edges | Meaning |\n|---|--:|---|\n");
    for (label, count, meaning) in super::overlap_summary(report) {
        let _ = writeln!(out, "| {label} | {count} | {meaning} |");
    }
    out.push_str(
        "\n| Source | Relationship | Target | Weights | Source status | Target status | State |\n",
    );
    out.push_str("|---|---|---|---|---|---|---|\n");
    for o in &report.overlap {
        let _ = writeln!(
            out,
            "| {} {} | {} | {} {} | {} / {} | {} | {} | {} |",
            md_cell(&o.source.standard),
            md_cell(&o.source.id),
            o.relationship,
            md_cell(&o.target.standard),
            md_cell(&o.target.id),
            weight_percent(o.weight),
            weight_percent(o.reverse_weight),
            status_label(o.source_status),
            status_label(o.target_status),
            super::overlap_label(o)
        );
    }
    out.push('\n');
}

fn status_table(out: &mut String, heading: &str, items: &[ItemStatus], report: &GapReport) {
    let _ = writeln!(out, "## {heading}\n");
    if items.is_empty() {
        out.push_str("None.\n\n");
        return;
    }
    for s in &report.standards {
        let mine: Vec<&ItemStatus> = items.iter().filter(|i| i.standard == s.id).collect();
        if mine.is_empty() {
            continue;
        }
        let _ = writeln!(out, "### {} ({})\n", md_cell(&s.name), mine.len());
        out.push_str("| Id | Title | Status | Owner | Due |\n|---|---|---|---|---|\n");
        for i in mine {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                md_cell(&i.id),
                md_cell(&i.title),
                status_label(i.status),
                md_cell(i.owner.as_deref().unwrap_or("")),
                i.due.map(|d| d.to_string()).unwrap_or_default()
            );
        }
        out.push('\n');
    }
}

fn missing(out: &mut String, report: &GapReport) {
    status_table(out, "Missing items", &report.missing, report);
    status_table(out, "Partly implemented items", &report.partial, report);
    status_table(out, "Items not assessed", &report.unassessed, report);
}

fn suggestions(out: &mut String, report: &GapReport) {
    out.push_str("## Reuse suggestions\n\n");
    if report.suggestions.is_empty() {
        out.push_str("None: no item that is not in place is mapped to one that is.\n\n");
        return;
    }
    out.push_str(
        "One row per item, most valuable first (coverage points gained). \"Covers\" is how much of \
         the item the strongest source satisfies now: its weight in the crosswalk, halved for a \
         source that is only partial. Other sources in place are listed beneath it; they are not \
         added up. \"Still needed\" is what remains after the strongest source.\n\n",
    );
    out.push_str("| # | Item to close | Reuse | Covers | Gain | Why | Still needed |\n");
    out.push_str("|--:|---|---|---|--:|---|---|\n");
    for (n, s) in report.suggestions.iter().enumerate() {
        let sources: Vec<String> = s
            .sources
            .iter()
            .map(|source| {
                format!(
                    "{}, {} ({})",
                    md_cell(&super::source_label(source)),
                    source.relationship,
                    weight_percent(source.contribution)
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} {} {} ({}) | {} | {} {} | +{:.2} | {} | {} |",
            n + 1,
            md_cell(&s.target.standard),
            md_cell(&s.target.id),
            md_cell(&s.target_title),
            status_label(s.target_status),
            sources.join("<br>"),
            weight_percent(s.weight),
            s.coverage.as_str(),
            s.gain,
            md_cell(&s.rationale),
            md_cell(s.residual.as_deref().unwrap_or("nothing"))
        );
    }
    out.push('\n');
}

fn warnings(out: &mut String, report: &GapReport) {
    if report.warnings.is_empty() {
        return;
    }
    out.push_str("## Warnings\n\n");
    for w in &report.warnings {
        let _ = writeln!(out, "- **{}**: {}", w.code.as_str(), md_cell(&w.message));
    }
    out.push('\n');
}

fn regressions(out: &mut String, report: &GapReport) {
    let Some(baseline) = &report.baseline else {
        return;
    };
    let _ = writeln!(out, "## Against the baseline {}\n", md_cell(&baseline.file));
    if baseline.regressions.is_empty() {
        out.push_str("Nothing went backwards.\n\n");
        return;
    }
    let rows: Vec<_> = baseline.regressions.iter().collect();
    out.push_str(&super::diff::markdown_changes(&rows, "Now"));
    out.push('\n');
}

fn gate(out: &mut String, report: &GapReport) {
    if !super::gate_configured(report) {
        return;
    }
    let gate = &report.gate;
    out.push_str("## Gate\n\n");
    if gate.passed {
        out.push_str("Passed.\n");
    } else {
        out.push_str("Failed:\n\n");
        for reason in &gate.reasons {
            let _ = writeln!(out, "- {}", md_cell(reason));
        }
    }
}
