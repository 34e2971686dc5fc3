//! Checking the `soa:` block of a status file: the Statement of
//! Applicability's version and approval, the risk assessment and treatment
//! plan it rests on, and its change history.

use super::raw::{MapItems, RawSoa};
use super::validate::{Checker, Shape};
use super::{SOA_FIELDS, SoaApproval, SoaChange};
use crate::diag::{Pos, ProblemCode};
use crate::suggest;
use crate::yaml::Located;

impl Checker<'_> {
    /// The `soa:` block: version, approval, the risk assessment and the
    /// treatment plan it rests on, and its change history.
    pub(super) fn soa(&mut self, key: &Located<String>, raw: RawSoa) -> Option<SoaApproval> {
        let fields = SOA_FIELDS.map(|f| format!("`{f}`")).join(", ");
        if let Some(what) = raw.map.invalid {
            self.problems
                .add(
                    ProblemCode::WrongType,
                    key.pos,
                    format!("`soa` holds {what}; expected {fields}"),
                )
                .help(
                    "write `soa: {version: \"1.2\", approved_by: <name>, approved_on: YYYY-MM-DD}`",
                );
            return None;
        }
        let mut soa = SoaApproval::default();
        for (field, value) in raw.map.fields {
            let text = value
                .map(|v| Located::new(v.value.trim().to_owned(), v.pos))
                .filter(|v| !v.value.is_empty());
            match field.value.replace('-', "_").as_str() {
                "version" => soa.version = text.map(|t| t.value),
                "approved_by" => soa.approved_by = text.map(|t| t.value),
                "approved_on" => {
                    soa.approved_on = text.and_then(|t| self.date(&t, "`approved_on`"));
                }
                "risk_assessment" => {
                    soa.risk_assessment = text.and_then(|t| {
                        self.date(&t, "`risk_assessment` (the date of the risk assessment)")
                    });
                }
                "risk_treatment_plan" => soa.risk_treatment_plan = text.map(|t| t.value),
                _ => {
                    self.problems
                        .add(
                            ProblemCode::UnknownKey,
                            field.pos,
                            format!("unknown key `{}` in `soa`", field.value),
                        )
                        .help(
                            suggest::did_you_mean(&field.value, SOA_FIELDS)
                                .unwrap_or_else(|| format!("`soa` holds {fields}")),
                        );
                }
            }
        }
        if let Some((key, list)) = raw.history {
            soa.history = self.history(&key, list);
        }
        Some(soa)
    }

    /// `soa.history`: each change with its version, date and what changed,
    /// and optionally who made it; a version written twice is a problem.
    fn history(&mut self, key: &Located<String>, list: MapItems) -> Vec<SoaChange> {
        const EXAMPLE: &str = "write each change as `- {version: \"1.1\", date: YYYY-MM-DD, by: <name>, change: <what changed>}`";
        const SHAPE: Shape = Shape {
            named: "a change in `soa.history`",
            within: "a change of `soa.history`",
            keys: &["version", "date", "by", "change"],
            required: &["version", "date", "change"],
            example: EXAMPLE,
            keys_help: "a change has `version`, `date`, `by` and `change`",
            missing_help: EXAMPLE,
        };
        let items = match list {
            Ok(items) => items,
            Err(what) => {
                self.problems
                    .add(
                        ProblemCode::WrongType,
                        key.pos,
                        format!("`history` in `soa` holds {what}; expected a list of changes"),
                    )
                    .help(EXAMPLE);
                return Vec::new();
            }
        };
        let mut changes: Vec<(SoaChange, Pos)> = Vec::new();
        for item in items {
            let at = item.pos;
            let Some((mut text, _)) = self.fields(item, &SHAPE) else {
                continue;
            };
            let date = text
                .remove("date")
                .and_then(|d| self.date(&d, "the `date` of a change"));
            let (Some(version), Some(date), Some(change)) =
                (text.remove("version"), date, text.remove("change"))
            else {
                continue;
            };
            if let Some((_, first)) = changes.iter().find(|(c, _)| c.version == version.value) {
                self.problems
                    .add(
                        ProblemCode::DuplicateKey,
                        version.pos,
                        format!(
                            "version `{}` is already in `soa.history` at line {}",
                            version.value, first.line
                        ),
                    )
                    .help("keep one change per version");
                continue;
            }
            changes.push((
                SoaChange {
                    version: version.value,
                    date,
                    by: text.remove("by").map(|t| t.value),
                    change: change.value,
                },
                at,
            ));
        }
        changes.into_iter().map(|(change, _)| change).collect()
    }
}
