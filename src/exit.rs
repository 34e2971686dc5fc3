//! The exit-code table. Like grep and diff: 0 ran and passed, 1 ran and the
//! gate failed, 2 could not run. Findings decide 0 or 1 at the very end;
//! only unusable input or failed I/O gives 2.

use std::process::ExitCode;

/// How a run of ims ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    /// The command ran and its gate (if any) passed.
    Passed,
    /// The command ran and its gate failed.
    GateFailed,
    /// The command could not run: bad usage, unreadable or invalid input, or output not writable.
    Unusable,
}

impl Outcome {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            Outcome::Passed => 0,
            Outcome::GateFailed => 1,
            Outcome::Unusable => 2,
        }
    }

    /// The worse of two outcomes, for runs over several files.
    pub fn worst(self, other: Outcome) -> Outcome {
        self.max(other)
    }
}

impl From<Outcome> for ExitCode {
    fn from(outcome: Outcome) -> Self {
        ExitCode::from(outcome.code())
    }
}

/// The table as shown in `ims --help` and docs/errors.md: every code of every command.
pub const EXIT_CODES_HELP: &str = "\
Exit codes:
  0  ran, and the gate passed (or there was no gate)
  1  `ims gap` ran, and its gate failed: findings at or above --fail-on, coverage below
     --min-coverage, or a regression against --baseline; or `ims soa --check` found
     controls an auditor would reject
  2  could not run: bad usage, unreadable or invalid input, or output not writable";

/// The codes of `ims gap`, the one command with a gate.
pub const GAP_EXIT_CODES_HELP: &str = "\
Exit codes:
  0  ran, and the gate passed (or there was no gate)
  1  ran, and the gate failed: findings at or above --fail-on, coverage below --min-coverage,
     or a regression against --baseline
  2  could not run: bad usage, unreadable or invalid input (in a portfolio: any invalid file),
     or output not writable";

/// The codes of `ims soa`, whose `--check` is a gate of its own.
pub const SOA_EXIT_CODES_HELP: &str = "\
Exit codes:
  0  done; with --check, every control is decided and justified (warnings leave it 0)
  1  --check found controls an auditor would reject: not decided, applicable without a
     reason or justification, excluded without a justification or only by a heading, a
     justification that says nothing, or risk treatment that names no risk
  2  could not run: bad usage, unreadable or invalid input, or output not writable";

/// The codes of `ims validate`.
pub const VALIDATE_EXIT_CODES_HELP: &str = "\
Exit codes:
  0  every file is valid
  2  a file is invalid or unreadable, or bad usage";

/// The codes of `ims catalog lint`.
pub const LINT_EXIT_CODES_HELP: &str = "\
Exit codes:
  0  the catalogues and crosswalks have no problems
  2  a problem was found in a catalogue or crosswalk, or bad usage";

/// The codes of the commands without a gate: soa, diff, init, schema and
/// the catalogue views.
pub const PLAIN_EXIT_CODES_HELP: &str = "\
Exit codes:
  0  done
  2  could not run: bad usage, unreadable or invalid input, or output not writable";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_follow_grep_and_diff() {
        assert_eq!(Outcome::Passed.code(), 0);
        assert_eq!(Outcome::GateFailed.code(), 1);
        assert_eq!(Outcome::Unusable.code(), 2);
    }

    #[test]
    fn worst_prefers_the_more_serious_outcome() {
        assert_eq!(
            Outcome::Passed.worst(Outcome::GateFailed),
            Outcome::GateFailed
        );
        assert_eq!(
            Outcome::Unusable.worst(Outcome::GateFailed),
            Outcome::Unusable
        );
        assert_eq!(Outcome::Passed.worst(Outcome::Passed), Outcome::Passed);
    }
}
