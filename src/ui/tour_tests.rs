//! `:tour` at 80x24 in English and Korean over the dashboard, with the counts a cluster
//! answered; and the dashboard's offer of the tour, gone once the tour is done.

use super::test_support::{app_at, screen_80x24, snap};
use crate::app::test_support::command;
use crate::app::{Action, App};
use crate::config::i18n::Lang;
use crate::model::failure::{Failure, FailureKind};
use crate::model::tour::TourCounts;

fn counts() -> TourCounts {
    TourCounts {
        hosts: Ok((2, 2)),
        ip_pool: Ok((3, 2)),
        projects: Ok(7),
        registries: Ok(1),
        images: Ok((0, 1)),
        catalogs: Ok(1),
        apps: Err(Failure::new(FailureKind::Forbidden, "not allowed for alice: list apps")),
    }
}

fn touring(lang: Lang) -> App {
    let mut app = app_at("https://127.0.0.1:32764", None, "dashboard");
    app.lang = lang;
    app.update(Action::Resized { width: 80, height: 24 });
    command(&mut app, "tour");
    app.update(Action::TourCounted(Box::new(counts())));
    app
}

#[test]
fn the_tour_in_kubics_order() {
    let mut app = touring(Lang::En);
    let text = screen_80x24(&mut app);
    snap!("tour_80x24", &text);
    let order: Vec<usize> = [
        "Dashboard:",
        "Hosts:",
        "IP pool:",
        "Projects:",
        "Registries:",
        "Images:",
        "Catalogs:",
        "Apps:",
    ]
    .iter()
    .map(|name| text.find(name).unwrap_or_else(|| panic!("{name} missing:\n{text}")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "the manual's order:\n{text}");
    assert!(text.contains("IP pool: 3 service IPs on 2 hosts"), "{text}");
    assert!(text.contains("next: n builds an image from a recipe"), "{text}");
    assert!(text.contains("enter: go to :images"), "{text}");
    assert!(text.contains("not allowed for alice"), "{text}");
}

#[test]
fn the_tour_in_korean() {
    let mut app = touring(Lang::Ko);
    let text = screen_80x24(&mut app);
    snap!("ko_tour_80x24", &text);
    assert!(text.contains("IP POOL: 호스트 2대에 서비스 IP 3개"), "{text}");
    assert!(text.contains("다음: n: 레시피로 이미지를"), "{text}");
}

#[test]
fn the_dashboard_offers_the_tour_until_it_is_done() {
    let mut app = app_at("https://127.0.0.1:32764", None, "dashboard");
    app.update(Action::Resized { width: 80, height: 24 });
    assert!(screen_80x24(&mut app).contains("New here? :tour walks KUBIC's order"));
    app.lang = Lang::Ko;
    assert!(screen_80x24(&mut app).contains("처음이세요? :tour"));
    app.tour_done = true;
    assert!(!screen_80x24(&mut app).contains(":tour"));
}
