//! Skeleton documents: one Markdown file per needed document, and an index
//! `README.md`, for a consultant to hand to a client as the start of the
//! documentation. Every heading and prompt comes from the document set.

use std::fmt::Write as _;

use super::title;
use crate::analysis::docs::{DocEntry, DocsReport};
use crate::render::markdown::{md_cell, table};
use crate::render::table::Align;

/// One file of the skeleton: its name in the folder and its text.
#[derive(Debug, Clone)]
pub struct SkeletonFile {
    /// File name, no directory.
    pub name: String,
    /// Markdown.
    pub text: String,
}

/// The index and one file per document, in register order.
pub fn files(report: &DocsReport) -> Result<Vec<SkeletonFile>, crate::render::Error> {
    // Numbered by the document's place in the whole set, so that a file keeps
    // its name when the documents needed change.
    let last = report.documents.iter().map(|d| d.number).max().unwrap_or(0);
    let width = last.to_string().len().max(2);
    let names: Vec<String> = report
        .documents
        .iter()
        .map(|d| format!("{:0width$}-{}.md", d.number, slug(&d.id)))
        .collect();
    let mut files = vec![SkeletonFile {
        name: "README.md".to_owned(),
        text: index(report, &names)?,
    }];
    for (document, name) in report.documents.iter().zip(names) {
        files.push(SkeletonFile {
            name,
            text: document_text(report, document)?,
        });
    }
    Ok(files)
}

/// Longest part of a file name taken from a document id.
const SLUG_MAX: usize = 60;

/// An id as a file name: lowercase letters and digits, dashes between,
/// at most [`SLUG_MAX`] characters.
fn slug(id: &str) -> String {
    let mut out = String::new();
    for c in id.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    // Short enough for any file system, with room for the number.
    let mut out = out.trim_end_matches('-').to_owned();
    if out.len() > SLUG_MAX {
        out.truncate(SLUG_MAX);
        out = out.trim_end_matches('-').to_owned();
    }
    if out.is_empty() {
        "document".to_owned()
    } else {
        out
    }
}

/// Most characters of one name (the organisation's, the status file's, an
/// owner's, a standard's or an item's title) that go into each file of the
/// skeleton: the name is repeated in every file, so a longer one is cut,
/// with its length said, rather than copied into dozens of files whole.
pub const NAME_MAX: usize = 200;

/// A name for a Markdown cell, cut at [`NAME_MAX`] characters.
fn name(text: &str) -> String {
    md_cell(&crate::terminal::shorten(text, NAME_MAX))
}

fn organisation(report: &DocsReport) -> String {
    report
        .header
        .as_ref()
        .map_or_else(|| "[organisation]".to_owned(), |h| name(&h.organisation))
}

fn index(report: &DocsReport, names: &[String]) -> Result<String, std::fmt::Error> {
    let mut out = String::new();
    writeln!(out, "# {}\n", name(&title(report)))?;
    writeln!(
        out,
        "The documented information of the integrated management system of {}, one file per document. Each file starts with its purpose and the requirements it serves, then one heading per section; a section marked *shared* is written once for every standard, the others hold what one standard alone asks for. Replace each prompt with the organisation's own text.\n",
        organisation(report)
    )?;
    let assessed = report.header.is_some();
    let mut columns = vec![
        ("#", Align::Right),
        ("Document", Align::Left),
        ("Kind", Align::Left),
        ("Serves", Align::Left),
    ];
    if assessed {
        columns.push(("State now", Align::Left));
    }
    let rows = report.documents.iter().zip(names).map(|(d, name)| {
        let mut row = vec![
            d.number.to_string(),
            format!("[{} {}]({name})", md_cell(&d.id), md_cell(&d.title)),
            d.kind.as_str().to_owned(),
            md_cell(&super::serves(d)),
        ];
        if assessed {
            row.push(super::state_text(d));
        }
        row
    });
    table(&mut out, &columns, rows)?;
    if let Some(file) = report.header.as_ref().map(|h| &h.file) {
        writeln!(out, "\nWritten by ims from {}.", name(file))?;
    }
    Ok(out)
}

fn document_text(report: &DocsReport, d: &DocEntry) -> Result<String, std::fmt::Error> {
    let mut out = String::new();
    writeln!(out, "# {}\n", md_cell(&d.title))?;
    table(
        &mut out,
        &[("Document control", Align::Left), ("", Align::Left)],
        [
            ["Organisation".to_owned(), organisation(report)],
            [
                "Document".to_owned(),
                format!("{} ({})", md_cell(&d.id), d.kind.as_str()),
            ],
            [
                "Owner".to_owned(),
                d.owners
                    .iter()
                    .map(|o| name(o))
                    .collect::<Vec<_>>()
                    .join(", "),
            ],
            ["Version".to_owned(), "0.1 (draft)".to_owned()],
            ["Approved by".to_owned(), String::new()],
            ["Approved on".to_owned(), String::new()],
            ["Next review".to_owned(), String::new()],
        ],
    )?;
    writeln!(out, "\n## Purpose\n\n{}\n", md_cell(&d.purpose))?;
    if let Some(merge) = &d.small_organisation {
        writeln!(
            out,
            "A small organisation commonly writes this document as part of {} ({}): {}\n",
            md_cell(&merge.merge_into),
            md_cell(&merge.merge_into_title),
            md_cell(&merge.reason)
        )?;
    }
    writeln!(out, "## Requirements served\n")?;
    let assessed = report.header.is_some();
    for standard in &report.standards {
        let items: Vec<_> = d
            .serves
            .iter()
            .filter(|item| item.standard == standard.id)
            .collect();
        if items.is_empty() {
            continue;
        }
        writeln!(out, "{}:\n", name(&standard.name))?;
        let mut columns = vec![("Id", Align::Left), ("Title", Align::Left)];
        if assessed {
            columns.push(("Status now", Align::Left));
        }
        table(
            &mut out,
            &columns,
            items.iter().map(|item| {
                let mut row = vec![name(&item.id), name(&item.title)];
                if assessed {
                    row.push(item.status.unwrap_or("").to_owned());
                }
                row
            }),
        )?;
        out.push('\n');
    }
    for (n, section) in d.sections.iter().enumerate() {
        let serves: Vec<&str> = report
            .standards
            .iter()
            .filter(|s| section.serves.contains(&s.id))
            .map(|s| s.name.as_str())
            .collect();
        let marker = if section.serves.len() > 1 {
            format!("Shared: {}", serves.join(" and "))
        } else {
            let aspect = &section.aspect;
            let mut chars = aspect.chars();
            let capital: String = chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default();
            format!("{capital}: {} only", serves.join(""))
        };
        writeln!(out, "## {}. {}\n", n + 1, md_cell(&section.title))?;
        writeln!(out, "*{}*\n", name(&marker))?;
        writeln!(out, "> {}\n", md_cell(&section.prompt))?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::{SLUG_MAX, slug};

    #[test]
    fn ids_become_safe_file_names() {
        assert_eq!(slug("IMS-SCOPE"), "ims-scope");
        assert_eq!(slug("../etc/passwd"), "etc-passwd");
        assert_eq!(slug("A B__C"), "a-b-c");
        assert_eq!(slug("///"), "document");
        assert_eq!(slug(&"x".repeat(5000)).len(), SLUG_MAX);
    }
}
