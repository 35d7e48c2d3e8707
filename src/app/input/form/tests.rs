//! The app form: refusals, the app it describes, validation while typing.

use super::*;

fn fill(form: &mut Form, label: &str, value: &str) {
    let field = form.fields.iter_mut().find(|f| f.label == label).unwrap();
    field.value = value.into();
}

#[test]
fn an_empty_form_refuses_and_focuses_the_first_bad_field() {
    let mut form = Form::new_app("bind", "demo", crate::config::i18n::Lang::En);
    form.focus = 5;
    let reason = form.submit().unwrap_err();
    assert!(reason.starts_with("name:"), "{reason}");
    assert_eq!(form.focus, 0);
}

#[test]
fn a_filled_form_describes_the_app() {
    let mut form = Form::new_app("bind", "demo", crate::config::i18n::Lang::En);
    fill(&mut form, "name", "dns");
    fill(&mut form, "image tag", "9.18");
    fill(&mut form, "cpu (millicores)", "500");
    fill(&mut form, "ports", "53/tcp, 53/UDP");
    fill(&mut form, "host", "kube-minion1");
    fill(&mut form, "service IPs", "192.0.2.10");
    let Ok(KubicOp::CreateApp(app)) = form.submit() else {
        panic!("not submitted")
    };
    assert_eq!(app.name, "dns");
    assert_eq!(app.project, "demo");
    assert_eq!(app.cpu_millis, Some(500));
    assert_eq!(app.memory, None);
    assert_eq!(app.ports.len(), 2);
    assert_eq!(app.ports[0].protocol, "TCP");
    assert_eq!(app.host.as_deref(), Some("kube-minion1"));
    assert_eq!(app.service_ips, ["192.0.2.10"]);
}

#[test]
fn fields_validate_while_typing() {
    let mut form = Form::new_app("bind", "demo", crate::config::i18n::Lang::En);
    fill(&mut form, "memory", "lots");
    fill(&mut form, "ports", "53/SCTP");
    let errors: Vec<_> = form
        .fields
        .iter()
        .filter_map(|f| f.error(Lang::En).map(|e| (f.label, e)))
        .collect();
    assert!(errors.iter().any(|(l, _)| *l == "memory"));
    assert!(errors.iter().any(|(l, e)| *l == "ports" && e.contains("TCP or UDP")));
    assert!(form.is_modified());
}

#[test]
fn a_fields_refusal_is_said_in_the_sessions_language() {
    for (lang, words) in [(Lang::En, "lowercase letters"), (Lang::Ko, "영문 소문자")] {
        let mut form = Form::new_app("bind", "demo", lang);
        form.fields[0].value = "Demo".into();
        let error = form.field_error(0).unwrap();
        assert!(error.contains("'D'") && error.contains(words), "{error}");
        let refused = form.submit().unwrap_err();
        assert!(refused.starts_with(form.fields[0].label), "{refused}");
    }
}
