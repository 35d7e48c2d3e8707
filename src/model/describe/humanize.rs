//! Field names as people read them: `nodeName` → `Node Name`, `podIPs` → `Pod IPs`, as kubectl describe does.

/// Words written in capitals whatever the field's casing, keyed by their lowercase form.
const ACRONYMS: &[(&str, &str)] = &[
    ("api", "API"),
    ("ca", "CA"),
    ("cidr", "CIDR"),
    ("cidrs", "CIDRs"),
    ("cpu", "CPU"),
    ("dns", "DNS"),
    ("http", "HTTP"),
    ("https", "HTTPS"),
    ("id", "ID"),
    ("ip", "IP"),
    ("ips", "IPs"),
    ("ipv4", "IPv4"),
    ("ipv6", "IPv6"),
    ("os", "OS"),
    ("qos", "QoS"),
    ("tcp", "TCP"),
    ("tls", "TLS"),
    ("udp", "UDP"),
    ("uid", "UID"),
    ("uri", "URI"),
    ("url", "URL"),
];

/// The human form of a camelCase field name; names that are not identifiers (`app.kubernetes.io/name`) stay as they are.
pub(super) fn humanize(field: &str) -> String {
    let is_identifier = field.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && field.chars().all(|c| c.is_ascii_alphanumeric());
    if !is_identifier {
        return field.to_string();
    }
    words(field).into_iter().map(capitalize).collect::<Vec<_>>().join(" ")
}

/// Splits an ASCII camelCase identifier, keeping acronym runs (and their plural `s`) together.
fn words(field: &str) -> Vec<&str> {
    let bytes = field.as_bytes();
    let mut starts = vec![0];
    for at in 1..bytes.len() {
        let (previous, current) = (bytes[at - 1], bytes[at]);
        let next = bytes.get(at + 1).copied();
        let after_next = bytes.get(at + 2).copied();
        let lower_to_upper = !previous.is_ascii_uppercase() && current.is_ascii_uppercase();
        let plural_acronym = next == Some(b's') && after_next.is_none_or(|c| c.is_ascii_uppercase());
        let acronym_ends = previous.is_ascii_uppercase()
            && current.is_ascii_uppercase()
            && next.is_some_and(|c| c.is_ascii_lowercase())
            && !plural_acronym;
        if lower_to_upper || acronym_ends {
            starts.push(at);
        }
    }
    starts.push(bytes.len());
    starts.windows(2).map(|pair| &field[pair[0]..pair[1]]).collect()
}

fn capitalize(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    if let Some((_, acronym)) = ACRONYMS.iter().find(|(key, _)| *key == lower) {
        return (*acronym).to_string();
    }
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_case_becomes_words() {
        assert_eq!(humanize("nodeName"), "Node Name");
        assert_eq!(humanize("containerPort"), "Container Port");
        assert_eq!(
            humanize("terminationGracePeriodSeconds"),
            "Termination Grace Period Seconds"
        );
        assert_eq!(humanize("phase"), "Phase");
    }

    #[test]
    fn acronym_runs_stay_together() {
        assert_eq!(humanize("podIP"), "Pod IP");
        assert_eq!(humanize("hostIPs"), "Host IPs");
        assert_eq!(humanize("podCIDRs"), "Pod CIDRs");
        assert_eq!(humanize("containerID"), "Container ID");
        assert_eq!(humanize("APIService"), "API Service");
        assert_eq!(humanize("externalIPsPolicy"), "External IPs Policy");
    }

    #[test]
    fn known_acronyms_are_capitalised() {
        assert_eq!(humanize("dnsPolicy"), "DNS Policy");
        assert_eq!(humanize("qosClass"), "QoS Class");
        assert_eq!(humanize("osImage"), "OS Image");
        assert_eq!(humanize("uid"), "UID");
        assert_eq!(humanize("ipFamilies"), "IP Families");
    }

    #[test]
    fn digits_stay_with_their_word() {
        assert_eq!(humanize("ipv4Address"), "IPv4 Address");
        assert_eq!(humanize("http2Enabled"), "Http2 Enabled");
    }

    #[test]
    fn names_that_are_not_identifiers_are_kept() {
        assert_eq!(humanize("app.kubernetes.io/name"), "app.kubernetes.io/name");
        assert_eq!(humanize("tls.crt"), "tls.crt");
        assert_eq!(humanize("pod-template-hash"), "pod-template-hash");
        assert_eq!(humanize("_private"), "_private");
        assert_eq!(humanize(""), "");
    }
}
