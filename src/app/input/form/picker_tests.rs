//! Picking in the app form: choices that load or fail, how binding each field's are,
//! the service IPs that follow the host, and the list.

use std::collections::BTreeMap;

use super::*;
use crate::app::input::form::Form;

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn field<'a>(form: &'a mut Form, label: &str) -> &'a mut Field {
    form.fields.iter_mut().find(|f| f.label == label).unwrap()
}

fn focus(form: &mut Form, label: &str) {
    form.focus = form.fields.iter().position(|f| f.label == label).unwrap();
}

fn free() -> BTreeMap<String, Vec<String>> {
    BTreeMap::from([
        ("kube-minion1".to_string(), names(&["192.0.2.10", "192.0.2.12"])),
        ("kube-minion2".to_string(), Vec::new()),
    ])
}

#[test]
fn choices_load_after_the_form_opens_and_what_was_typed_stays() {
    let mut form = Form::new_app("bind", "demo", crate::config::i18n::Lang::En);
    assert_eq!(field(&mut form, "project").offer, Offer::Loading);
    field(&mut form, "project").value = "prod".into();
    assert_eq!(field(&mut form, "project").error(Lang::En), None, "no guess refuses it");
    form.offer("project", Ok(names(&["demo", "web"])));
    let project = field(&mut form, "project");
    assert_eq!(project.value, "prod", "the typed value is kept");
    assert_eq!(project.error(Lang::En).as_deref(), Some("one of: demo, web"));
    form.offer("host", Err("forbidden: nodes".into()));
    let host = field(&mut form, "host");
    assert_eq!(host.offer, Offer::Failed("forbidden: nodes".into()));
    host.value = "any-host".into();
    assert_eq!(host.error(Lang::En), None, "unloadable choices leave typing free");
}

#[test]
fn the_host_is_optional_and_the_tag_a_suggestion() {
    let mut form = Form::new_app("bind", "demo", crate::config::i18n::Lang::En);
    form.offer("host", Ok(names(&["kube-minion1", "kube-minion2"])));
    form.offer("image tag", Ok(names(&["9.10.5", "9.11.1"])));
    assert_eq!(field(&mut form, "host").error(Lang::En), None, "no host is fine");
    field(&mut form, "host").value = "kube-minion9".into();
    assert!(
        field(&mut form, "host")
            .error(Lang::En)
            .unwrap()
            .starts_with("one of: kube-minion1")
    );
    field(&mut form, "image tag").value = "9.18".into();
    assert_eq!(
        field(&mut form, "image tag").error(Lang::En),
        None,
        "a tag not listed yet goes"
    );
    field(&mut form, "image tag").value = "9 18".into();
    assert!(field(&mut form, "image tag").error(Lang::En).is_some(), "still checked");
}

#[test]
fn service_ips_offer_the_free_ips_of_the_host_chosen() {
    let mut form = Form::new_app("bind", "demo", crate::config::i18n::Lang::En);
    form.offer_by_leader("service IPs", free());
    assert_eq!(field(&mut form, "service IPs").offer, Offer::Needs("host"));
    field(&mut form, "service IPs").value = "192.0.2.10".into();
    assert!(
        field(&mut form, "service IPs")
            .error(Lang::En)
            .unwrap()
            .contains("host first")
    );
    field(&mut form, "host").value = "kube-minion1".into();
    form.follow();
    let ips = field(&mut form, "service IPs");
    assert_eq!(ips.choices, ["192.0.2.10", "192.0.2.12"]);
    assert_eq!(ips.error(Lang::En), None);
    ips.value = "192.0.2.10, 192.0.2.11".into();
    assert_eq!(
        ips.error(Lang::En).as_deref(),
        Some("no free IP of the host \"192.0.2.11\"; known: 192.0.2.10, 192.0.2.12")
    );
    field(&mut form, "host").value = "kube-minion2".into();
    form.follow();
    let ips = field(&mut form, "service IPs");
    assert!(ips.choices.is_empty());
    assert!(
        ips.error(Lang::En).is_some(),
        "a host with no free IP offers none to type either"
    );
}

#[test]
fn the_list_opens_at_the_value_moves_and_picks() {
    let mut form = Form::new_app("bind", "demo", crate::config::i18n::Lang::En);
    form.offer("project", Ok(names(&["default", "demo", "web"])));
    focus(&mut form, "project");
    assert!(form.open_list());
    assert_eq!(form.list, Some(PickList { cursor: 1 }), "at the current value");
    form.list_key(ListKey::Move(5));
    assert_eq!(form.list, Some(PickList { cursor: 2 }), "stops at the last");
    form.list_key(ListKey::Pick);
    assert_eq!(form.list, None);
    assert_eq!(form.value("project"), "web");
    focus(&mut form, "name");
    assert!(!form.open_list(), "a field without choices opens none");
}

#[test]
fn picking_a_host_in_the_list_offers_its_ips_and_space_adds_them() {
    let mut form = Form::new_app("bind", "demo", crate::config::i18n::Lang::En);
    form.offer("host", Ok(names(&["kube-minion1", "kube-minion2"])));
    form.offer_by_leader("service IPs", free());
    focus(&mut form, "host");
    assert!(form.open_list());
    form.list_key(ListKey::Pick);
    assert_eq!(form.value("host"), "kube-minion1");
    focus(&mut form, "service IPs");
    assert!(form.open_list());
    form.list_key(ListKey::Toggle);
    form.list_key(ListKey::Move(1));
    form.list_key(ListKey::Toggle);
    assert!(form.list.is_some(), "space keeps the list open");
    assert_eq!(form.value("service IPs"), "192.0.2.10, 192.0.2.12");
    form.list_key(ListKey::Move(-1));
    form.list_key(ListKey::Toggle);
    form.list_key(ListKey::Close);
    assert_eq!(form.value("service IPs"), "192.0.2.12");
    assert_eq!(form.list, None);
}

#[test]
fn nothing_to_list_says_why() {
    let mut form = Form::new_app("bind", "demo", crate::config::i18n::Lang::En);
    let lang = crate::config::i18n::Lang::En;
    assert_eq!(nothing_to_list(field(&mut form, "host"), lang), "loading…");
    form.offer("host", Err("the API server is unreachable".into()));
    assert_eq!(
        nothing_to_list(field(&mut form, "host"), lang),
        "no choices (the API server is unreachable): type a value"
    );
    form.offer_by_leader("service IPs", free());
    assert!(nothing_to_list(field(&mut form, "service IPs"), lang).starts_with("choose the host first"));
}

#[test]
fn a_long_list_of_choices_is_named_in_part() {
    let mut field = Field::new("host", "", "", |_| Ok(()));
    field.offer_choices((1..=10).map(|i| format!("h{i}")).collect());
    assert_eq!(field.choices_text(), "h1, h2, h3, h4, h5, h6 … (4 more)");
}
