//! Calendar dates as written in status files and crosswalks (YYYY-MM-DD).

use std::fmt;

use serde::Serialize;

/// A calendar date; ordering is chronological.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`, rejecting impossible dates such as `2026-02-30`.
    pub fn parse(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let digits = |range: std::ops::Range<usize>| -> Option<u32> {
            let part = text.get(range)?;
            part.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| part.parse().ok())
                .flatten()
        };
        let year = u16::try_from(digits(0..4)?).ok()?;
        let month = u8::try_from(digits(5..7)?).ok()?;
        let day = u8::try_from(digits(8..10)?).ok()?;
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (year >= 1 && (1..=days_in_month).contains(&day)).then_some(Date { year, month, day })
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, from 1.
    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before), for differences between dates.
    pub fn days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let month = i64::from(self.month);
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let day_of_year =
            (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }
}

impl Date {
    /// The date `days` after 1970-01-01; `None` outside years 1 to 9999.
    pub fn from_days(days: i64) -> Option<Date> {
        // 0001-01-01 and 9999-12-31, which also keeps the arithmetic below
        // far from overflow.
        if !(-719_162..=2_932_896).contains(&days) {
            return None;
        }
        // Howard Hinnant's civil_from_days.
        let shifted = days + 719_468;
        let era = shifted.div_euclid(146_097);
        let day_of_era = shifted - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let month_index = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * month_index + 2) / 5 + 1;
        let month = if month_index < 10 {
            month_index + 3
        } else {
            month_index - 9
        };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        let text = format!("{year:04}-{month:02}-{day:02}");
        Date::parse(&text)
    }
}

impl Date {
    /// The first date ims can write, before any other.
    pub const MIN: Date = Date {
        year: 1,
        month: 1,
        day: 1,
    };

    /// The day of the week, 0 for Monday to 6 for Sunday.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday.
        (self.days() + 3).rem_euclid(7) as u8
    }

    /// This date if it is a working day (Monday to Friday), else the next Monday.
    pub fn working(self) -> Date {
        match self.weekday() {
            5 => self.plus_days(2),
            6 => self.plus_days(1),
            _ => Some(self),
        }
        .unwrap_or(self)
    }

    /// The date `days` calendar days later; `None` past the year 9999.
    pub fn plus_days(self, days: i64) -> Option<Date> {
        Date::from_days(self.days() + days)
    }

    /// The working day `days` working days after this one, which must be a
    /// working day; `None` past the year 9999.
    pub fn plus_working_days(self, days: u64) -> Option<Date> {
        let weeks = i64::try_from(days / 5).ok()?;
        let rest = (days % 5) as u8;
        let weekend = if self.weekday() + rest >= 5 { 2 } else { 0 };
        self.plus_days(weeks.checked_mul(7)? + i64::from(rest) + weekend)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A date, written YYYY-MM-DD.",
            "type": "string",
            "pattern": r"^\d{4}-\d{2}-\d{2}$",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_beyond_the_years_held_are_no_date() {
        for days in [i64::MIN, i64::MAX, -719_163, 2_932_897] {
            assert_eq!(Date::from_days(days), None, "{days}");
        }
        assert_eq!(
            Date::from_days(2_932_896).map(|d| d.to_string()).as_deref(),
            Some("9999-12-31")
        );
    }

    #[test]
    fn parses_valid_dates_and_round_trips() {
        for text in ["2026-11-28", "2024-02-29", "0001-01-01", "9999-12-31"] {
            assert_eq!(Date::parse(text).unwrap().to_string(), text);
        }
    }

    #[test]
    fn rejects_malformed_and_impossible_dates() {
        for text in [
            "2026-02-30",
            "2025-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-1-01",
            "26-11-28",
            "2026/11/28",
            "2026-11-28 ",
            "+026-11-28",
            "0000-01-01",
            "",
        ] {
            assert_eq!(Date::parse(text), None, "{text}");
        }
    }

    #[test]
    fn day_counts_match_the_calendar() {
        let day = |text| Date::parse(text).unwrap().days();
        assert_eq!(day("1970-01-01"), 0);
        assert_eq!(day("2000-03-01") - day("2000-02-28"), 2);
        assert_eq!(day("2027-01-01") - day("2026-01-01"), 365);
        assert_eq!(day("2025-01-01") - day("2024-01-01"), 366);
    }

    #[test]
    fn from_days_inverts_days() {
        for text in [
            "1970-01-01",
            "2024-02-29",
            "2026-11-28",
            "0001-01-01",
            "9999-12-31",
        ] {
            let date = Date::parse(text).unwrap();
            assert_eq!(Date::from_days(date.days()), Some(date), "{text}");
        }
        assert_eq!(Date::from_days(i64::MAX / 4), None);
    }

    #[test]
    fn ordering_is_chronological() {
        assert!(Date::parse("2026-01-31").unwrap() < Date::parse("2026-02-01").unwrap());
    }
}
