//! "Did you mean" suggestions for misspelt ids, statuses, keys and standards.

/// The candidate closest to `input`, if it is close enough to be a likely
/// typo: at most one edit (insertion, deletion, substitution or swap of two
/// neighbours) per six characters, and always one. Case is ignored. Ties go
/// to the earlier candidate, so suggestions are deterministic.
pub fn closest<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let wanted = input.to_lowercase();
    let allowed = (wanted.chars().count() / 6).max(1);
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
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
    fn first_of_equal_candidates_wins_for_determinism() {
        assert_eq!(closest("ab", ["ab", "ab"]), Some("ab"));
    }
}
