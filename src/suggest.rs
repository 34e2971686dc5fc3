//! "Did you mean" suggestions for misspelt ids, statuses, keys and standards.

/// Inputs longer than this, in bytes, get no suggestion: ids, statuses and
/// keys are short.
const MAX_INPUT: usize = 256;

/// The candidate closest to `input`, if it is close enough to be a likely
/// typo: at most one edit (insertion, deletion, substitution or swap of two
/// neighbours) per six characters, and always one. Case is ignored. Ties go
/// to the earlier candidate, so suggestions are deterministic.
pub fn closest<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    // No candidate is near an input this long, and comparing it would take
    // time that grows with its length times each candidate's.
    if input.len() > MAX_INPUT {
        return None;
    }
    let wanted = input.to_lowercase();
    let length = wanted.chars().count();
    let allowed = (length / 6).max(1);
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        // Each edit changes the length by one at most.
        if candidate.chars().count().abs_diff(length) > allowed {
            continue;
        }
        let distance = strsim::damerau_levenshtein(&wanted, &candidate.to_lowercase());
        if distance <= allowed && best.is_none_or(|(top, _)| distance < top) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, found)| found)
}

/// The help line for a suggestion, or `None` when nothing is close.
pub fn did_you_mean<'a, I>(input: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    closest(input, candidates).map(|found| format!("did you mean `{found}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_close_candidate() {
        let statuses = ["implemented", "partial", "planned", "not-implemented"];
        assert_eq!(closest("implmented", statuses), Some("implemented"));
        assert_eq!(closest("Partial", statuses), Some("partial"));
    }

    #[test]
    fn ignores_distant_candidates() {
        assert_eq!(closest("banana", ["implemented", "planned"]), None);
        assert_eq!(closest("iso9001", ["iso14001", "iso45001"]), None);
        assert_eq!(
            closest("iso1400", ["iso14001", "iso45001"]),
            Some("iso14001")
        );
        assert_eq!(closest("partail", ["partial", "planned"]), Some("partial"));
        assert_eq!(closest("x", std::iter::empty()), None);
    }

    #[test]
    fn a_huge_input_is_answered_at_once() {
        let huge = "A".repeat(4 * 1024 * 1024);
        let started = std::time::Instant::now();
        assert_eq!(closest(&huge, ["A.5.1", "A.5.2"]), None);
        assert!(
            started.elapsed().as_secs() < 5,
            "a hang guard, not a speed test"
        );
        let long = "a".repeat(200);
        let near = format!("{long}b");
        assert_eq!(closest(&long, [near.as_str()]), Some(near.as_str()));
    }

    #[test]
    fn first_of_equal_candidates_wins_for_determinism() {
        assert_eq!(closest("ab", ["ab", "ab"]), Some("ab"));
    }
}
