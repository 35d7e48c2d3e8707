//! Ages exactly as kubectl prints them (`5m30s`, `150m`, `3h20m`, `4d5h`, `2y30d`): the
//! same steps as apimachinery's `HumanDuration`, checked against a table it printed.

use k8s_openapi::jiff::Timestamp;

const MINUTE: i64 = 60;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;
const YEAR: i64 = 365 * DAY;

/// The compact age of `created` at `now`; `-` when unknown. A creation time ahead of
/// this machine's clock (skew) reads `0s`, where kubectl would print `<invalid>`.
pub fn format_age(created: Option<Timestamp>, now: Timestamp) -> String {
    let Some(created) = created else {
        return "-".to_string();
    };
    human_duration((now.as_second() - created.as_second()).max(0))
}

/// `seconds` (not negative) in kubectl's units: two of them while the first is small.
fn human_duration(seconds: i64) -> String {
    let (minutes, hours, days) = (seconds / MINUTE, seconds / HOUR, seconds / DAY);
    match seconds {
        s if s < 2 * MINUTE => format!("{s}s"),
        s if s < 10 * MINUTE => two(minutes, "m", s % MINUTE, "s"),
        s if s < 3 * HOUR => format!("{minutes}m"),
        s if s < 8 * HOUR => two(hours, "h", minutes % 60, "m"),
        s if s < 48 * HOUR => format!("{hours}h"),
        s if s < 8 * DAY => two(days, "d", hours % 24, "h"),
        s if s < 2 * YEAR => format!("{days}d"),
        s if s < 8 * YEAR => two(days / 365, "y", days % 365, "d"),
        _ => format!("{}y", days / 365),
    }
}

/// `3h20m`, or `3h` when the second unit is zero.
fn two(first: i64, first_unit: &str, second: i64, second_unit: &str) -> String {
    if second == 0 {
        format!("{first}{first_unit}")
    } else {
        format!("{first}{first_unit}{second}{second_unit}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> Timestamp {
        Timestamp::from_second(seconds).unwrap()
    }

    #[test]
    fn ages_use_kubectl_units() {
        let now = at(1_000_000_000);
        let ago = |seconds: i64| format_age(Some(at(1_000_000_000 - seconds)), now);
        assert_eq!(ago(59), "59s");
        assert_eq!(ago(330), "5m30s");
        assert_eq!(ago(9000), "150m");
        assert_eq!(ago(3 * 3600 + 20 * 60), "3h20m");
        assert_eq!(ago(4 * 86400 + 5 * 3600), "4d5h");
        assert_eq!(ago(2 * 365 * 86400 + 30 * 86400), "2y30d");
        assert_eq!(ago(800 * 86400), "2y70d");
        assert_eq!(format_age(None, now), "-");
    }

    #[test]
    fn every_age_kubectl_printed_is_printed_the_same() {
        let table = include_str!("age_kubectl.txt");
        let mut checked = 0;
        for line in table.lines().filter(|line| !line.starts_with('#')) {
            let (seconds, kubectl) = line.split_once(' ').unwrap();
            assert_eq!(human_duration(seconds.parse().unwrap()), kubectl, "{seconds} seconds");
            checked += 1;
        }
        assert!(checked > 1000, "the table has {checked} ages");
    }

    #[test]
    fn a_clock_skew_never_gives_a_negative_age() {
        assert_eq!(format_age(Some(at(200)), at(100)), "0s");
    }
}
