//! The tour in the state machine: `:tour` asks for the counts, starts at the first step
//! with nothing set up, says what each step finds, moves with the table's keys, jumps to
//! a step's screen on `enter`, and is done (remembered once) when its last step shows.

use crossterm::event::KeyCode;

use crate::app::test_support::{Start, command, press};
use crate::app::{Action, App, Effect, Mode};
use crate::model::failure::{Failure, FailureKind};
use crate::model::tour::{Step, TourCounts};

fn counts() -> TourCounts {
    crate::model::tour::sample_counts()
}

fn touring() -> App {
    let mut app = Start {
        view: "dashboard",
        ..Start::default()
    }
    .app();
    let effects = command(&mut app, "tour");
    assert!(effects.contains(&Effect::CountTour), "{effects:?}");
    app
}

fn step(app: &App) -> Step {
    match &app.mode {
        Mode::Tour(tour) => tour.current(),
        other => panic!("not on the tour: {other:?}"),
    }
}

#[test]
fn the_counts_say_what_each_step_finds_and_the_tour_starts_where_setting_up_goes_on() {
    let mut app = touring();
    assert_eq!(step(&app), Step::Dashboard);
    assert_eq!(app.tour_line(Step::IpPool, None), "IP pool: …");
    app.update(Action::TourCounted(Box::new(counts())));
    assert_eq!(step(&app), Step::Images, "the first step with nothing in it");
    let Mode::Tour(tour) = &app.mode else { panic!() };
    let counts = tour.counts.clone();
    assert_eq!(
        app.tour_line(Step::IpPool, counts.as_ref()),
        "IP pool: 3 service IPs on 2 hosts"
    );
    assert_eq!(app.tour_line(Step::Hosts, counts.as_ref()), "Hosts: 2/2 ready");
    assert_eq!(app.tour_line(Step::Apps, counts.as_ref()), "Apps: 0 of 0 running");
    assert_eq!(app.tour_next(Step::IpPool), "n registers a service IP for a host");
    let mut missing = self::counts();
    missing.catalogs = Err(Failure::new(
        FailureKind::NotFound,
        "the server could not find the requested resource",
    ));
    assert_eq!(
        app.tour_line(Step::Catalogs, Some(&missing)),
        "Catalogs: N/A: kubic install first"
    );
}

#[test]
fn enter_goes_to_the_steps_screen() {
    let mut app = touring();
    app.update(Action::TourCounted(Box::new(counts())));
    press(&mut app, KeyCode::Char('k'));
    press(&mut app, KeyCode::Char('k'));
    assert_eq!(step(&app), Step::Projects);
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(app.view().map(|v| v.kind.plural.as_str()), Some("namespaces"));
}

#[test]
fn the_last_step_finishes_the_tour_once_and_esc_closes_it() {
    let mut app = touring();
    assert!(!app.tour_done);
    let mut remembered = 0;
    for _ in 0..10 {
        let effects = press(&mut app, KeyCode::Char('j'));
        remembered += effects.iter().filter(|e| **e == Effect::RememberTourDone).count();
    }
    assert_eq!(step(&app), Step::Apps);
    assert!(app.tour_done);
    assert_eq!(remembered, 1, "remembered once");
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(
        app.screen,
        crate::app::hosts::dashboard::Screen::Dashboard,
        "back on the dashboard"
    );
}
