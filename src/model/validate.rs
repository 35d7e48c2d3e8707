//! Checks every form runs before it sends anything: names, IPs, quantities, replicas.
//! Each returns the reason ([`Invalid`]), said in words an operator can act on.

use std::net::IpAddr;

pub use super::invalid::Invalid;

/// A DNS-1123 label: what Kubernetes accepts as a namespace (project) or app name.
pub fn dns1123_label(name: &str) -> Result<(), Invalid> {
    if name.is_empty() {
        return Err(Invalid::NameRequired);
    }
    if name.len() > 63 {
        return Err(Invalid::NameTooLong { typed: name.len() });
    }
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
    {
        return Err(Invalid::NameChar { bad });
    }
    if name.starts_with('-') || name.ends_with('-') {
        return Err(Invalid::NameEdges);
    }
    Ok(())
}

/// An IPv4 or IPv6 address, returned in its canonical form.
pub fn ip_address(text: &str) -> Result<String, Invalid> {
    text.trim()
        .parse::<IpAddr>()
        .map(|ip| ip.to_string())
        .map_err(|_| Invalid::NotIp { text: text.to_string() })
}

/// CPU in millicores; empty means no limit.
pub fn cpu_millis(text: &str) -> Result<Option<u32>, Invalid> {
    let text = text.trim().trim_end_matches('m');
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<u32>() {
        Ok(0) => Err(Invalid::CpuZero),
        Ok(millis) => Ok(Some(millis)),
        Err(_) => Err(Invalid::CpuNotNumber { text: text.to_string() }),
    }
}

/// A memory quantity such as `512Mi` or `1G`; empty means no limit.
pub fn memory(text: &str) -> Result<Option<String>, Invalid> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let units = ["Ki", "Mi", "Gi", "Ti", "k", "M", "G", "T", ""];
    let valid = units.iter().any(|unit| {
        text.strip_suffix(unit)
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    });
    if !valid {
        return Err(Invalid::MemoryNotSize { text: text.to_string() });
    }
    match super::quantity::bytes(text) {
        Some(bytes) if bytes >= 4.0 * 1024.0 * 1024.0 => Ok(Some(text.to_string())),
        _ => Err(Invalid::MemoryTooSmall { text: text.to_string() }),
    }
}

/// A replica count from 0 to 100.
pub fn replicas(text: &str) -> Result<i32, Invalid> {
    match text.trim().parse::<i32>() {
        Ok(n) if (0..=100).contains(&n) => Ok(n),
        Ok(count) => Err(Invalid::ReplicasRange { count }),
        Err(_) => Err(Invalid::ReplicasNotNumber {
            text: text.trim().to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dns_labels() {
        assert!(dns1123_label("demo-web").is_ok());
        assert!(dns1123_label("a").is_ok());
        assert!(dns1123_label("").unwrap_err().to_string().contains("required"));
        assert!(dns1123_label("Demo").unwrap_err().to_string().contains("'D'"));
        assert!(dns1123_label("demo_web").unwrap_err().to_string().contains("'_'"));
        assert!(
            dns1123_label("-demo")
                .unwrap_err()
                .to_string()
                .contains("start and end")
        );
        assert!(dns1123_label(&"a".repeat(64)).unwrap_err().to_string().contains("63"));
    }

    #[test]
    fn ip_addresses_are_canonical() {
        assert_eq!(ip_address(" 192.0.2.10 ").unwrap(), "192.0.2.10");
        assert_eq!(ip_address("2001:DB8::0:10").unwrap(), "2001:db8::10");
        assert!(ip_address("192.0.2.300").is_err());
        assert!(ip_address("host.example").is_err());
    }

    #[test]
    fn cpu_and_memory_allow_empty_for_no_limit() {
        assert_eq!(cpu_millis("").unwrap(), None);
        assert_eq!(cpu_millis("500").unwrap(), Some(500));
        assert_eq!(cpu_millis("250m").unwrap(), Some(250));
        assert!(cpu_millis("0").is_err());
        assert!(cpu_millis("half").is_err());
        assert_eq!(memory("").unwrap(), None);
        assert_eq!(memory("512Mi").unwrap(), Some("512Mi".into()));
        assert!(memory("12 potatoes").is_err());
        assert!(memory("1Ki").unwrap_err().to_string().contains("too small"));
    }

    #[test]
    fn replicas_are_bounded() {
        assert_eq!(replicas(" 3 ").unwrap(), 3);
        assert!(replicas("-1").is_err());
        assert!(replicas("1000").is_err());
        assert!(replicas("two").is_err());
    }
}
