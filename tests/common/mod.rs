//! Helpers shared by the integration tests.

#![allow(dead_code, clippy::unwrap_used)]

use assert_cmd::Command;

/// The shipped examples, by file stem.
pub const EXAMPLES: &[&str] = &[
    "msp-iso20000-to-iso27001",
    "saas-iso27001-adding-iso20000",
    "startup-little-in-place",
];

/// The built-in catalogue.
pub fn builtin() -> ims::model::Catalog {
    ims::catalog::load(&ims::catalog::builtin_sources()).unwrap()
}

/// A shipped example, loaded.
pub fn assessment(catalog: &ims::model::Catalog, name: &str) -> ims::status::Assessment {
    let file = format!("examples/{name}.yaml");
    let text =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(&file))
            .unwrap();
    ims::status::load(&file, &text, catalog).unwrap()
}

/// The ims binary, run from the repository root with a clean environment:
/// no CI, no forced colour or width, NO_COLOR set.
pub fn ims() -> Command {
    let mut command = Command::cargo_bin("ims").unwrap();
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("CI")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("COLUMNS")
        .env("NO_COLOR", "1");
    command
}

/// A test that needs an outside program.
pub type Trial = (&'static str, fn());

/// The tests that need `tool`, as trials for the harness in `tests/trials.rs`.
/// When `tool` is missing they are reported as ignored, with a SKIPPED line
/// saying why, so a developer sees they did not run; under CI (`CI` set),
/// where `.ci/run` installs the tool, they run anyway and fail.
pub fn needing(tool: &str, missing: Option<String>, tests: &[Trial]) -> Vec<libtest_mimic::Trial> {
    use libtest_mimic::Failed;
    let in_ci = std::env::var_os("CI").is_some();
    if let Some(why) = missing.as_ref().filter(|_| !in_ci) {
        // On stderr, so that `--list` stays a list of tests.
        eprintln!(
            "SKIPPED: {} test(s) need {tool} and are reported as ignored because {why}",
            tests.len()
        );
    }
    tests
        .iter()
        .map(|&(name, test)| {
            let ignored = missing.is_some() && !in_ci;
            let missing = missing.clone();
            let kind = format!("needs {tool}");
            let tool = tool.to_owned();
            // A panic in `test` is caught by the harness and fails the trial.
            libtest_mimic::Trial::test(name, move || match missing {
                Some(why) => Err(Failed::from(format!(
                    "under CI the tests that need {tool} must run, but {why}"
                ))),
                None => {
                    test();
                    Ok(())
                }
            })
            .with_kind(kind)
            .with_ignored_flag(ignored)
        })
        .collect()
}

/// Whether `program --version` runs; the reason when it does not.
pub fn missing_program(program: &str) -> Option<String> {
    let found = std::process::Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    (!found).then(|| format!("`{program}` is not installed"))
}

/// How long a run may take before it counts as hung: a guard so that a
/// regression fails the test instead of hanging it, not a speed test.
pub const HANG_GUARD: std::time::Duration = std::time::Duration::from_secs(60);

/// Runs `command`, killing it and failing the test if it runs past [`HANG_GUARD`].
pub fn output_or_hang(command: &mut Command) -> std::process::Output {
    let output = command.timeout(HANG_GUARD).output().unwrap();
    assert!(
        output.status.code().is_some(),
        "{command:?} was still running after {HANG_GUARD:?} and was killed"
    );
    output
}

/// A workbook made from its XML parts, as no spreadsheet program would
/// write it: each sheet is `(name, state, sheetData XML)` with `state`
/// `visible` or `hidden`, and `strings` the shared strings.
pub fn crafted_workbook(sheets: &[(&str, &str, &str)], strings: &[&str]) -> Vec<u8> {
    use std::io::Write;
    let ns = "http://schemas.openxmlformats.org";
    let mut types = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{ns}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#
    );
    let mut rels = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}/package/2006/relationships"><Relationship Id="rIdS" Type="{ns}/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#
    );
    let mut listed = String::new();
    for (n, (name, state, _)) in sheets.iter().enumerate() {
        let n = n + 1;
        types.push_str(&format!(r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#));
        rels.push_str(&format!(r#"<Relationship Id="rId{n}" Type="{ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#));
        listed.push_str(&format!(
            r#"<sheet name="{name}" sheetId="{n}" state="{state}" r:id="rId{n}"/>"#
        ));
    }
    types.push_str("</Types>");
    rels.push_str("</Relationships>");
    let workbook = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{ns}/spreadsheetml/2006/main" xmlns:r="{ns}/officeDocument/2006/relationships"><sheets>{listed}</sheets></workbook>"#
    );
    let shared: String = strings
        .iter()
        .map(|s| format!("<si><t>{s}</t></si>"))
        .collect();
    let strings = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{ns}/spreadsheetml/2006/main" count="{0}" uniqueCount="{0}">{shared}</sst>"#,
        strings.len()
    );
    let root = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}/package/2006/relationships"><Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
    );
    let mut files = vec![
        ("[Content_Types].xml".to_owned(), types),
        ("_rels/.rels".to_owned(), root),
        ("xl/workbook.xml".to_owned(), workbook),
        ("xl/_rels/workbook.xml.rels".to_owned(), rels),
        ("xl/sharedStrings.xml".to_owned(), strings),
    ];
    for (n, (_, _, data)) in sheets.iter().enumerate() {
        files.push((
            format!("xl/worksheets/sheet{}.xml", n + 1),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{ns}/spreadsheetml/2006/main"><sheetData>{data}</sheetData></worksheet>"#
            ),
        ));
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, text) in files {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// One row of inline-string cells, for [`crafted_workbook`]: `cells` are
/// (reference, text).
pub fn inline_row(row: u64, cells: &[(&str, &str)]) -> String {
    let cells: String = cells
        .iter()
        .map(|(at, text)| format!(r#"<c r="{at}" t="inlineStr"><is><t>{text}</t></is></c>"#))
        .collect();
    format!(r#"<row r="{row}">{cells}</row>"#)
}

/// A JSON report cut down to a part a person can review: every list keeps
/// its first `keep` entries and says how many more there were; every object
/// and figure outside the cut lists stays. Keys come out sorted.
pub fn json_excerpt(text: &str, keep: usize) -> String {
    fn cut(value: &mut serde_json::Value, keep: usize) {
        match value {
            serde_json::Value::Array(items) => {
                let more = items.len().saturating_sub(keep);
                items.truncate(keep);
                items.iter_mut().for_each(|item| cut(item, keep));
                if more > 0 {
                    items.push(format!("... and {more} more").into());
                }
            }
            serde_json::Value::Object(fields) => {
                fields.values_mut().for_each(|field| cut(field, keep));
            }
            _ => {}
        }
    }
    let mut value: serde_json::Value = serde_json::from_str(text).unwrap();
    cut(&mut value, keep);
    serde_json::to_string_pretty(&value).unwrap() + "\n"
}

/// The `text` block of docs/guide.md that starts with `first`, without its
/// fences: an excerpt of real output the guide shows.
pub fn guide_excerpt(first: &str) -> String {
    let guide = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/guide.md"),
    )
    .unwrap();
    let start = guide
        .find(&format!("```text\n{first}"))
        .unwrap_or_else(|| panic!("the guide shows a block starting {first:?}"));
    let excerpt = &guide[start + "```text\n".len()..];
    excerpt[..excerpt.find("```").unwrap()].to_owned()
}
