//! The commented status-file template that `ims init` writes: every
//! assessable item of the chosen standards, with its title as a comment.

use std::fmt::Write as _;

use super::NOT_ASSESSED;
use crate::date::Date;
use crate::model::{Catalog, StandardIndex};
use crate::yaml::{one_line, scalar};

/// Renders a template covering the standards at `standards` (catalogue indexes).
///
/// Every item starts as `not-assessed`: the template validates as it is,
/// analyses as nothing assessed yet, and shows on every line the word to
/// replace.
pub fn render(catalog: &Catalog, standards: &[StandardIndex], today: Option<Date>) -> String {
    let mut out = String::new();
    let names: Vec<_> = standards
        .iter()
        .map(|&index| catalog.standards[index].name.as_str())
        .collect();
    let _ = writeln!(out, "# ims status file: {}", names.join(" + "));
    out.push_str(concat!(
        "#\n",
        "# Every item starts as `not-assessed`. Replace it with one status:\n",
        "#   implemented | partial | planned | not-implemented | not-applicable\n",
        "# Items left as `not-assessed` count as not assessed yet.\n",
        "# Short form:  ID: partial\n",
        "# Long form:   ID: {status: partial, owner: Jane Doe, evidence: [DOC-12], note: ..., due: 2027-03-31}\n",
        "# not-applicable needs a justification, and only items the standard lets you\n",
        "# exclude may be not-applicable:\n",
        "#   ID: {status: not-applicable, justification: why it does not apply}\n",
        "# A status on a heading applies to every item beneath it without its own entry.\n",
        "#\n",
        "# For the Statement of Applicability, a control may also say why it is included\n",
        "# (reasons: risk-treatment, legal, regulatory, contractual, business,\n",
        "# best-practice; on a heading, for the controls beneath it), the risks it treats\n",
        "# and where its implementation is described:\n",
        "#   ID: {status: implemented, reasons: [risk-treatment, contractual], risks: [R-12],\n",
        "#        implementation: Access control procedure AC-01}\n",
        "# A control decided before its status is assessed says so with `applicable`:\n",
        "#   ID: {applicable: yes, justification: why it is included}   # status not assessed\n",
        "#   ID: {applicable: no, justification: why it does not apply} # as not-applicable\n",
        "# and the file may carry the SoA's version and approval, the date of the risk\n",
        "# assessment and the version of the risk treatment plan it rests on, its change\n",
        "# history, and controls from other sources (listed after the standard's own,\n",
        "# counted in no coverage):\n",
        "#   soa:\n",
        "#     version: \"1.0\"\n",
        "#     approved_by: Name\n",
        "#     approved_on: YYYY-MM-DD\n",
        "#     risk_assessment: YYYY-MM-DD\n",
        "#     risk_treatment_plan: \"1.0\"\n",
        "#     history:\n",
        "#       - {version: \"1.0\", date: YYYY-MM-DD, by: Name, change: First issue}\n",
        "#   additional-controls:\n",
        "#     - {id: CLD.6.3.1, title: ..., source: ISO/IEC 27017, status: planned, justification: ...}\n",
        "#\n",
        "# For `ims plan`, an entry may give the risk priority the treatment plan sets\n",
        "# (priority: high | medium | low; on a heading, for the items beneath it) and\n",
        "# the person-days still needed, replacing the catalogue's estimate:\n",
        "#   ID: {status: partial, priority: high, effort: 3}\n",
        "# and the file may carry the project's settings and the certificates held:\n",
        "#   plan: {effort-scale: 0.6, start: YYYY-MM-DD, people: 2, operate-weeks: 8, stage-gap-weeks: 6}\n",
        "#   certificates:\n",
        "#     - {standard: <standard key>, since: YYYY-MM-DD, next-audit: YYYY-MM-DD}\n",
        "#\n",
        "# For completion in your editor, run `ims schema -o ims-status.schema.json`\n",
        "# next to this file and keep the following line:\n",
        "# yaml-language-server: $schema=ims-status.schema.json\n",
        "\n",
        "organisation: Example Ltd\n",
        "scope: Describe the services, sites and systems in scope\n",
    ));
    match today {
        Some(date) => {
            let _ = writeln!(out, "assessed: {date}");
        }
        None => out.push_str("# assessed: YYYY-MM-DD\n"),
    }
    out.push_str("assessor: Name of the assessor\n");

    for &index in standards {
        let standard = &catalog.standards[index];
        let _ = writeln!(out, "\n# {} — {}", standard.name, standard.title);
        let _ = writeln!(out, "{}:", standard.key);
        let width = standard
            .leaves()
            .map(|leaf| scalar(&standard.items[leaf].id).chars().count())
            .max()
            .unwrap_or(0);
        for item in &standard.items {
            if item.is_leaf() {
                let entry = format!("{}: {NOT_ASSESSED}", scalar(&item.id));
                let _ = writeln!(
                    out,
                    "  {entry:<pad$}  # {}",
                    one_line(&item.title),
                    pad = width + 2 + NOT_ASSESSED.len() + 2
                );
            } else {
                let _ = writeln!(out, "  # {} {}", item.id, one_line(&item.title));
            }
        }
    }
    out
}
