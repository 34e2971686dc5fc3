//! The CSV report opened by a real spreadsheet (LibreOffice Calc): cells that
//! would be formulas stay text. When `soffice` is missing the test is
//! reported as ignored (see `common::needing`); under CI it must be
//! installed (`.ci/run` installs it).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::Command;

use calamine::{Data, Reader, Xlsx, open_workbook};

use crate::common;

/// The tests of this module, for the harness in `tests/trials.rs`.
pub fn trials() -> Vec<libtest_mimic::Trial> {
    common::needing(
        "LibreOffice",
        common::missing_program("soffice")
            .map(|why| format!("{why} (Debian package libreoffice-calc-nogui)")),
        &[(
            "formula_cells_open_as_text_in_a_real_spreadsheet",
            formula_cells_open_as_text_in_a_real_spreadsheet,
        )],
    )
}

/// Converts a CSV file to XLSX with LibreOffice and returns (formulas, text cells).
fn open_in_calc(soffice: &str, csv: &Path) -> (Vec<String>, Vec<String>) {
    let dir = csv.parent().unwrap();
    let profile = tempfile::tempdir().unwrap();
    let status = Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", "xlsx", "--outdir"])
        .arg(dir)
        .arg(csv)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let xlsx = csv.with_extension("xlsx");
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let sheet = book.sheet_names()[0].clone();
    let formulas = book
        .worksheet_formula(&sheet)
        .unwrap()
        .used_cells()
        .map(|(_, _, f)| f.clone())
        .filter(|f| !f.is_empty())
        .collect();
    let texts = book
        .worksheet_range(&sheet)
        .unwrap()
        .used_cells()
        .filter_map(|(_, _, cell)| match cell {
            Data::String(text) => Some(text.clone()),
            _ => None,
        })
        .collect();
    (formulas, texts)
}

fn formula_cells_open_as_text_in_a_real_spreadsheet() {
    let soffice = "soffice";
    let dir = tempfile::tempdir().unwrap();

    // The oracle works: a raw formula cell is a formula in Calc.
    let raw = dir.path().join("raw.csv");
    std::fs::write(&raw, "a,b\r\n=1+1,@SUM(1;2)\r\n").unwrap();
    let (formulas, _) = open_in_calc(soffice, &raw);
    assert!(
        !formulas.is_empty(),
        "LibreOffice should read =1+1 as a formula"
    );

    // ims's CSV of a status file full of formula-like text has none.
    let output = assert_cmd::Command::cargo_bin("ims")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "gap",
            "tests/fixtures/bad/spreadsheet-injection.yaml",
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    let report = dir.path().join("report.csv");
    std::fs::write(&report, &output.stdout).unwrap();
    let (formulas, texts) = open_in_calc(soffice, &report);
    assert!(formulas.is_empty(), "formulas in the report: {formulas:?}");
    for wanted in ["'+1 555 0100", "'@SUM(A1:A2)", "'-rf /\n=cmd|calc"] {
        assert!(
            texts.iter().any(|t| t == wanted),
            "{wanted} should open as readable text: {texts:?}"
        );
    }
}
