//! `ims soa` and `ims diff`: the deliverables built on a status file.

use std::io::IsTerminal;

use super::args::{DiffArgs, DiffFormat, SoaArgs, SoaFormat};
use super::config::{DiffConfig, SoaConfig};
use super::io::{self, Failure};
use super::{Context, input};
use crate::analysis::{diff, soa};
use crate::exit::Outcome;
use crate::render::{diff as diff_view, soa as soa_view};
use crate::terminal::diagnostic;

/// Runs `ims soa`.
pub fn soa(context: &Context, args: SoaArgs) -> Result<Outcome, Failure> {
    let config = SoaConfig::new(context, args)?;
    let output = config.output.as_deref();
    let assessment =
        input::status_file(&context.catalog, &config.file).map_err(Failure::Problems)?;
    let report = soa::soa(&context.catalog, &assessment, config.standard);
    if config.check {
        let check = soa::check(&report, config.freshness);
        let mut text = String::new();
        let found = soa_view::check::lines(&report, &check);
        for line in found
            .iter()
            .chain(&soa_view::check::warnings(&report, &check))
        {
            text.push_str(&format!("{}: {}\n", assessment.file, diagnostic(line)));
        }
        io::write_stderr(&text);
        let verdict = soa_view::check::verdict(&report, &check);
        context.note(&format!("{}: {verdict}", assessment.file));
        return Ok(if check.rejections.is_empty() {
            Outcome::Passed
        } else {
            Outcome::GateFailed
        });
    }
    if config.format != SoaFormat::Markdown {
        for loss in soa_view::losses(&report) {
            context.note(&format!("warning: {}: {loss}", assessment.file));
        }
    }
    let columns = soa_view::Columns {
        with_reuse: config.with_reuse,
    };
    let bytes = match config.format {
        SoaFormat::Csv => soa_view::csv::render(&report, columns)?.into_bytes(),
        SoaFormat::Markdown => soa_view::markdown::render(&report, columns)?.into_bytes(),
        SoaFormat::Xlsx => {
            if output.is_none() && std::io::stdout().is_terminal() {
                return Err(Failure::message(
                    "an xlsx workbook is binary and would garble the terminal",
                    Some("write it to a file: -o soa.xlsx".to_owned()),
                ));
            }
            let workbook =
                soa_view::xlsx::render(&report, columns).map_err(crate::render::Error::from)?;
            for cut in soa_view::xlsx::cuts(&report, columns) {
                context.note(&format!("warning: {}: {cut}", assessment.file));
            }
            workbook
        }
    };
    let written = if config.format == SoaFormat::Csv {
        context.emit_data(output, &bytes, &[&config.file])
    } else {
        context.emit(output, &bytes, &[&config.file])
    };
    finish(context, output, written)
}

/// Runs `ims diff`.
pub fn diff(context: &Context, args: DiffArgs) -> Result<Outcome, Failure> {
    let config = DiffConfig::new(args)?;
    let old = input::snapshot(&context.catalog, &config.old);
    let new = input::snapshot(&context.catalog, &config.new);
    let (old, new) = match (old, new) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(Failure::Problems(mut first)), Err(Failure::Problems(second))) => {
            first.extend(second);
            return Err(Failure::Problems(first));
        }
        (Err(failure), _) | (_, Err(failure)) => return Err(failure),
    };
    let report = diff::diff(&context.catalog, &old, &new);
    let output = config.output.as_deref();
    let text = match config.format {
        DiffFormat::Table => diff_view::table::render(&report, context.look(output)),
        DiffFormat::Json => diff_view::json::render(&report),
        DiffFormat::Markdown => diff_view::markdown::render(&report),
    }?;
    let written = context.emit(output, text.as_bytes(), &[&config.old, &config.new]);
    finish(context, output, written)
}

/// Ends a run whose output was `written`, saying where it went.
fn finish(
    context: &Context,
    output: Option<&std::path::Path>,
    written: Result<(), Failure>,
) -> Result<Outcome, Failure> {
    match written {
        Ok(()) | Err(Failure::BrokenPipe) => {}
        Err(failure) => return Err(failure),
    }
    if let Some(path) = output {
        context.note(&format!("wrote {}", path.display()));
    }
    Ok(Outcome::Passed)
}
