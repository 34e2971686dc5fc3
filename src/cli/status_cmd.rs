//! `ims validate`, `ims init` and `ims schema`: the status file itself.

use super::args::{InitArgs, SchemaArgs, ValidateArgs, check_extension};
use super::io::{self, Failure};
use super::{Context, report_failure};
use crate::exit::Outcome;
use crate::render::table::term;
use crate::status::{self, schema, template};

/// Runs `ims validate`: every file is checked, and every problem reported.
pub fn validate(context: &Context, args: ValidateArgs) -> Result<Outcome, Failure> {
    let mut outcome = Outcome::Passed;
    let mut verdicts = String::new();
    for path in &args.files {
        let name = path.display().to_string();
        let shown = term(&name);
        let loaded = io::read_text(path)
            .map_err(|problem| Failure::Problems(vec![problem]))
            .and_then(|text| Ok(status::load(&name, &text, &context.catalog)?));
        match loaded {
            Ok(assessment) => {
                let entries: Vec<String> = assessment
                    .sections
                    .iter()
                    .map(|section| {
                        format!(
                            "{} {}",
                            section.entries.len(),
                            context.catalog.standards[section.standard].key
                        )
                    })
                    .collect();
                verdicts.push_str(&format!(
                    "{shown}: valid ({}; entries: {})\n",
                    term(&assessment.organisation),
                    entries.join(", ")
                ));
            }
            Err(failure) => {
                verdicts.push_str(&format!("{shown}: invalid\n"));
                outcome = outcome.worst(report_failure(failure, context.styled_stderr));
            }
        }
    }
    match io::write_stdout(&verdicts) {
        Ok(()) | Err(Failure::BrokenPipe) => Ok(outcome),
        Err(failure) => Err(failure),
    }
}

/// Runs `ims init`: never overwrites a file without --force.
pub fn init(context: &Context, args: InitArgs) -> Result<Outcome, Failure> {
    check_extension("init", args.output.as_deref(), &["yaml", "yml"], "YAML")?;
    let mut standards = Vec::new();
    for key in &args.standard {
        let index = context.standard(key, "--standard")?;
        if !standards.contains(&index) {
            standards.push(index);
        }
    }
    if standards.is_empty() {
        standards = (0..context.catalog.standards.len()).collect();
    }
    let text = template::render(&context.catalog, &standards, super::gap_cmd::today());
    if let Some(path) = &args.output
        && path.exists()
        && !args.force
    {
        return Err(Failure::message(
            format!(
                "{} already exists; refusing to overwrite it",
                path.display()
            ),
            Some("choose another file, or pass --force to replace it".to_owned()),
        ));
    }
    match context.emit(args.output.as_deref(), text.as_bytes(), &[]) {
        Ok(()) | Err(Failure::BrokenPipe) => {}
        Err(failure) => return Err(failure),
    }
    if let Some(path) = &args.output {
        context.note(&format!(
            "wrote {}: set each item's status, then run `ims gap {}`",
            path.display(),
            path.display()
        ));
    }
    Ok(Outcome::Passed)
}

/// Runs `ims schema`.
pub fn schema(context: &Context, args: SchemaArgs) -> Result<Outcome, Failure> {
    check_extension("schema", args.output.as_deref(), &["json"], "JSON")?;
    let text = schema::render(&context.catalog).map_err(crate::render::Error::from)?;
    match context.emit(args.output.as_deref(), text.as_bytes(), &[]) {
        Ok(()) | Err(Failure::BrokenPipe) => Ok(Outcome::Passed),
        Err(failure) => Err(failure),
    }
}
