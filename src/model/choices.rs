//! What the forms offer to pick, derived without IO: each host's free service IPs (in
//! its pool, held by no other app) and the tags of a registry repository that no image
//! build has made yet; tags ordered as versions.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use super::app::ip_holders;
use super::crd::{App, IPPool, ImageBuild};

/// Each host's pool IPs that no app but `me` (`project/name`, the app being edited, if
/// any) holds, in pool order; a host whose pool is empty or fully used maps to no IPs.
pub fn free_ips(pools: &[IPPool], apps: &[App], me: Option<&str>) -> BTreeMap<String, Vec<String>> {
    let holders = ip_holders(apps);
    let mut free: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for pool in pools {
        let ips = free.entry(pool.spec.host.clone()).or_default();
        let unheld = pool
            .spec
            .ips
            .iter()
            .filter(|ip| holders.get(*ip).is_none_or(|holder| Some(holder.as_str()) == me));
        for ip in unheld {
            if !ips.contains(ip) {
                ips.push(ip.clone());
            }
        }
    }
    free
}

/// The tags of `recipe`'s repository in `registry` that no build of that recipe into that
/// registry has made or is making (a failed build did not make its version), newest last.
pub fn unbuilt_tags(tags: &[String], builds: &[ImageBuild], recipe: &str, registry: &str) -> Vec<String> {
    let built = |tag: &String| {
        builds.iter().any(|build| {
            let failed = build.status.as_ref().is_some_and(|s| s.phase == "Failed");
            build.spec.recipe == recipe && build.spec.registry == registry && build.spec.version == *tag && !failed
        })
    };
    let mut unbuilt: Vec<String> = tags.iter().filter(|tag| !built(tag)).cloned().collect();
    unbuilt.sort_by(|a, b| version_cmp(a, b));
    unbuilt.dedup();
    unbuilt
}

/// Orders tags as versions: `9.18.9` before `9.18.10`, numbers before words.
pub fn version_cmp(a: &str, b: &str) -> Ordering {
    let parts = |tag: &str| -> Vec<(u64, String)> {
        tag.split(['.', '-', '_', '+'])
            .map(|part| (part.parse::<u64>().unwrap_or(u64::MAX), part.to_string()))
            .collect()
    };
    parts(a).cmp(&parts(b)).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::crd::{AppSpec, DesiredState, IPPoolSpec, ImageBuildSpec, ImageBuildStatus};

    fn pool(host: &str, ips: &[&str]) -> IPPool {
        IPPool::new(
            host,
            IPPoolSpec {
                host: host.into(),
                ips: ips.iter().map(|ip| ip.to_string()).collect(),
            },
        )
    }

    fn app(project: &str, name: &str, ips: &[&str]) -> App {
        let mut app = App::new(
            name,
            AppSpec {
                catalog: "bind".into(),
                tag: "9.18".into(),
                replicas: 1,
                cpu_millis: None,
                memory: None,
                ports: vec![],
                host: None,
                service_ips: ips.iter().map(|ip| ip.to_string()).collect(),
                desired: DesiredState::Halted,
                revision: 1,
            },
        );
        app.metadata.namespace = Some(project.into());
        app
    }

    fn build(recipe: &str, registry: &str, version: &str, phase: &str) -> ImageBuild {
        let mut build = ImageBuild::new(
            &format!("{recipe}-{version}"),
            ImageBuildSpec {
                recipe: recipe.into(),
                version: version.into(),
                registry: registry.into(),
                image: format!("{recipe}:{version}"),
            },
        );
        build.status = Some(ImageBuildStatus {
            phase: phase.into(),
            ..ImageBuildStatus::default()
        });
        build
    }

    #[test]
    fn a_host_offers_the_pool_ips_no_other_app_holds() {
        let pools = [
            pool("kube-minion1", &["192.0.2.10", "192.0.2.11", "192.0.2.12"]),
            pool("kube-minion2", &["192.0.2.20"]),
            pool("kube-minion3", &[]),
        ];
        let apps = [
            app("demo-dns", "dns", &["192.0.2.11"]),
            app("demo-web", "web", &["192.0.2.20"]),
        ];
        let free = free_ips(&pools, &apps, None);
        assert_eq!(free["kube-minion1"], ["192.0.2.10", "192.0.2.12"]);
        assert!(free["kube-minion2"].is_empty(), "its only IP is held");
        assert!(free["kube-minion3"].is_empty());
        assert!(!free.contains_key("kube-minion4"), "no pool, no entry");
        let mine = free_ips(&pools, &apps, Some("demo-dns/dns"));
        assert_eq!(
            mine["kube-minion1"],
            ["192.0.2.10", "192.0.2.11", "192.0.2.12"],
            "an app's own IPs stay offered to it"
        );
    }

    #[test]
    fn an_app_being_deleted_gives_its_ips_back() {
        let mut leaving = app("demo-dns", "old", &["192.0.2.10"]);
        leaving.metadata.deletion_timestamp = Some(k8s_openapi::apimachinery::pkg::apis::meta::v1::Time(
            k8s_openapi::jiff::Timestamp::UNIX_EPOCH,
        ));
        let free = free_ips(&[pool("kube-minion1", &["192.0.2.10"])], &[leaving], None);
        assert_eq!(free["kube-minion1"], ["192.0.2.10"]);
    }

    #[test]
    fn the_version_offers_tags_no_build_of_the_recipe_into_the_registry_made() {
        let tags: Vec<String> = ["9.9.1", "9.10.5", "9.11.1", "9.18.24", "latest"]
            .iter()
            .map(|t| t.to_string())
            .collect();
        let builds = [
            build("bind", "local", "9.18.24", "Succeeded"),
            build("bind", "local", "9.11.1", "Running"),
            build("bind", "local", "9.10.5", "Failed"),
            build("bind", "mirror", "9.9.1", "Succeeded"),
            build("nginx", "local", "latest", "Succeeded"),
        ];
        assert_eq!(
            unbuilt_tags(&tags, &builds, "bind", "local"),
            ["9.9.1", "9.10.5", "latest"],
            "built and building versions are left out, a failed one is offered again"
        );
        assert_eq!(unbuilt_tags(&tags, &builds, "bind", "mirror").len(), 4);
        assert!(unbuilt_tags(&[], &builds, "bind", "local").is_empty());
    }

    #[test]
    fn tags_order_as_versions() {
        let mut tags = vec!["9.18.10", "latest", "9.18.9", "9.2"];
        tags.sort_by(|a, b| version_cmp(a, b));
        assert_eq!(tags, ["9.2", "9.18.9", "9.18.10", "latest"]);
    }
}
