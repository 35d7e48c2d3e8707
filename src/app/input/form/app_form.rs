//! The app creation form (KUBIC 1.10): its fields, their checks, and the app it
//! describes. The project, host and service IPs load their choices as it opens.

use super::{Field, Form, FormKind, Offer, Pick, name, split};
use crate::app::kubic::ops::KubicOp;
use crate::model::cluster::NewApp;
use crate::model::crd::AppPort;
use crate::model::validate;

fn tag(value: &str) -> Result<(), String> {
    if value.trim().is_empty() || value.trim().contains(char::is_whitespace) {
        return Err("an image tag, without spaces".into());
    }
    Ok(())
}

fn replicas(value: &str) -> Result<(), String> {
    validate::replicas(value).map(drop)
}

fn cpu(value: &str) -> Result<(), String> {
    validate::cpu_millis(value).map(drop)
}

fn memory(value: &str) -> Result<(), String> {
    validate::memory(value).map(drop)
}

fn host(value: &str) -> Result<(), String> {
    if value.trim().is_empty() {
        Ok(())
    } else {
        validate::dns1123_label(value.trim())
    }
}

fn ips(value: &str) -> Result<(), String> {
    split(value).try_for_each(|ip| validate::ip_address(ip).map(drop))
}

fn ports(value: &str) -> Result<(), String> {
    parse_ports(value).map(drop)
}

/// `53/TCP, 53/UDP, 8080` (TCP when the protocol is left out).
pub fn parse_ports(value: &str) -> Result<Vec<AppPort>, String> {
    split(value)
        .map(|item| {
            let (port, protocol) = item.split_once('/').unwrap_or((item, "TCP"));
            let protocol = protocol.trim().to_uppercase();
            let port: u16 = port
                .trim()
                .parse()
                .ok()
                .filter(|p| *p > 0)
                .ok_or_else(|| format!("{item:?}: a port is 1 to 65535"))?;
            if protocol != "TCP" && protocol != "UDP" {
                return Err(format!("{item:?}: the protocol is TCP or UDP"));
            }
            Ok(AppPort { port, protocol })
        })
        .collect()
}

impl Form {
    /// The app creation form for `catalog`, in `project`.
    pub fn new_app(catalog: &str, project: &str) -> Form {
        let loading = |mut field: Field, pick: Pick| {
            field.offer = Offer::Loading;
            field.pick = pick;
            field
        };
        let mut service_ips = Field::new("service IPs", "", "comma-separated, from the host's IP pool", ips)
            .multi("free IP of the host", Vec::new());
        service_ips.offer = Offer::Loading;
        service_ips.follows = Some("host");
        let fields = vec![
            Field::new("name", "", "a DNS-1123 name: lowercase letters, digits, '-'", name),
            loading(
                Field::new("project", project, "the project (namespace) the app lives in", name),
                Pick::Strict,
            ),
            loading(
                Field::new("image tag", "", "the tag of the catalog's image, e.g. 9.18", tag),
                Pick::Free,
            ),
            Field::new("replicas", "1", "0 to 100", replicas),
            Field::new("cpu (millicores)", "", "1 core = 1000; empty means no limit", cpu),
            Field::new("memory", "", "e.g. 512Mi or 2Gi; empty means no limit", memory),
            Field::new("ports", "", "e.g. 53/TCP, 53/UDP", ports),
            loading(
                Field::new("host", "", "the host whose service IPs the app uses (optional)", host),
                Pick::Optional,
            ),
            service_ips,
        ];
        let original = fields.iter().map(|f| f.value.clone()).collect();
        Form {
            title: format!("new app from catalog {catalog}"),
            kind: FormKind::App,
            catalog: catalog.to_string(),
            fields,
            focus: 0,
            original,
            discard_armed: false,
            list: None,
        }
    }

    pub(super) fn app_op(&self) -> Result<KubicOp, String> {
        let host = self.value("host");
        let new = NewApp {
            project: self.value("project"),
            name: self.value("name"),
            catalog: self.catalog.clone(),
            tag: self.value("image tag"),
            replicas: validate::replicas(&self.value("replicas")).map_err(|e| format!("replicas: {e}"))?,
            cpu_millis: validate::cpu_millis(&self.value("cpu (millicores)"))?,
            memory: validate::memory(&self.value("memory"))?,
            ports: parse_ports(&self.value("ports"))?,
            host: (!host.is_empty()).then_some(host),
            service_ips: split(&self.value("service IPs"))
                .map(validate::ip_address)
                .collect::<Result<_, _>>()?,
        };
        Ok(KubicOp::CreateApp(Box::new(new)))
    }
}
