//! The JSON Schema of the status file, built from the loaded catalogues so
//! that editors can complete every item id and show its title. The entry's
//! long form is derived from [`Entry`] itself.

use schemars::SchemaGenerator;
use schemars::generate::SchemaSettings;
use serde_json::{Map, Value, json};

use super::{Entry, NOT_ASSESSED, Status};
use crate::model::{Catalog, Standard};

/// A date written YYYY-MM-DD.
fn date(description: &str) -> Value {
    json!({"description": description, "type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"})
}

/// The `soa:` block: version and approval, the risk work it rests on, and
/// its change history.
fn soa() -> Value {
    let text = |description: &str| json!({"type": "string", "description": description});
    let version =
        |description: &str| json!({"type": ["string", "number"], "description": description});
    json!({
        "description": "The version and approval of the Statement of Applicability, the risk assessment and treatment plan it rests on, and its change history.",
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "version": version("The SoA's version."),
            "approved_by": text("Who approved the SoA."),
            "approved_on": date("When the SoA was approved (YYYY-MM-DD)."),
            "risk_assessment": date("When the risk assessment the SoA rests on was made (YYYY-MM-DD)."),
            "risk_treatment_plan": version("The version of the risk treatment plan the SoA rests on."),
            "history": {
                "description": "The SoA's change history: one entry per version.",
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["version", "date", "change"],
                    "properties": {
                        "version": version("The version the change made."),
                        "date": date("When (YYYY-MM-DD)."),
                        "by": text("Who made or approved the change."),
                        "change": text("What changed."),
                    },
                },
            },
        },
    })
}

/// The schema as pretty JSON with a final newline.
pub fn render(catalog: &Catalog) -> serde_json::Result<String> {
    let definitions = definitions();
    let mut properties = file_properties(catalog);
    for standard in &catalog.standards {
        properties.insert(standard.key.clone(), standard_property(standard));
    }
    let schema = json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "ims status file",
        "description": "An organisation's implementation status for each item of each standard.",
        "type": "object",
        // Either spelling, as the validator accepts, and not both (a duplicate there).
        "oneOf": [{"required": ["organisation"]}, {"required": ["organization"]}],
        "additionalProperties": false,
        "properties": properties,
        "definitions": definitions,
    });
    let mut out = serde_json::to_string_pretty(&schema)?;
    out.push('\n');
    Ok(out)
}

/// The shared definitions: the statuses (with `not-assessed`, and without
/// `not-applicable` for items that may not be excluded) and the long form
/// of an entry.
fn definitions() -> Map<String, Value> {
    let mut generator = SchemaGenerator::new(SchemaSettings::draft07());
    generator.subschema_for::<Status>();
    generator.subschema_for::<Entry>();
    let mut definitions = generator.take_definitions(true);
    // `not-assessed` is written in a status file but is no status of its own.
    if let Some(Value::Object(status)) = definitions.get_mut("Status") {
        let not_assessed = json!({
            "const": NOT_ASSESSED,
            "type": "string",
            "description": "Not assessed yet: fill in one of the other statuses.",
        });
        match status.get_mut("oneOf") {
            Some(Value::Array(variants)) => variants.push(not_assessed),
            _ => {
                if let Some(Value::Array(words)) = status.get_mut("enum") {
                    words.push(Value::String(NOT_ASSESSED.to_owned()));
                }
            }
        }
    }

    // Items that may not be excluded get a status list without not-applicable.
    let mandatory: Vec<Value> = Status::ALL
        .iter()
        .filter(|s| **s != Status::NotApplicable)
        .map(|s| Value::String(s.as_str().to_owned()))
        .chain([Value::String(NOT_ASSESSED.to_owned())])
        .collect();
    definitions.insert(
        "MandatoryStatus".to_owned(),
        json!({
            "description": "How far the item is implemented. This item may not be excluded.",
            "type": "string",
            "enum": mandatory,
        }),
    );
    if let Some(Value::Object(mut long)) = definitions.get("LongForm").cloned() {
        // An entry gives its status, or its applicability alone.
        long.remove("required");
        long.insert(
            "anyOf".to_owned(),
            json!([{"required": ["status"]}, {"required": ["applicable"]}]),
        );
        let mut excludable = long.clone();
        let excluded = json!({"anyOf": [
            {"properties": {"status": {"const": "not-applicable"}}, "required": ["status"]},
            {"properties": {"applicable": {"const": "no"}}, "required": ["applicable"]},
        ]});
        excludable.insert("if".to_owned(), excluded);
        excludable.insert("then".to_owned(), json!({"required": ["justification"]}));
        // `applicable` and the status may not say opposite things.
        excludable.insert(
            "allOf".to_owned(),
            json!([
                {
                    "if": {"properties": {"applicable": {"const": "yes"}}, "required": ["applicable"]},
                    "then": {"properties": {"status": {"not": {"const": "not-applicable"}}}},
                },
                {
                    "if": {"properties": {"applicable": {"const": "no"}}, "required": ["applicable"]},
                    "then": {"properties": {"status": {"const": "not-applicable"}}},
                },
            ]),
        );
        definitions.insert("LongForm".to_owned(), Value::Object(excludable));
        let mut fixed = long;
        if let Some(Value::Object(properties)) = fixed.get_mut("properties") {
            properties.insert(
                "status".to_owned(),
                json!({"$ref": "#/definitions/MandatoryStatus"}),
            );
            properties.insert(
                "applicable".to_owned(),
                json!({"const": "yes", "description": "Included; this item may not be excluded."}),
            );
        }
        definitions.insert("MandatoryLongForm".to_owned(), Value::Object(fixed));
    }
    definitions
}

/// The keys of a status file other than the standards' sections.
fn file_properties(catalog: &Catalog) -> Map<String, Value> {
    let text = |description: &str| json!({"type": "string", "description": description});
    let mut properties = Map::new();
    properties.insert(
        "organisation".to_owned(),
        text("The organisation assessed."),
    );
    properties.insert(
        "organization".to_owned(),
        text("The organisation assessed (US spelling)."),
    );
    properties.insert("scope".to_owned(), text("The scope of the assessment."));
    properties.insert(
        "assessed".to_owned(),
        json!({"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "description": "When the assessment was made (YYYY-MM-DD)."}),
    );
    properties.insert("assessor".to_owned(), text("Who made the assessment."));
    properties.insert("soa".to_owned(), soa());
    properties.insert(
        "additional-controls".to_owned(),
        json!({
            "description": "Controls from other sources (a sector code, another standard, a client's contract), listed after the standard's own in the Statement of Applicability and counted in no coverage.",
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": false,
                "required": ["id", "title", "source"],
                "properties": {
                    "id": {"type": ["string", "number"], "description": "The control's id, as its source numbers it."},
                    "title": text("The control's title."),
                    "source": text("Where the control comes from."),
                    "status": {"$ref": "#/definitions/Status"},
                    "justification": text("Why it is included, or excluded."),
                },
            },
        }),
    );
    let weeks = |description: &str| json!({"type": ["integer", "string"], "minimum": 0, "maximum": 104, "description": description});
    properties.insert(
        "plan".to_owned(),
        json!({
            "description": "Settings for `ims plan`: how to scale the catalogues' effort, and the calendar. The command line overrides each.",
            "type": "object",
            "additionalProperties": false,
            "properties": {
                "effort-scale": {"type": ["number", "string"], "minimum": 0.05, "maximum": 20, "description": "Multiplies every catalogue effort: 1 is the catalogues' reference organisation (about 50 staff), 0.5 half its work, 2 twice."},
                "start": date("The first working day of the project (YYYY-MM-DD)."),
                "people": {"type": ["integer", "string"], "minimum": 1, "maximum": 200, "description": "People working on the project in parallel, full time."},
                "operate-weeks": weeks("Weeks the system runs, building up records, before the first internal audit."),
                "stage-gap-weeks": weeks("Weeks between the Stage 1 and the Stage 2 audit."),
            },
        }),
    );
    let keys: Vec<Value> = catalog
        .standards
        .iter()
        .map(|standard| Value::String(standard.key.clone()))
        .collect();
    properties.insert(
        "certificates".to_owned(),
        json!({
            "description": "The certificates the organisation holds; `ims plan` closes their open items first, before the next audit.",
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": false,
                "required": ["standard"],
                "properties": {
                    "standard": {"enum": keys, "description": "The certified standard's key."},
                    "since": date("When it was first certified (YYYY-MM-DD)."),
                    "next-audit": date("The next surveillance or recertification audit (YYYY-MM-DD)."),
                    "body": text("The certification body."),
                },
            },
        }),
    );
    properties
}

/// The section of one standard: every item, each with the statuses it may take.
fn standard_property(standard: &Standard) -> Value {
    let mut items = Map::new();
    for item in &standard.items {
        let (short, long) = if item.excludable {
            ("#/definitions/Status", "#/definitions/LongForm")
        } else {
            (
                "#/definitions/MandatoryStatus",
                "#/definitions/MandatoryLongForm",
            )
        };
        items.insert(
            item.id.clone(),
            json!({
                "description": format!("{} {}", item.id, item.title),
                "anyOf": [{"$ref": short}, {"$ref": long}],
            }),
        );
    }
    json!({
        "description": format!("{}: {}", standard.name, standard.title),
        "type": ["object", "null"],
        "additionalProperties": false,
        "properties": items,
    })
}
