use super::*;
use crate::app::Purpose;
use crate::app::users::ops::UserOp;
use crate::model::cluster::ExecRequest;
use crate::model::failure::Failure;
use crate::model::resource::Registry;
use crate::model::typed_password::TypedPassword;

fn pod(name: &str) -> ObjectRef {
    ObjectRef {
        kind: Registry::builtin().resolve("pods").unwrap().clone(),
        namespace: "web".into(),
        name: name.into(),
    }
}

#[test]
fn a_delete_names_the_object_and_how_it_ended() {
    let done = change_of(&Action::Deleted {
        object: pod("nginx-1"),
        result: Ok(()),
    })
    .unwrap();
    assert_eq!(done, Change::new("delete", "pods/web/nginx-1", Outcome::Ok));
    let refused = change_of(&Action::Deleted {
        object: pod("nginx-1"),
        result: Err(Failure::invalid("pods \"nginx-1\" is forbidden")),
    })
    .unwrap();
    assert_eq!(refused.outcome, Outcome::Failed("pods \"nginx-1\" is forbidden".into()));
}

#[test]
fn kubic_operations_are_changes_except_looking_at_a_pool() {
    let scale = KubicOp::Scale {
        project: "web".into(),
        name: "dns".into(),
        replicas: 3,
    };
    let change = change_of(&Action::KubicDone {
        op: scale,
        result: Ok(crate::model::done::Done::AsAsked),
    })
    .unwrap();
    assert_eq!(change.action, "scale");
    assert!(change.object.contains("web/dns"), "{}", change.object);
    let pool = KubicOp::ShowPool { host: "h1".into() };
    assert_eq!(
        change_of(&Action::KubicDone {
            op: pool,
            result: Ok(crate::model::done::Done::AsAsked)
        }),
        None
    );
}

#[test]
fn a_password_never_reaches_the_trail() {
    let op = KubicOp::User(UserOp::SetPassword {
        name: "bob".into(),
        password: TypedPassword::new("s3cret-Pass"),
    });
    let change = change_of(&Action::KubicDone {
        op,
        result: Ok(crate::model::done::Done::AsAsked),
    })
    .unwrap();
    assert_eq!(change.action, "set-password");
    assert!(!change.object.contains("s3cret"), "{}", change.object);
    assert!(change.object.contains("bob"));
}

#[test]
fn reads_are_not_changes() {
    let read = Action::Fetched {
        purpose: Purpose::Yaml,
        object: pod("a"),
        result: Err(Failure::invalid("gone")),
    };
    assert_eq!(change_of(&read), None);
    assert_eq!(
        change_of_effect(&Effect::Fetch {
            purpose: Purpose::Yaml,
            object: pod("a")
        }),
        None
    );
}

#[test]
fn an_exec_is_recorded_as_asked_with_its_command() {
    let effect = Effect::OpenConsole {
        id: 1,
        request: ExecRequest {
            namespace: "web".into(),
            pod: "nginx-1".into(),
            container: Some("nginx".into()),
            command: vec!["/bin/sh".into()],
            tty: true,
        },
        rows: 24,
        cols: 80,
    };
    let change = change_of_effect(&effect).unwrap();
    assert_eq!(
        change,
        Change::new("exec", "pods/web/nginx-1 (nginx): /bin/sh", Outcome::Ok)
    );
}
