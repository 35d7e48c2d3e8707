//! What a pod's containers request and are limited to (CPU and memory), summed into the
//! pod's figures that its use is a percentage of.

/// What a pod's containers request and are limited to, summed over its containers.
/// A limit is known only when every container has one (one unlimited container leaves
/// the pod unlimited); a request is the sum of those set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PodResources {
    /// Millicores.
    pub cpu_request: Option<u64>,
    pub cpu_limit: Option<u64>,
    /// Bytes.
    pub memory_request: Option<u64>,
    pub memory_limit: Option<u64>,
}

/// One container's requests and limits, as read from its spec.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ContainerResources {
    pub cpu_request: Option<f64>,
    pub cpu_limit: Option<f64>,
    pub memory_request: Option<f64>,
    pub memory_limit: Option<f64>,
}

impl PodResources {
    /// The pod's sums; `None` when no container requests or limits anything (most pods
    /// of a big cluster: their rows then carry nothing more).
    pub fn of(containers: impl IntoIterator<Item = ContainerResources>) -> Option<PodResources> {
        let mut sums = PodResources::default();
        let mut all_limited = (true, true);
        let mut any = false;
        for container in containers {
            any = true;
            add(&mut sums.cpu_request, container.cpu_request);
            add(&mut sums.memory_request, container.memory_request);
            all_limited.0 &= container.cpu_limit.is_some();
            all_limited.1 &= container.memory_limit.is_some();
            add(&mut sums.cpu_limit, container.cpu_limit);
            add(&mut sums.memory_limit, container.memory_limit);
        }
        if !all_limited.0 {
            sums.cpu_limit = None;
        }
        if !all_limited.1 {
            sums.memory_limit = None;
        }
        (any && sums != PodResources::default()).then_some(sums)
    }
}

/// Adds a container's figure (read as a quantity, so possibly fractional) to the sum.
fn add(sum: &mut Option<u64>, value: Option<f64>) {
    if let Some(value) = value.filter(|v| v.is_finite() && *v >= 0.0) {
        *sum = Some(sum.unwrap_or(0).saturating_add(value.round() as u64));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MI: f64 = 1024.0 * 1024.0;
    const MIB: u64 = 1024 * 1024;

    fn container(cpu: (Option<f64>, Option<f64>), memory: (Option<f64>, Option<f64>)) -> ContainerResources {
        ContainerResources {
            cpu_request: cpu.0,
            cpu_limit: cpu.1,
            memory_request: memory.0,
            memory_limit: memory.1,
        }
    }

    #[test]
    fn requests_and_limits_add_up_over_the_containers() {
        let pod = PodResources::of([
            container((Some(100.0), Some(200.0)), (Some(64.0 * MI), Some(128.0 * MI))),
            container((Some(150.0), Some(300.0)), (Some(32.0 * MI), Some(32.0 * MI))),
        ]);
        assert_eq!(
            pod,
            Some(PodResources {
                cpu_request: Some(250),
                cpu_limit: Some(500),
                memory_request: Some(96 * MIB),
                memory_limit: Some(160 * MIB),
            })
        );
    }

    #[test]
    fn one_unlimited_container_leaves_the_pod_unlimited_and_nothing_set_is_none() {
        let pod = PodResources::of([
            container((Some(100.0), Some(200.0)), (None, Some(MI))),
            container((Some(50.0), None), (Some(MI), Some(MI))),
        ])
        .unwrap();
        assert_eq!((pod.cpu_request, pod.cpu_limit), (Some(150), None));
        assert_eq!((pod.memory_request, pod.memory_limit), (Some(MIB), Some(2 * MIB)));
        assert_eq!(PodResources::of([ContainerResources::default(); 3]), None);
        assert_eq!(PodResources::of([]), None);
    }
}
