//! The app creation form (KUBIC 1.10): its fields, their checks, and the app it
//! describes. The project, host and service IPs load their choices as it opens.

use super::{Field, Form, FormKind, Offer, Pick, name, split};
use crate::app::kubic::ops::KubicOp;
use crate::config::i18n::{Lang, t};
use crate::model::cluster::NewApp;
use crate::model::crd::AppPort;
use crate::model::invalid::Part;
use crate::model::validate::{self, Invalid};

fn tag(value: &str) -> Result<(), Invalid> {
    if value.trim().is_empty() || value.trim().contains(char::is_whitespace) {
        return Err(Invalid::ImageTag);
    }
    Ok(())
}

fn replicas(value: &str) -> Result<(), Invalid> {
    validate::replicas(value).map(drop)
}

fn cpu(value: &str) -> Result<(), Invalid> {
    validate::cpu_millis(value).map(drop)
}

fn memory(value: &str) -> Result<(), Invalid> {
    validate::memory(value).map(drop)
}

fn host(value: &str) -> Result<(), Invalid> {
    if value.trim().is_empty() {
        Ok(())
    } else {
        validate::dns1123_label(value.trim())
    }
}

fn ips(value: &str) -> Result<(), Invalid> {
    split(value).try_for_each(|ip| validate::ip_address(ip).map(drop))
}

fn ports(value: &str) -> Result<(), Invalid> {
    parse_ports(value).map(drop)
}

/// `53/TCP, 53/UDP, 8080` (TCP when the protocol is left out).
pub fn parse_ports(value: &str) -> Result<Vec<AppPort>, Invalid> {
    split(value)
        .map(|item| {
            let (port, protocol) = item.split_once('/').unwrap_or((item, "TCP"));
            let protocol = protocol.trim().to_uppercase();
            let port: u16 = port
                .trim()
                .parse()
                .ok()
                .filter(|p| *p > 0)
                .ok_or_else(|| Invalid::PortNumber { item: item.to_string() })?;
            if protocol != "TCP" && protocol != "UDP" {
                return Err(Invalid::PortProtocol { item: item.to_string() });
            }
            Ok(AppPort { port, protocol })
        })
        .collect()
}

impl Form {
    /// The app creation form for `catalog`, in `project`, in the session's language.
    pub fn new_app(catalog: &str, project: &str, lang: Lang) -> Form {
        let loading = |mut field: Field, pick: Pick| {
            field.offer = Offer::Loading;
            field.pick = pick;
            field
        };
        let mut service_ips = Field::new("service IPs", "", t!(lang, "form.hint_service_ips"), ips)
            .labelled(t!(lang, "form.service_ips"))
            .multi(t!(lang, "form.noun_free_ip"), Vec::new());
        service_ips.offer = Offer::Loading;
        service_ips.follows = Some("host");
        let fields = vec![
            Field::new("name", "", t!(lang, "form.hint_name"), name).labelled(t!(lang, "form.name")),
            loading(
                Field::new("project", project, t!(lang, "form.hint_app_project"), name)
                    .labelled(t!(lang, "form.project")),
                Pick::Strict,
            ),
            loading(
                Field::new("image tag", "", t!(lang, "form.hint_image_tag"), tag).labelled(t!(lang, "form.image_tag")),
                Pick::Free,
            ),
            Field::new("replicas", "1", t!(lang, "form.hint_replicas"), replicas).labelled(t!(lang, "form.replicas")),
            Field::new("cpu (millicores)", "", t!(lang, "form.hint_cpu"), cpu).labelled(t!(lang, "form.cpu")),
            Field::new("memory", "", t!(lang, "form.hint_memory"), memory).labelled(t!(lang, "form.memory")),
            Field::new("ports", "", t!(lang, "form.hint_ports"), ports).labelled(t!(lang, "form.ports")),
            loading(
                Field::new("host", "", t!(lang, "form.hint_host"), host).labelled(t!(lang, "form.host")),
                Pick::Optional,
            ),
            service_ips,
        ];
        let title = t!(lang, "form.title_new_app", catalog = catalog);
        let mut form = Form::with_fields(title, FormKind::App, fields, lang);
        form.catalog = catalog.to_string();
        form
    }

    pub(super) fn app_op(&self) -> Result<KubicOp, String> {
        let said = |why: Invalid| self.lang.invalid(&why);
        let host = self.value("host");
        let new = NewApp {
            project: self.value("project"),
            name: self.value("name"),
            catalog: self.catalog.clone(),
            tag: self.value("image tag"),
            replicas: validate::replicas(&self.value("replicas")).map_err(|e| said(e.of(Part::Replicas)))?,
            cpu_millis: validate::cpu_millis(&self.value("cpu (millicores)")).map_err(said)?,
            memory: validate::memory(&self.value("memory")).map_err(said)?,
            ports: parse_ports(&self.value("ports")).map_err(said)?,
            host: (!host.is_empty()).then_some(host),
            service_ips: split(&self.value("service IPs"))
                .map(validate::ip_address)
                .collect::<Result<_, _>>()
                .map_err(said)?,
        };
        Ok(KubicOp::CreateApp(Box::new(new)))
    }
}
