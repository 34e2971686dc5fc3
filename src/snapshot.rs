//! Status snapshots: the effective status of every assessable item at one
//! point in time, taken from a status file or from an earlier JSON report.
//! `ims diff` compares two snapshots; `ims gap --baseline` uses one as the
//! ratchet.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::analysis::Statuses;
use crate::date::Date;
use crate::model::{Catalog, Node};
use crate::status::{Assessment, Status};

/// The report layouts a baseline may have: version 2 added the head start
/// and combined reuse, but the item statuses a snapshot reads are the same
/// in both.
pub const READABLE_VERSIONS: std::ops::RangeInclusive<u32> = 1..=crate::analysis::SCHEMA_VERSION;

/// The statuses of every assessable item of the standards assessed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Snapshot {
    /// Where the snapshot came from, as the user named it.
    pub file: String,
    /// The organisation, if known.
    pub organisation: String,
    /// The assessment date, if known.
    pub assessed: Option<Date>,
    /// Standard keys, in catalogue (or report) order.
    pub standards: Vec<String>,
    /// (standard key, item id) to effective status; `None` when not assessed.
    pub items: BTreeMap<(String, String), Option<Status>>,
}

impl Snapshot {
    /// The effective statuses of a validated status file.
    pub fn from_assessment(catalog: &Catalog, assessment: &Assessment) -> Snapshot {
        let standards: Vec<usize> = assessment.sections.iter().map(|s| s.standard).collect();
        let statuses = Statuses::resolve(catalog, assessment, &standards);
        let mut items = BTreeMap::new();
        for &standard in &standards {
            let catalogue = &catalog.standards[standard];
            for leaf in catalogue.leaves() {
                let status = statuses.status(Node {
                    standard,
                    item: leaf,
                });
                items.insert(
                    (catalogue.key.clone(), catalogue.items[leaf].id.clone()),
                    status,
                );
            }
        }
        Snapshot {
            file: assessment.file.clone(),
            organisation: assessment.organisation.clone(),
            assessed: assessment.assessed,
            standards: standards
                .iter()
                .map(|&s| catalog.standards[s].key.clone())
                .collect(),
            items,
        }
    }

    /// The statuses recorded in a JSON report of `ims gap --format json`.
    pub fn from_report_json(file: &str, text: &str) -> Result<Snapshot, String> {
        let report: JsonReport = serde_json::from_str(text)
            .map_err(|err| format!("not a JSON report of `ims gap --format json`: {err}"))?;
        if !READABLE_VERSIONS.contains(&report.schema_version) {
            return Err(format!(
                "the JSON report has schema_version {}; this ims reads versions {} to {}",
                report.schema_version,
                READABLE_VERSIONS.start(),
                READABLE_VERSIONS.end()
            ));
        }
        let mut standards: Vec<String> = Vec::new();
        let mut items = BTreeMap::new();
        for item in report.items {
            if !standards.contains(&item.standard) {
                standards.push(item.standard.clone());
            }
            let status = match item.status {
                None => None,
                Some(text) => Some(
                    Status::parse(&text)
                        .ok_or_else(|| format!("unknown status `{text}` in the JSON report"))?,
                ),
            };
            let key = (item.standard, item.id);
            if items.contains_key(&key) {
                return Err(format!(
                    "item `{}` of {} appears twice in the JSON report",
                    key.1, key.0
                ));
            }
            items.insert(key, status);
        }
        Ok(Snapshot {
            file: file.to_owned(),
            organisation: report.organisation,
            assessed: report.assessed.as_deref().and_then(Date::parse),
            standards,
            items,
        })
    }

    /// Checks that every standard and item of a snapshot read from a JSON
    /// report is in the loaded catalogue, so that an edited or foreign
    /// report cannot count phantom regressions.
    pub fn check_against(&self, catalog: &Catalog) -> Result<(), String> {
        for key in &self.standards {
            if catalog.standard_index(key).is_none() {
                let keys: Vec<&str> = catalog.keys().collect();
                return Err(format!(
                    "the JSON report has standard `{key}`, which no loaded catalogue defines (known: {})",
                    keys.join(", ")
                ));
            }
        }
        for (key, id) in self.items.keys() {
            let found = catalog
                .standard_index(key)
                .and_then(|index| catalog.standards[index].find(id));
            if found.is_none() {
                return Err(format!(
                    "the JSON report has item `{id}` in {key}, which the catalogue does not define"
                ));
            }
        }
        Ok(())
    }

    /// Whether `text` looks like JSON rather than YAML.
    pub fn is_json(text: &str) -> bool {
        text.trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with('{')
    }
}

/// The parts of a JSON report that a snapshot needs.
#[derive(Debug, Deserialize)]
struct JsonReport {
    schema_version: u32,
    organisation: String,
    assessed: Option<String>,
    items: Vec<JsonItem>,
}

#[derive(Debug, Deserialize)]
struct JsonItem {
    standard: String,
    id: String,
    status: Option<String>,
}
