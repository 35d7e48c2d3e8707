//! Why this exists: the pod table's first list on a big cluster is mostly parsing. This
//! bench parses and projects a generated 10,000-pod list page by page, as the table's
//! watcher receives it (20 pages of 500, each a JSON body like the API server's), once
//! through `DynamicObject` (a JSON tree per object, then the generic projection) and
//! once through the lean, typed `LeanPod`; it also prints each path's peak heap above
//! the pages themselves. See BENCHMARKS.md.
//!
//! Run: `cargo bench --bench rows -- --warm-up-time 1 --measurement-time 5`

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use kube::core::{DynamicObject, ObjectList};
use kubic::model::resource::{Known, Registry, ResourceKind};
use kubic::model::rows::{LeanPod, Row, project, project_lean};
use peak_alloc::PeakAlloc;
use serde_json::{Value, json};

#[global_allocator]
static HEAP: PeakAlloc = PeakAlloc;

const PODS: usize = 10_000;
/// The table watcher's page size (`kubic::kube::tables::PAGE_SIZE`).
const PAGE: usize = 500;
const NAMESPACES: usize = 100;
const NODES: usize = 1_000;

/// A Running pod as KWOK reports it, managed fields included (about 5 KB of JSON, like
/// the scale cluster's pods).
fn template() -> Value {
    let list: Value = serde_json::from_str(include_str!("../src/model/rows/lean/fixtures/pods.json")).unwrap();
    list["items"][0].clone()
}

/// Pod `i` of the scale cluster's shape: Deployment pods of 10 replicas in 100
/// namespaces over 1,000 nodes, 2% Pending or CrashLoopBackOff.
fn pod(template: &Value, i: usize) -> Value {
    let mut pod = template.clone();
    let deployment = i / 10;
    let name = format!("web-{deployment}-{:08x}-{:05}", deployment * 7919, i);
    let meta = &mut pod["metadata"];
    meta["name"] = json!(name);
    meta["namespace"] = json!(format!("kubic-scale-{:03}", deployment % NAMESPACES));
    meta["uid"] = json!(format!("00000000-0000-4000-8000-{i:012}"));
    meta["resourceVersion"] = json!((100_000 + i).to_string());
    meta["labels"] =
        json!({"app": format!("web-{deployment}"), "pod-template-hash": format!("{:08x}", deployment * 7919)});
    pod["spec"]["nodeName"] = json!(format!("kubic-scale-node-{:04}", i % NODES));
    pod["status"]["podIP"] = json!(format!("10.{}.{}.{}", 244 + i / 65_536, i / 256 % 256, i % 256));
    match i % 50 {
        0 => {
            pod["status"]["phase"] = json!("Pending");
            pod["status"]["containerStatuses"][0]["ready"] = json!(false);
            pod["status"]["containerStatuses"][0]["state"] = json!({"waiting": {"reason": "ContainerCreating"}});
        }
        1 => {
            pod["status"]["containerStatuses"][0]["ready"] = json!(false);
            pod["status"]["containerStatuses"][0]["restartCount"] = json!(7);
            pod["status"]["containerStatuses"][0]["state"] = json!({"waiting": {"reason": "CrashLoopBackOff"}});
        }
        _ => {}
    }
    pod
}

/// The list as the API server pages it: one JSON body per page.
fn pages() -> Vec<String> {
    let template = template();
    (0..PODS / PAGE)
        .map(|page| {
            let items: Vec<Value> = (page * PAGE..(page + 1) * PAGE).map(|i| pod(&template, i)).collect();
            let body = json!({"kind": "PodList", "apiVersion": "v1",
                              "metadata": {"resourceVersion": "200000", "continue": format!("page-{page}")},
                              "items": items});
            serde_json::to_string(&body).unwrap()
        })
        .collect()
}

/// Every page parsed as `DynamicObject`s and projected generically.
fn generic(pages: &[String], kind: &ResourceKind) -> Vec<Row> {
    let mut rows = Vec::with_capacity(PODS);
    for page in pages {
        let list: ObjectList<DynamicObject> = serde_json::from_str(page).unwrap();
        rows.extend(list.items.iter().map(|object| project(kind, object)));
    }
    rows
}

/// Every page parsed as `LeanPod`s and projected from their typed fields.
fn lean(pages: &[String]) -> Vec<Row> {
    let mut rows = Vec::with_capacity(PODS);
    for page in pages {
        let list: ObjectList<LeanPod> = serde_json::from_str(page).unwrap();
        rows.extend(list.items.iter().map(project_lean));
    }
    rows
}

/// Peak heap (bytes) above what was held before `run`, and what its result holds.
fn peak_of(run: impl FnOnce() -> Vec<Row>) -> (usize, usize) {
    let before = HEAP.current_usage();
    HEAP.reset_peak_usage();
    let rows = run();
    let (peak, kept) = (HEAP.peak_usage() - before, HEAP.current_usage() - before);
    drop(black_box(rows));
    (peak, kept)
}

fn pods(c: &mut Criterion) {
    let pages = pages();
    let kind = Registry::builtin().known(Known::Pod).cloned().unwrap();
    let (generic_rows, lean_rows) = (generic(&pages, &kind), lean(&pages));
    assert_eq!(generic_rows.len(), PODS);
    assert_eq!(generic_rows, lean_rows, "both paths give the same rows");
    drop((generic_rows, lean_rows));
    let mib = |bytes: usize| bytes as f64 / (1024.0 * 1024.0);
    let bytes: usize = pages.iter().map(String::len).sum();
    println!(
        "list: {PODS} pods in {} pages, {:.1} MiB of JSON",
        pages.len(),
        mib(bytes)
    );
    for (name, (peak, kept)) in [
        ("generic", peak_of(|| generic(&pages, &kind))),
        ("lean", peak_of(|| lean(&pages))),
    ] {
        println!(
            "heap: {name:<7} peak {:.1} MiB above the pages, {:.1} MiB kept in rows",
            mib(peak),
            mib(kept)
        );
    }
    let mut group = c.benchmark_group("pods_10k_pagewise");
    group.sample_size(10);
    group.bench_function("generic", |b| b.iter(|| black_box(generic(&pages, &kind))));
    group.bench_function("lean", |b| b.iter(|| black_box(lean(&pages))));
    group.finish();
}

criterion_group!(benches, pods);
criterion_main!(benches);
