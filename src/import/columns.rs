//! Recognising the columns of a sheet by their header text: the words
//! consultants use in a Statement of Applicability or a gap-assessment
//! sheet, and the headers of ims's own SoA and gap CSV.

use std::fmt;

use super::read::Row;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// The item or control id.
    Id,
    /// Its title (read, not imported: the catalogue has it).
    Title,
    /// Whether it applies: yes, no, included, excluded, x.
    Applicable,
    /// Why it is included or excluded.
    Justification,
    /// The reasons for inclusion (risk-treatment, legal, ...).
    Reasons,
    /// The risk ids it treats.
    Risks,
    /// How far it is implemented.
    Status,
    /// The heading a status is inherited from (ims's own SoA and gap CSV).
    InheritedFrom,
    /// Where the implementation is described.
    Implementation,
    /// Who is responsible.
    Owner,
    /// Evidence references.
    Evidence,
    /// Their dates, one per line beside the references.
    EvidenceDates,
    /// Free text.
    Notes,
    /// When it is due.
    Due,
    /// When it was last reviewed.
    Reviewed,
    /// The standard's key, per row (ims's gap CSV).
    Standard,
    /// The theme or group; in ims's own SoA it marks additional controls.
    Theme,
}

impl Role {
    /// Every role, as `--column` names them.
    pub const ALL: [Role; 17] = [
        Role::Id,
        Role::Title,
        Role::Applicable,
        Role::Justification,
        Role::Reasons,
        Role::Risks,
        Role::Status,
        Role::InheritedFrom,
        Role::Implementation,
        Role::Owner,
        Role::Evidence,
        Role::EvidenceDates,
        Role::Notes,
        Role::Due,
        Role::Reviewed,
        Role::Standard,
        Role::Theme,
    ];

    /// The name `--column ROLE=HEADER` uses.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Id => "id",
            Role::Title => "title",
            Role::Applicable => "applicable",
            Role::Justification => "justification",
            Role::Reasons => "reasons",
            Role::Risks => "risks",
            Role::Status => "status",
            Role::InheritedFrom => "inherited-from",
            Role::Implementation => "implementation",
            Role::Owner => "owner",
            Role::Evidence => "evidence",
            Role::EvidenceDates => "evidence-dates",
            Role::Notes => "notes",
            Role::Due => "due",
            Role::Reviewed => "reviewed",
            Role::Standard => "standard",
            Role::Theme => "theme",
        }
    }

    /// Parses a `--column` role name.
    pub fn parse(text: &str) -> Option<Role> {
        let text = text.trim().to_lowercase().replace('_', "-");
        Role::ALL.into_iter().find(|r| r.as_str() == text)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Header text as it is compared: lowercase, anything but letters, digits,
/// `#`, `§` and `%` taken for a space, spaces collapsed, a trailing `?` or
/// `*` gone. `§` names a clause column as `#` names a number; `%` keeps
/// "% Implantación" (a share) from reading as "Implantación".
pub fn normalise(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '#' | '§' | '%') {
                c
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The columns of a sheet: the header row and the column of each role.
#[derive(Debug, Clone, PartialEq)]
pub struct Columns {
    /// The header row's index, from 0.
    pub header_row: usize,
    /// Each role found, with its column index (from 0) and header text;
    /// justification and notes may have several columns.
    pub found: Vec<(Role, usize, String)>,
    /// Columns whose header names a role already taken, so not read.
    pub ignored: Vec<(Role, usize, String)>,
    /// Columns with a header ims does not know, so not read.
    pub unread: Vec<(usize, String)>,
}

impl Columns {
    /// The first column of a role, if found.
    pub fn of(&self, role: Role) -> Option<usize> {
        self.found
            .iter()
            .find(|(r, _, _)| *r == role)
            .map(|&(_, column, _)| column)
    }

    /// Every column of a role, left to right.
    pub fn all(&self, role: Role) -> Vec<usize> {
        self.found
            .iter()
            .filter(|(r, _, _)| *r == role)
            .map(|&(_, column, _)| column)
            .collect()
    }
}

/// Roles whose text may come from several columns, joined: a sheet often
/// has one justification column for inclusion and one for exclusion.
const JOINED: [Role; 2] = [Role::Justification, Role::Notes];

/// How many rows from the top ims looks in for the header row.
pub const HEADER_ROWS: usize = 30;

/// `headers` ordered by how close each is to `named`, the closest first
/// (as compared normalised); equally close ones keep the sheet's order.
pub fn closest_first(named: &str, headers: Vec<String>) -> Vec<String> {
    let named = normalise(named);
    let mut scored: Vec<(f64, String)> = headers
        .into_iter()
        .map(|h| {
            (
                strsim::normalized_damerau_levenshtein(&named, &normalise(&h)),
                h,
            )
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored.into_iter().map(|(_, h)| h).collect()
}

/// Finds the header row among the first 30 rows: the first row with an id
/// column and at least one other recognised column, below any title block.
/// `overrides` name the header of a role outright (`--column ROLE=HEADER`);
/// the first column of each role wins.
/// `role_of` gives the role a header names, if any.
pub fn find(
    rows: &[Row],
    overrides: &[(Role, String)],
    role_of: &dyn Fn(&str) -> Option<Role>,
) -> Option<Columns> {
    for (index, row) in rows.iter().enumerate().take(HEADER_ROWS) {
        let mut found: Vec<(Role, usize, String)> = Vec::new();
        let mut named: Vec<Role> = Vec::new();
        let mut ignored = Vec::new();
        let mut unread = Vec::new();
        for (column, header) in row.cells() {
            if header.trim().is_empty() {
                continue;
            }
            let overridden = overrides
                .iter()
                .find(|(_, named)| normalise(named) == normalise(header))
                .map(|(role, _)| *role);
            let Some(role) = overridden.or_else(|| role_of(header)) else {
                unread.push((column, header.to_owned()));
                continue;
            };
            // An override takes its role from whatever column guessed it;
            // of two columns with the header named, the first is read and
            // the second is listed as not read, as without the flag.
            if overridden.is_some() && named.contains(&role) {
                ignored.push((role, column, header.to_owned()));
                continue;
            }
            if overridden.is_some() {
                named.push(role);
                for taken in found.iter().filter(|(r, _, _)| *r == role) {
                    ignored.push(taken.clone());
                }
                found.retain(|(r, _, _)| *r != role);
            } else if overrides.iter().any(|(r, _)| *r == role)
                || (found.iter().any(|(r, _, _)| *r == role) && !JOINED.contains(&role))
            {
                ignored.push((role, column, header.to_owned()));
                continue;
            }
            found.push((role, column, header.to_owned()));
        }
        // `Ref | Control | ...`: a second column headed as an id, right of
        // the id column, on a sheet with no title column, holds the
        // control's name.
        if !found.iter().any(|(r, _, _)| *r == Role::Title)
            && !overrides.iter().any(|(r, _)| *r == Role::Title)
            && let Some(id) = found.iter().find(|(r, _, _)| *r == Role::Id).map(|f| f.1)
            && let Some(at) = ignored
                .iter()
                .position(|(r, c, _)| *r == Role::Id && *c > id)
        {
            let (_, column, header) = ignored.remove(at);
            found.push((Role::Title, column, header));
        }
        if found.iter().any(|(r, _, _)| *r == Role::Id) && found.len() >= 2 {
            found.sort_by_key(|&(_, column, _)| column);
            return Some(Columns {
                header_row: index,
                found,
                ignored,
                unread,
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::words::Words;

    fn known(header: &str) -> Option<Role> {
        Words::default().role_of(header)
    }

    fn row(cells: &[&str]) -> Row {
        cells.iter().copied().collect()
    }

    #[test]
    fn a_section_sign_is_an_id_and_a_share_is_not_the_implementation() {
        assert_eq!(normalise("§"), "§");
        assert_eq!(known("§"), Some(Role::Id));
        assert_eq!(normalise("% Implantación"), "% implantación");
        assert_eq!(known("% Implantación"), None);
        assert_eq!(known("Implantación"), Some(Role::Implementation));
        assert_eq!(known("% implemented"), None);
    }

    #[test]
    fn the_header_is_found_below_a_title_block() {
        let rows = vec![
            row(&["Statement of Applicability", "", ""]),
            row(&["Acme Ltd, version 2", "", ""]),
            row(&[]),
            row(&[
                "Control No.",
                "Control Title",
                "Applicable?",
                "Justification",
                "Implementation Status",
            ]),
        ];
        let columns = find(&rows, &[], &known).unwrap();
        assert_eq!(columns.header_row, 3);
        assert_eq!(columns.of(Role::Id), Some(0));
        assert_eq!(columns.of(Role::Applicable), Some(2));
        assert_eq!(columns.of(Role::Status), Some(4));
    }

    #[test]
    fn ims_own_headers_are_recognised() {
        for header in crate::render::soa::HEADER {
            assert!(
                Words::default().role_of(header).is_some()
                    || *header == "Reused from other standards",
                "{header}"
            );
        }
        assert_eq!(
            Words::default().role_of("Reasons for inclusion"),
            Some(Role::Reasons)
        );
        assert_eq!(
            Words::default().role_of("Justification"),
            Some(Role::Justification)
        );
        assert_eq!(
            Words::default().role_of("inherited_from"),
            Some(Role::InheritedFrom)
        );
    }

    #[test]
    fn an_override_names_a_column_outright() {
        let rows = vec![row(&["Ref", "Done?", "Who"])];
        assert!(find(&rows, &[], &known).is_none());
        let columns = find(
            &rows,
            &[
                (Role::Id, "Ref".to_owned()),
                (Role::Status, "done?".to_owned()),
                (Role::Owner, "Who".to_owned()),
            ],
            &known,
        )
        .unwrap();
        assert_eq!(columns.of(Role::Status), Some(1));
        assert_eq!(columns.of(Role::Owner), Some(2));
    }
}
