//! The build Job and its configuration, without a cluster.

use super::*;
use crate::model::crd::RegistrySpec;

fn registry(secret: Option<&str>) -> Registry {
    Registry::new(
        "local",
        RegistrySpec {
            url: "192.0.2.1:5000".into(),
            credentials_secret: secret.map(String::from),
            ..RegistrySpec::default()
        },
    )
}

#[test]
fn the_shipped_builder_is_buildkit_rootless() {
    let builder = default_builder().unwrap();
    assert!(builder.image.starts_with("moby/buildkit:") && builder.image.ends_with("-rootless"));
    assert!(builder.args.iter().any(|a| a.contains("{{ image }}")));
    assert!(parse_builder("image: [").is_err());
}

#[test]
fn the_job_pushes_the_image_with_the_registry_credentials() {
    let builder = default_builder().unwrap();
    let job = build_job(
        "bind-9-18-1",
        "192.0.2.1:5000/bind:9.18",
        true,
        &builder,
        &registry(Some("registry-local")),
        &[],
    )
    .unwrap();
    let pod = &job["spec"]["template"]["spec"];
    let args = pod["containers"][0]["args"].to_string();
    assert!(
        args.contains("name=192.0.2.1:5000/bind:9.18,push=true,registry.insecure=true"),
        "{args}"
    );
    assert_eq!(pod["restartPolicy"], "Never");
    assert_eq!(job["spec"]["backoffLimit"], 0);
    assert_eq!(pod["volumes"][0]["configMap"]["name"], "bind-9-18-1");
    assert_eq!(pod["volumes"][1]["secret"]["secretName"], "registry-local");
    assert_eq!(job["metadata"]["labels"][BUILD_LABEL], "bind-9-18-1");
    let anonymous = build_job("b", "r/i:1", false, &builder, &registry(None), &[]).unwrap();
    assert_eq!(
        anonymous["spec"]["template"]["spec"]["volumes"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let mut broken = builder.clone();
    broken.args = vec!["{{ missing }}".into()];
    assert!(build_job("b", "r/i:1", false, &broken, &registry(None), &[]).is_err());
}

#[test]
fn the_dockerfile_gets_the_version_and_the_bind_sample_parses() {
    assert_eq!(
        render_dockerfile("FROM x:{{ version }}", "9.18").unwrap(),
        "FROM x:9.18"
    );
    assert!(render_dockerfile("FROM {{ version", "1").is_err());
    let sample: BuildRecipe = serde_saphyr::from_str(include_str!("../../../catalogs/bind-recipe.yaml")).unwrap();
    let dockerfile = render_dockerfile(&sample.spec.dockerfile, "9.18.24").unwrap();
    assert!(dockerfile.contains("bind9/9.18.24/bind-9.18.24.tar.xz"));
    assert!(sample.spec.files.contains_key("named.conf"));
}

#[test]
fn names_phases_and_closing_lines() {
    let name = build_name("bind", "9.18.24_RC1");
    assert!(name.starts_with("bind-9-18-24-rc1-"), "{name}");
    crate::model::validate::dns1123_label(&name).unwrap();
    assert_eq!(closing_line("Succeeded", None).as_deref(), Some(COMPLETE_LINE));
    assert_eq!(
        closing_line("Failed", Some("OOMKilled")).as_deref(),
        Some("*** Build Failed: OOMKilled ***")
    );
    assert_eq!(closing_line("Running", None), None);
    let pod: Pod = serde_json::from_value(serde_json::json!({
        "status": {"phase": "Failed", "containerStatuses": [{"name": "build", "image": "b", "imageID": "", "ready": false,
            "restartCount": 0, "state": {"terminated": {"exitCode": 1, "reason": "Error", "message": "exit 1"}}}]}
    }))
    .unwrap();
    assert_eq!(pod_phase(&pod), ("Failed".into(), Some("Error: exit 1".into())));
}

fn build(name: &str, image: &str, phase: &str) -> ImageBuild {
    let mut build = ImageBuild::new(
        name,
        ImageBuildSpec {
            recipe: "bind".into(),
            version: "9.18".into(),
            registry: "local".into(),
            image: image.into(),
        },
    );
    build.status = Some(ImageBuildStatus {
        phase: phase.into(),
        ..ImageBuildStatus::default()
    });
    build
}

#[test]
fn only_a_build_that_pushed_an_image_nobody_else_made_deletes_it() {
    let pushed = build("a", "bind:9.18", "Succeeded");
    assert_eq!(image_kept_because(&pushed, std::slice::from_ref(&pushed)), None);
    let failed = build("b", "bind:9.18", "Failed");
    assert!(image_kept_because(&failed, &[]).unwrap().contains("did not push"));
    let twin = build("c", "bind:9.18", "Succeeded");
    assert!(
        image_kept_because(&pushed, &[pushed.clone(), twin])
            .unwrap()
            .contains("build c made it too")
    );
}
