//! `ims catalog list|show|mappings|lint|export`.

use std::path::Path;

use super::Context;
use super::args::{CatalogCommand, ExportFormat, ListFormat, ShowFormat};
use super::io::Failure;
use crate::analysis::ciso_assistant::{self, Request};
use crate::catalog::{CISO_ASSISTANT_COUNTERPART, EXPORTED};
use crate::exit::Outcome;
use crate::model::Node;
use crate::render::catalog as view;

/// Runs one catalogue subcommand.
pub fn run(context: &Context, command: CatalogCommand) -> Result<Outcome, Failure> {
    let catalog = &context.catalog;
    let data = matches!(
        command,
        CatalogCommand::List {
            format: ListFormat::Csv,
            ..
        } | CatalogCommand::Mappings {
            format: ListFormat::Csv
        }
    );
    let text = match command {
        CatalogCommand::Export { format, output } => {
            return export(context, format, output.as_deref());
        }
        CatalogCommand::List { standard, format } => {
            let standards = match standard {
                Some(key) => vec![context.standard(&key, "--standard")?],
                None => catalog.indexes().collect(),
            };
            let items = view::items(catalog, &standards);
            match format {
                ListFormat::Table => view::table::list(&items, context.look(None)),
                ListFormat::Json => view::json::list(&items),
                ListFormat::Csv => view::csv::list(&items),
            }
        }
        CatalogCommand::Show {
            id,
            standard,
            format,
        } => {
            let node = find(context, &id, standard.as_deref())?;
            let shown = view::shown(catalog, node);
            match format {
                ShowFormat::Text => view::table::show(catalog, &shown, context.look(None)),
                ShowFormat::Json => view::json::show(&shown),
            }
        }
        CatalogCommand::Mappings { format } => {
            let edges = view::edges(catalog);
            match format {
                ListFormat::Table => view::table::mappings(catalog, context.look(None)),
                ListFormat::Json => view::json::mappings(&edges),
                ListFormat::Csv => view::csv::mappings(&edges),
            }
        }
        CatalogCommand::Lint => {
            let undocumented = crate::catalog::undocumented(catalog);
            if !undocumented.is_empty() {
                return Err(Failure::Problems(undocumented));
            }
            view::table::lint(catalog)
        }
    }?;
    // A catalogue loaded with --catalog is user text too: on a terminal
    // its CSV is shown escaped, as the tables are.
    let written = if data {
        context.emit_data(None, text.as_bytes(), &[])
    } else {
        context.emit(None, text.as_bytes(), &[])
    };
    match written {
        Ok(()) | Err(Failure::BrokenPipe) => Ok(Outcome::Passed),
        Err(failure) => Err(failure),
    }
}

/// `catalog export`: the library written to stdout or atomically to `output`.
fn export(
    context: &Context,
    format: ExportFormat,
    output: Option<&Path>,
) -> Result<Outcome, Failure> {
    let user_files: Vec<String> = context
        .catalog_files
        .iter()
        .map(|path| path.display().to_string())
        .collect();
    let text = match format {
        ExportFormat::CisoAssistant => {
            let request = Request {
                standard: EXPORTED,
                counterpart: CISO_ASSISTANT_COUNTERPART,
                user_files: &user_files,
            };
            let library = ciso_assistant::library(&context.catalog, &request)
                .map_err(|err| Failure::message(err.to_string(), Some(err.help())))?;
            view::ciso_assistant::library(&library)?
        }
    };
    match context.emit(output, text.as_bytes(), &[]) {
        Ok(()) | Err(Failure::BrokenPipe) => Ok(Outcome::Passed),
        Err(failure) => Err(failure),
    }
}

/// Finds an id, asking for --standard when several standards have it.
fn find(context: &Context, id: &str, standard: Option<&str>) -> Result<Node, Failure> {
    let catalog = &context.catalog;
    if let Some(key) = standard {
        let index = context.standard(key, "--standard")?;
        let standard = &catalog.standards[index];
        return standard
            .find(id)
            .map(|item| Node {
                standard: index,
                item,
            })
            .ok_or_else(|| {
                let help = crate::suggest::did_you_mean(id, standard.ids());
                Failure::message(format!("unknown item `{id}` in {}", standard.key), help)
            });
    }
    let found: Vec<Node> = catalog
        .indexes()
        .filter_map(|index| {
            catalog.standards[index].find(id).map(|item| Node {
                standard: index,
                item,
            })
        })
        .collect();
    match found.as_slice() {
        [node] => Ok(*node),
        [] => {
            let help = catalog
                .standards
                .iter()
                .find_map(|standard| crate::suggest::closest(id, standard.ids()))
                .map(|close| format!("did you mean `{close}`?"));
            Err(Failure::message(
                format!("no standard has an item `{id}`"),
                help,
            ))
        }
        several => {
            let keys: Vec<String> = several
                .iter()
                .map(|node| format!("--standard {}", catalog.standards[node.standard].key))
                .collect();
            Err(Failure::message(
                format!(
                    "`{id}` is an item of {} standards; ims never guesses which one you mean",
                    several.len()
                ),
                Some(format!("add {}", keys.join(" or "))),
            ))
        }
    }
}
