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
    if let Some(exponent) = suffix.strip_prefix(['e', 'E'])
        && is_exponent(exponent)
    {
        let value: f64 = format!("{number}e{exponent}").parse().ok()?;
        return Some((value, ""));
    }
    Some((number.parse().ok()?, suffix))
}

/// The `3` of `1e3` or `-2` of `5E-2`: a signed integer (else `E`, `Ei` are suffixes).
fn is_exponent(text: &str) -> bool {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
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

    #[test]
    fn exa_suffixes_are_not_exponents() {
        assert_eq!(bytes("2E"), Some(2e18));
        assert_eq!(bytes("2Ei"), Some(2.0 * 1024f64.powi(6)));
        assert_eq!(bytes("5E-2"), Some(0.05));
        assert_eq!(bytes("1Ex"), None);
    }

    mod props {
        use proptest::prelude::*;

        use super::*;

        const BYTE_SUFFIXES: &[(&str, f64)] = &[
            ("", 1.0),
            ("k", 1e3),
            ("M", 1e6),
            ("G", 1e9),
            ("T", 1e12),
            ("P", 1e15),
            ("E", 1e18),
            ("Ki", 1024.0),
            ("Mi", 1048576.0),
            ("Gi", 1073741824.0),
            ("Ti", 1099511627776.0),
            ("Pi", 1125899906842624.0),
            ("Ei", 1152921504606846976.0),
        ];

        const CPU_SUFFIXES: &[(&str, f64)] = &[("n", 1e-6), ("u", 1e-3), ("m", 1.0), ("", 1e3), ("k", 1e6)];

        /// A whole number, or one and a half, as a quantity writes it.
        fn number() -> impl Strategy<Value = (String, f64)> {
            (0u32..1_000_000, any::<bool>()).prop_map(|(n, half)| {
                if half {
                    (format!("{n}.5"), f64::from(n) + 0.5)
                } else {
                    (n.to_string(), f64::from(n))
                }
            })
        }

        proptest! {
            #[test]
            fn any_text_is_a_number_or_none_without_a_panic(text in "\\PC{0,16}", near in "[-+.0-9eEimkMGTPn ]{0,8}") {
                for text in [&text, &near] {
                    let _ = (bytes(text), cpu_millis(text));
                }
            }

            #[test]
            fn a_written_memory_quantity_reads_back(
                (written, n) in number(),
                (suffix, factor) in prop::sample::select(BYTE_SUFFIXES),
            ) {
                prop_assert_eq!(bytes(&format!("{written}{suffix}")), Some(n * factor));
            }

            #[test]
            fn a_written_cpu_quantity_reads_back(
                (written, n) in number(),
                (suffix, factor) in prop::sample::select(CPU_SUFFIXES),
            ) {
                prop_assert_eq!(cpu_millis(&format!("{written}{suffix}")), Some(n * factor));
            }

            #[test]
            fn an_exponent_scales_by_a_power_of_ten(n in 0u32..100_000, exponent in -6i32..7) {
                let read = bytes(&format!("{n}e{exponent}")).unwrap();
                let expected = f64::from(n) * 10f64.powi(exponent);
                prop_assert!((read - expected).abs() <= expected * 1e-12, "{read} vs {expected}");
            }
        }
    }
}
