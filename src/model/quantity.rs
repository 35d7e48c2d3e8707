//! Kubernetes resource quantities (`250m`, `1.5`, `64Mi`, `1G`, `123456n`) as numbers.

/// CPU in millicores: `"250m"` → 250.0, `"2"` → 2000.0, `"1500000n"` → 1.5.
pub fn cpu_millis(quantity: &str) -> Option<f64> {
    let (number, suffix) = split(quantity)?;
    let factor = match suffix {
        "n" => 1e-6,
        "u" => 1e-3,
        "m" => 1.0,
        "" => 1e3,
        "k" => 1e6,
        _ => return None,
    };
    Some(number * factor)
}

/// Bytes: `"64Mi"` → 67108864.0, `"1G"` → 1e9, `"512"` → 512.0.
pub fn bytes(quantity: &str) -> Option<f64> {
    let (number, suffix) = split(quantity)?;
    let factor = match suffix {
        "" => 1.0,
        "m" => 1e-3,
        "k" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        "T" => 1e12,
        "P" => 1e15,
        "E" => 1e18,
        "Ki" => 1024.0,
        "Mi" => 1024f64.powi(2),
        "Gi" => 1024f64.powi(3),
        "Ti" => 1024f64.powi(4),
        "Pi" => 1024f64.powi(5),
        "Ei" => 1024f64.powi(6),
        _ => return None,
    };
    Some(number * factor)
}

fn split(quantity: &str) -> Option<(f64, &str)> {
    let quantity = quantity.trim();
    let at = quantity
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == '+'))
        .unwrap_or(quantity.len());
    let (number, suffix) = quantity.split_at(at);
    if let Some(exponent) = suffix.strip_prefix(['e', 'E']) {
        let value: f64 = format!("{number}e{exponent}").parse().ok()?;
        return Some((value, ""));
    }
    Some((number.parse().ok()?, suffix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_units() {
        assert_eq!(cpu_millis("250m"), Some(250.0));
        assert_eq!(cpu_millis("2"), Some(2000.0));
        assert_eq!(cpu_millis("0.5"), Some(500.0));
        assert_eq!(cpu_millis("1500000n"), Some(1.5));
        assert_eq!(cpu_millis("12x"), None);
        assert_eq!(cpu_millis(""), None);
    }

    #[test]
    fn memory_units() {
        assert_eq!(bytes("64Mi"), Some(64.0 * 1024.0 * 1024.0));
        assert_eq!(bytes("1G"), Some(1e9));
        assert_eq!(bytes("512"), Some(512.0));
        assert_eq!(bytes("1e3"), Some(1000.0));
        assert_eq!(bytes("8Gi"), Some(8.0 * 1024f64.powi(3)));
        assert_eq!(bytes("Mi"), None);
    }
}
