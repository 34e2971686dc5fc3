//! The figures and excerpts the README and the manual in `docs/` show are
//! held to the real output: the start of the MSP report, the head-start table
//! and its reading, the SoA check of the SaaS example, the counts of the
//! built-in catalogues, and the commands of the tour. The README stays short
//! and every relative link in it and in the manual leads somewhere.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common::{builtin, ims};

fn read(name: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(name)).unwrap()
}

fn stdout(args: &[&str]) -> String {
    String::from_utf8(ims().args(args).output().unwrap().stdout).unwrap()
}

/// The fenced `text` blocks of `text` that follow `after`, without a last
/// `...` line that stands for what is left out.
fn text_blocks<'a>(text: &'a str, after: &str) -> Vec<&'a str> {
    let rest = &text[text.find(after).unwrap_or_else(|| panic!("{after}"))..];
    rest.split("```text\n")
        .skip(1)
        .map(|block| {
            let block = &block[..block.find("```").unwrap()];
            block.strip_suffix("...\n").unwrap_or(block)
        })
        .collect()
}

#[test]
fn the_quick_start_shows_the_report_as_it_is() {
    let readme = read("README.md");
    let report = stdout(&["gap", "examples/msp-iso20000-to-iso27001.yaml"]);
    let blocks = text_blocks(&readme, "The report starts like this");
    assert!(report.starts_with(blocks[0]), "the summary:\n{}", blocks[0]);
    assert!(
        report.contains(blocks[1]),
        "the suggestions:\n{}",
        blocks[1]
    );
}

#[test]
fn the_head_start_table_holds_the_figures_of_each_file() {
    let readme = read("docs/guide.md");
    let table = readme
        .split("<!-- head-start table: regenerated from ims output -->")
        .nth(1)
        .and_then(|rest| rest.split("<!-- end of head-start table -->").next())
        .unwrap();
    let rows: Vec<Vec<&str>> = table
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|l| l.trim_matches('|').split('|').map(str::trim).collect())
        .collect();
    assert_eq!(rows.len(), 8);
    for row in rows {
        let quoted: Vec<&str> = row[0].split('`').collect();
        let mut args = vec!["gap", quoted[1], "--format", "json"];
        if let Some(target) = quoted.get(3) {
            args.extend(target.split_whitespace());
        }
        let report: serde_json::Value = serde_json::from_str(&stdout(&args)).unwrap();
        let standard = report["standards"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == row[1])
            .unwrap();
        for (cell, field) in [
            (row[2], "coverage"),
            (row[3], "projected_coverage"),
            (row[4], "head_start"),
        ] {
            let figure = standard[field].as_f64().unwrap();
            assert_eq!(cell, format!("{figure:.1}%"), "{args:?} {field}");
        }
    }
}

/// The head start of the items of a `--target` report whose ids `pick`
/// chooses, in whole percent.
fn part_of_head_start(file: &str, target: &str, pick: impl Fn(&str) -> bool) -> String {
    let report: serde_json::Value = serde_json::from_str(&stdout(&[
        "gap", file, "--target", target, "--format", "json",
    ]))
    .unwrap();
    let shares: Vec<f64> = report["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["standard"] == target && pick(i["id"].as_str().unwrap()))
        .filter_map(|i| i["head_start"].as_f64())
        .collect();
    format!(
        "{:.0}%",
        100.0 * shares.iter().sum::<f64>() / shares.len() as f64
    )
}

#[test]
fn the_reading_of_the_head_start_is_the_figures_of_its_parts() {
    let readme = read("docs/guide.md").replace('\n', " ");
    let towards_27001 = "tests/fixtures/certified-iso20000.yaml";
    let towards_20000 = "tests/fixtures/certified-iso27001.yaml";
    let annex = |id: &str| id.starts_with("A.");
    let service = |id: &str| id.starts_with("8.") && id != "8.1";
    let expected = format!(
        "towards ISO 27001, clauses 4 to 10 are {} carried and Annex A {}; towards ISO 20000, clauses 4 to 10 are {} carried and the clause-8 service processes {}.",
        part_of_head_start(towards_27001, "iso27001", |id| !annex(id)),
        part_of_head_start(towards_27001, "iso27001", annex),
        part_of_head_start(towards_20000, "iso20000", |id| !service(id)),
        part_of_head_start(towards_20000, "iso20000", service),
    );
    assert!(readme.contains(&expected), "{expected}");
}

#[test]
fn the_soa_check_of_the_saas_example_is_shown_as_it_is() {
    let readme = read("docs/guide.md");
    let block = text_blocks(&readme, "a certified company with an entry per control")[0];
    let (command, shown) = block.split_once('\n').unwrap();
    let args: Vec<&str> = command
        .strip_prefix("$ ims ")
        .unwrap()
        .split_whitespace()
        .collect();
    let output = ims().args(&args).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8(output.stderr).unwrap(), shown);
}

#[test]
fn the_catalogue_counts_are_those_of_the_data() {
    let catalog = builtin();
    let crosswalk = &catalog.crosswalks[0];
    let grouped_end = |end: &ims::model::End| {
        end.named.len() > 1 || !catalog.standards[end.standard].items[end.named[0]].is_leaf()
    };
    let grouped = crosswalk
        .edges
        .iter()
        .filter(|e| grouped_end(&e.source) || grouped_end(&e.target))
        .count();
    let unmapped = |key: &str| {
        let index = catalog.standard_index(key).unwrap();
        crosswalk
            .no_counterpart
            .iter()
            .filter(|n| n.node.standard == index)
            .count()
    };
    let merged = catalog
        .documents
        .iter()
        .filter(|d| d.merge.is_some())
        .count();
    let documents = catalog.documents.len();
    let readme = read("catalog/README.md");
    for figure in [
        format!("{} edges, each weighted both ways", crosswalk.edges.len()),
        format!("{grouped} of them have a heading or a group of items at one end"),
        format!(
            "{} Annex A controls and {} ISO 20000 items have no specific counterpart",
            unmapped("iso27001"),
            unmapped("iso20000")
        ),
        format!("{documents} documents (policies"),
        format!("{merged} say which document a small organisation"),
    ] {
        assert!(readme.contains(&figure), "catalog/README.md: {figure}");
    }
    let guide = read("docs/guide.md").replace('\n', " ");
    for figure in [
        format!("({documents} in the built-in"),
        format!("({merged} of them, leaving {}:", documents - merged),
    ] {
        assert!(guide.contains(&figure), "docs/guide.md: {figure}");
    }
}

#[test]
fn the_readme_is_short_and_opens_with_the_two_commands() {
    let readme = read("README.md");
    let lines = readme.lines().count();
    assert!(
        lines < 300,
        "README.md has {lines} lines; the manual is docs/"
    );
    let first = readme
        .split("```")
        .nth(1)
        .expect("the README has a code block");
    assert!(
        first.starts_with("sh\ncargo run --release -- gap examples/msp-iso20000-to-iso27001.yaml")
            && first.contains("\ncargo test "),
        "the first code block is the quick start:\n{first}"
    );
}

#[test]
fn the_commands_of_the_tour_run() {
    let readme = read("README.md");
    let tour = readme
        .split("\n## A short tour\n")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .unwrap();
    let commands: Vec<&str> = tour
        .split("```sh\n")
        .skip(1)
        .map(|block| block[..block.find("```").unwrap()].trim_end())
        .collect();
    assert_eq!(commands.len(), 5, "gap, plan, docs, import and soa");
    for command in commands {
        let args: Vec<&str> = command
            .strip_prefix("ims ")
            .unwrap_or_else(|| panic!("{command}"))
            .split_whitespace()
            .collect();
        let output = ims().args(&args).output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{command}");
        assert!(!output.stdout.is_empty() || !output.stderr.is_empty());
    }
}

/// The anchors GitHub gives the headings of a Markdown file: lower case,
/// spaces to hyphens, other punctuation dropped.
fn anchors(text: &str) -> Vec<String> {
    let mut fenced = false;
    let mut anchors = Vec::new();
    for line in text.lines() {
        if line.starts_with("```") {
            fenced = !fenced;
        }
        if let Some(heading) = line.strip_prefix('#').filter(|_| !fenced) {
            let heading = heading.trim_start_matches('#').trim();
            anchors.push(
                heading
                    .chars()
                    .filter_map(|c| match c {
                        ' ' | '-' => Some('-'),
                        '_' => Some('_'),
                        c if c.is_alphanumeric() => Some(c.to_ascii_lowercase()),
                        _ => None,
                    })
                    .collect(),
            );
        }
    }
    anchors
}

/// The targets of the Markdown links of `text` outside code blocks.
fn link_targets(text: &str) -> Vec<&str> {
    let mut fenced = false;
    let mut targets = Vec::new();
    for line in text.lines() {
        if line.starts_with("```") {
            fenced = !fenced;
        }
        if fenced {
            continue;
        }
        for (at, _) in line.match_indices("](") {
            let rest = &line[at + 2..];
            targets.push(&rest[..rest.find(')').unwrap_or(rest.len())]);
        }
    }
    targets
}

#[test]
fn every_relative_link_of_the_readme_and_the_manual_leads_somewhere() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pages = vec![root.join("README.md")];
    for entry in std::fs::read_dir(root.join("docs")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            pages.push(path);
        }
    }
    assert!(pages.len() > 5, "the manual is in docs/");
    let mut checked = 0;
    for page in &pages {
        let text = std::fs::read_to_string(page).unwrap();
        for target in link_targets(&text) {
            if target.contains("://") {
                continue;
            }
            let (file, anchor) = target.split_once('#').unwrap_or((target, ""));
            let file = if file.is_empty() {
                page.clone()
            } else {
                page.parent().unwrap().join(file)
            };
            assert!(file.exists(), "{}: {target} leads nowhere", page.display());
            if !anchor.is_empty() {
                let text = std::fs::read_to_string(&file).unwrap();
                assert!(
                    anchors(&text).iter().any(|a| a == anchor),
                    "{}: no heading of {} gives #{anchor}",
                    page.display(),
                    file.display()
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 30, "{checked} links");
}

#[test]
fn the_import_examples_show_what_ims_says() {
    let readme = read("README.md");
    let blocks = text_blocks(&readme, "A sheet in German");
    let mut said = String::new();
    let mut commands = 0;
    for line in blocks[0].lines() {
        if let Some(command) = line.strip_prefix("$ ims ") {
            let args: Vec<&str> = command.split_whitespace().collect();
            let output = ims().args(&args).output().unwrap();
            assert_eq!(output.status.code(), Some(0), "{command}");
            said = String::from_utf8(output.stderr).unwrap();
            commands += 1;
        } else {
            assert!(said.lines().any(|l| l == line), "{line}\nnot in:\n{said}");
        }
    }
    assert_eq!(commands, 2, "a non-English sheet and an SoA-only sheet");
}
