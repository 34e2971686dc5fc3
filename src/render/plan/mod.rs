//! The work plan, one file per format: a terminal table, JSON, CSV,
//! Markdown and a self-contained HTML page with a burn-up chart. This
//! module holds the words the formats share.

pub mod csv;
pub mod html;
pub mod json;
pub mod markdown;
pub mod table;

use crate::analysis::plan::{Figure, PlanReport, PlanStep};
use crate::render::{percent, status_label};

/// The plan's title: "Work plan", towards the target if there is one, and
/// the organisation.
pub fn title(plan: &PlanReport, organisation: &str) -> String {
    match &plan.target {
        Some(target) => format!("Work plan towards {target}: {organisation}"),
        None => format!("Work plan: {organisation}"),
    }
}

/// How the order is decided, in one paragraph for people.
pub const RULE: &str = "Each package closes items that one piece of work closes: a management-system element run once for every standard, a process together with the controls of other standards it serves, an extension of work already in place for another standard, or the items written up in one document of the integrated document set. Packages come in the order their items build on each other (leadership before policy, the scope before risk assessment, risk assessment before treatment, everything implemented before the internal audit, the audit before management review); among the packages ready at a point, the one that most later work waits for comes first, then the one that adds the most head-start points across the standards, then the one due soonest.";

/// Figures per standard as `key value`, joined: `alpha +4.2, beta +1.0`.
pub fn points(figures: &[Figure]) -> String {
    figures
        .iter()
        .filter_map(|f| f.value.map(|v| format!("{} {v:+.1}", f.standard)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Coverages per standard: `alpha 52.0%, beta 97.4%`.
pub fn coverages(figures: &[Figure]) -> String {
    figures
        .iter()
        .map(|f| format!("{} {}", f.standard, percent(f.value)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The items of a step, one line each: `alpha 6.1.2 Risk assessment
/// (partial)`.
pub fn item_lines(step: &PlanStep) -> Vec<String> {
    step.items
        .iter()
        .map(|item| {
            format!(
                "{} {} {} ({})",
                item.standard,
                item.id,
                item.title,
                status_label(item.status)
            )
        })
        .collect()
}

/// What to reuse, one line per item that has a source.
pub fn reuse_lines(step: &PlanStep) -> Vec<String> {
    step.reuse
        .iter()
        .map(|reuse| {
            let sources: Vec<String> = reuse
                .sources
                .iter()
                .map(|s| format!("{} {} ({})", s.standard, s.id, s.status))
                .collect();
            let residual = reuse
                .residual
                .as_deref()
                .map(|r| format!("; still needed: {r}"))
                .unwrap_or_default();
            format!(
                "{} {} from {}{residual}",
                reuse.standard,
                reuse.id,
                sources.join(", ")
            )
        })
        .collect()
}

/// The ranks a package waits for, for a column: all of them when there are
/// a few, else the first and last few with how many there are.
pub fn after_text(after: &[usize]) -> String {
    let ranks: Vec<String> = after.iter().map(|r| format!("#{r}")).collect();
    if ranks.len() <= 6 {
        return ranks.join(" ");
    }
    format!(
        "{} … {} ({} packages)",
        ranks[..3].join(" "),
        ranks[ranks.len() - 2..].join(" "),
        ranks.len()
    )
}
