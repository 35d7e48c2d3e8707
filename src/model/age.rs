//! Ages the way kubectl prints them: `45s`, `3m`, `5h`, `12d`, `2y`.

use k8s_openapi::jiff::Timestamp;

/// The compact age of `created` at `now`; `-` when unknown.
pub fn format_age(created: Option<Timestamp>, now: Timestamp) -> String {
    let Some(created) = created else {
        return "-".to_string();
    };
    let seconds = (now.as_second() - created.as_second()).max(0);
    match seconds {
        s if s < 120 => format!("{s}s"),
        s if s < 2 * 3600 => format!("{}m", s / 60),
        s if s < 48 * 3600 => format!("{}h", s / 3600),
        s if s < 730 * 86400 => format!("{}d", s / 86400),
        s => format!("{}y", s / (365 * 86400)),
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
        assert_eq!(format_age(Some(at(1_000_000_000 - 59)), now), "59s");
        assert_eq!(format_age(Some(at(1_000_000_000 - 600)), now), "10m");
        assert_eq!(format_age(Some(at(1_000_000_000 - 3 * 3600)), now), "3h");
        assert_eq!(format_age(Some(at(1_000_000_000 - 5 * 86400)), now), "5d");
        assert_eq!(format_age(Some(at(1_000_000_000 - 800 * 86400)), now), "2y");
        assert_eq!(format_age(None, now), "-");
    }

    #[test]
    fn a_clock_skew_never_gives_a_negative_age() {
        assert_eq!(format_age(Some(at(200)), at(100)), "0s");
    }
}
