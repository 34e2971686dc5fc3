//! Status snapshots: the effective status of every assessable item at one
//! point in time, taken from a status file or from an earlier JSON report.
//! `ims diff` compares two snapshots; `ims gap --baseline` uses one as the
//! ratchet.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::date::Date;
use crate::model::{Catalog, StandardIndex};
use crate::status::resolve::Statuses;
use crate::status::{Assessment, Status};

/// The report layouts a baseline may have: version 2 added the head start
/// and combined reuse, but the item statuses a snapshot reads are the same
/// in both.
pub const READABLE_VERSIONS: std::ops::RangeInclusive<u32> = 1..=SCHEMA_VERSION;

/// Version of the JSON layout of the reports ims writes, raised on any
/// incompatible change. It lives here, below the analysis, because reading
/// earlier reports back is what the version is for.
pub const SCHEMA_VERSION: u32 = 2;

/// Why a JSON report cannot serve as a snapshot.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SnapshotError {
    /// The text is not a JSON gap report.
    #[error("not a JSON gap report of ims: {0}")]
    NotAReport(String),
    /// The report's layout is one this ims cannot read.
    #[error(
        "the JSON report has schema_version {0}; this ims reads versions {start} to {end}",
        start = READABLE_VERSIONS.start(),
        end = READABLE_VERSIONS.end()
    )]
    UnreadableVersion(u32),
    /// A status word that no status has.
    #[error("unknown status `{0}` in the JSON report")]
    UnknownStatus(String),
    /// One item listed twice.
    #[error("item `{id}` of {standard} appears twice in the JSON report")]
    DuplicateItem {
        /// The standard's key.
        standard: String,
        /// The item's id.
        id: String,
    },
    /// A standard that no loaded catalogue defines.
    #[error(
        "the JSON report has standard `{key}`, which no loaded catalogue defines (known: {known})"
    )]
    UnknownStandard {
        /// The standard's key.
        key: String,
        /// The keys of the loaded standards, joined.
        known: String,
    },
    /// An item that the catalogue does not define.
    #[error("the JSON report has item `{id}` in {standard}, which the catalogue does not define")]
    UnknownItem {
        /// The standard's key.
        standard: String,
        /// The item's id.
        id: String,
    },
}

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
        let standards: Vec<StandardIndex> =
            assessment.sections.iter().map(|s| s.standard).collect();
        let statuses = Statuses::resolve(catalog, assessment, &standards);
        let mut items = BTreeMap::new();
        for &standard in &standards {
            let catalogue = &catalog.standards[standard];
            for node in catalog.leaf_nodes(standard) {
                let status = statuses.status(node);
                items.insert(
                    (catalogue.key.clone(), catalogue.items[node.item].id.clone()),
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
    pub fn from_report_json(file: &str, text: &str) -> Result<Snapshot, SnapshotError> {
        let report: JsonReport =
            serde_json::from_str(text).map_err(|err| SnapshotError::NotAReport(err.to_string()))?;
        if !READABLE_VERSIONS.contains(&report.schema_version) {
            return Err(SnapshotError::UnreadableVersion(report.schema_version));
        }
        let mut standards: Vec<String> = Vec::new();
        let mut items = BTreeMap::new();
        for item in report.items {
            if !standards.contains(&item.standard) {
                standards.push(item.standard.clone());
            }
            let status = match item.status {
                None => None,
                Some(text) => Some(Status::parse(&text).ok_or(SnapshotError::UnknownStatus(text))?),
            };
            let key = (item.standard, item.id);
            if items.contains_key(&key) {
                return Err(SnapshotError::DuplicateItem {
                    standard: key.0,
                    id: key.1,
                });
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
    pub fn check_against(&self, catalog: &Catalog) -> Result<(), SnapshotError> {
        for key in &self.standards {
            if catalog.standard_index(key).is_none() {
                let keys: Vec<&str> = catalog.keys().collect();
                return Err(SnapshotError::UnknownStandard {
                    key: key.clone(),
                    known: keys.join(", "),
                });
            }
        }
        for (key, id) in self.items.keys() {
            let found = catalog
                .standard_index(key)
                .and_then(|index| catalog.standards[index].find(id));
            if found.is_none() {
                return Err(SnapshotError::UnknownItem {
                    standard: key.clone(),
                    id: id.clone(),
                });
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
