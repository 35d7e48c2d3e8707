//! Short human figures for tables and chart labels: `250m`, `1.5`, `40Mi`, `3.2Gi`, `12%`.

/// CPU in millicores as Kubernetes writes it: `250m` below a core, `1.5` above.
pub fn cpu(millis: f64) -> String {
    if millis == 0.0 {
        "0".into()
    } else if millis < 1000.0 {
        format!("{}m", millis.round() as i64)
    } else {
        trim(format!("{:.2}", millis / 1000.0))
    }
}

/// Bytes in binary units: `512`, `40Mi`, `3.2Gi`.
pub fn bytes(value: f64) -> String {
    const UNITS: [&str; 6] = ["", "Ki", "Mi", "Gi", "Ti", "Pi"];
    let mut value = value.max(0.0);
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 || value >= 100.0 {
        format!("{}{}", value.round() as i64, UNITS[unit])
    } else {
        format!("{}{}", trim(format!("{value:.1}")), UNITS[unit])
    }
}

/// Bytes per second: `1.2Ki/s`.
pub fn rate(value: f64) -> String {
    format!("{}/s", bytes(value))
}

/// A percentage: `12%`, with one decimal below 10 (`0.4%`) so light use is not `0%`.
pub fn percent(value: f64) -> String {
    if value < 9.95 {
        format!("{}%", trim(format!("{value:.1}")))
    } else {
        format!("{}%", value.round() as i64)
    }
}

fn trim(text: String) -> String {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_short_and_in_kubernetes_units() {
        assert_eq!(cpu(250.4), "250m");
        assert_eq!(cpu(1500.0), "1.5");
        assert_eq!(cpu(4000.0), "4");
        assert_eq!(bytes(512.0), "512");
        assert_eq!(bytes(40.0 * 1024.0 * 1024.0), "40Mi");
        assert_eq!(bytes(3.25 * 1024.0 * 1024.0 * 1024.0), "3.2Gi");
        assert_eq!(bytes(150.0 * 1024.0), "150Ki");
        assert_eq!(rate(2048.0), "2Ki/s");
        assert_eq!(percent(12.5), "13%");
        assert_eq!(percent(0.375), "0.4%");
        assert_eq!(percent(0.0), "0%");
        assert_eq!(percent(9.96), "10%");
    }
}
