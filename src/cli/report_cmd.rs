//! `ims soa` and `ims diff`: the deliverables built on a status file.

use std::io::IsTerminal;

use super::Context;
use super::args::{DiffArgs, DiffFormat, SoaArgs, SoaFormat, output_format};
use super::gap_cmd::load_snapshot;
use super::io::{self, Failure};
use crate::analysis::diff;
use crate::analysis::soa::{self, standards_with_controls};
use crate::exit::Outcome;
use crate::render::{diff as diff_view, soa as soa_view};
use crate::status;

/// Runs `ims soa`.
pub fn soa(context: &Context, args: SoaArgs) -> Result<Outcome, Failure> {
    let catalog = &context.catalog;
    let with_controls = standards_with_controls(catalog);
    let choices = with_controls
        .iter()
        .map(|&s| format!("--standard {}", catalog.standards[s].key))
        .collect::<Vec<_>>()
        .join(" or ");
    let standard = match &args.standard {
        Some(key) => {
            let index = context.standard(key, "--standard")?;
            if !with_controls.contains(&index) {
                let help = if with_controls.is_empty() {
                    "no loaded standard has controls".to_owned()
                } else {
                    format!("use {choices}")
                };
                return Err(Failure::message(
                    format!(
                        "{key} has no controls: a Statement of Applicability lists the controls of a standard with excludable controls"
                    ),
                    Some(help),
                ));
            }
            index
        }
        None => match with_controls.as_slice() {
            [one] => *one,
            [] => {
                return Err(Failure::message(
                    "no loaded standard has controls, so there is no Statement of Applicability to write",
                    None,
                ));
            }
            _ => {
                return Err(Failure::message(
                    "several standards have controls",
                    Some(format!("choose one: {choices}")),
                ));
            }
        },
    };
    let format = output_format(
        "soa",
        args.format,
        args.output.as_deref(),
        SoaFormat::Markdown,
    )?;
    let text = io::read_text(&args.file).map_err(|problem| Failure::Problems(vec![problem]))?;
    let name = args.file.display().to_string();
    let assessment = status::load(&name, &text, catalog)?;
    let report = soa::soa(catalog, &assessment, standard);

    let bytes = match format {
        SoaFormat::Csv => soa_view::csv::render(&report)?.into_bytes(),
        SoaFormat::Markdown => soa_view::markdown::render(&report)?.into_bytes(),
        SoaFormat::Xlsx => {
            if args.output.is_none() && std::io::stdout().is_terminal() {
                return Err(Failure::message(
                    "an xlsx workbook is binary and would garble the terminal",
                    Some("write it to a file: -o soa.xlsx".to_owned()),
                ));
            }
            let workbook = soa_view::xlsx::render(&report).map_err(crate::render::Error::from)?;
            for cut in soa_view::xlsx::cuts(&report) {
                context.note(&format!("warning: {name}: {cut}"));
            }
            workbook
        }
    };
    finish(context, args.output.as_deref(), &bytes, &[&args.file])
}

/// Runs `ims diff`.
pub fn diff(context: &Context, args: DiffArgs) -> Result<Outcome, Failure> {
    let format = output_format(
        "diff",
        args.format,
        args.output.as_deref(),
        DiffFormat::Table,
    )?;
    let old = load_snapshot(context, &args.old);
    let new = load_snapshot(context, &args.new);
    let (old, new) = match (old, new) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(Failure::Problems(mut first)), Err(Failure::Problems(second))) => {
            first.extend(second);
            return Err(Failure::Problems(first));
        }
        (Err(failure), _) | (_, Err(failure)) => return Err(failure),
    };
    let report = diff::diff(&context.catalog, &old, &new);
    let text = match format {
        DiffFormat::Table => {
            diff_view::table::render(&report, context.look(args.output.as_deref()))
        }
        DiffFormat::Json => diff_view::json::render(&report),
        DiffFormat::Markdown => diff_view::markdown::render(&report),
    }?;
    finish(
        context,
        args.output.as_deref(),
        text.as_bytes(),
        &[&args.old, &args.new],
    )
}

fn finish(
    context: &Context,
    output: Option<&std::path::Path>,
    bytes: &[u8],
    inputs: &[&std::path::Path],
) -> Result<Outcome, Failure> {
    match context.emit(output, bytes, inputs) {
        Ok(()) | Err(Failure::BrokenPipe) => {}
        Err(failure) => return Err(failure),
    }
    if let Some(path) = output {
        context.note(&format!("wrote {}", path.display()));
    }
    Ok(Outcome::Passed)
}
