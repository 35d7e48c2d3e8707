//! Turns kubectl-style flags (`--kubeconfig`, `--context`, `--namespace`, `--as`,
//! `--as-group`) into a live client.

use std::path::PathBuf;
use std::time::Duration;

use ::kube::config::{KubeConfigOptions, Kubeconfig, KubeconfigError};
use ::kube::{Client, Config};

use super::errors::KubeError;

/// What the operator asked for on the command line or in the environment.
#[derive(Debug, Clone, Default)]
pub struct ConnectOptions {
    /// An explicit kubeconfig file; otherwise `$KUBECONFIG` (merged) or `~/.kube/config`.
    pub kubeconfig: Option<PathBuf>,
    /// The context to use instead of the kubeconfig's current context.
    pub context: Option<String>,
    /// The namespace (KUBIC project) to start in instead of the context's.
    pub namespace: Option<String>,
    /// The user to impersonate (kubectl's `--as`): every request is sent as this user.
    pub as_user: Option<String>,
    /// The groups to impersonate (kubectl's `--as-group`), together with `as_user`.
    pub as_groups: Vec<String>,
}

/// A client together with the facts the top bar shows about it.
#[derive(Clone)]
pub struct Connection {
    pub client: Client,
    /// The same cluster without kube's automatic retries of 429/503 answers, for requests
    /// whose refusal is the answer (an eviction a disruption budget forbids).
    pub client_once: Client,
    pub context: String,
    pub cluster: String,
    pub server_url: String,
    pub namespace: String,
    /// Whom refusals name: the impersonated user (`--as`), else the kubeconfig user entry
    /// of the context (a local name; the API server's own message says whom it saw).
    pub identity: String,
    /// The settings the clients were built from, for connections derived from this one.
    config: Config,
}

impl std::fmt::Debug for Connection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connection")
            .field("context", &self.context)
            .field("cluster", &self.cluster)
            .field("server_url", &self.server_url)
            .field("namespace", &self.namespace)
            .field("identity", &self.identity)
            .finish()
    }
}

/// How long kubic waits for a TCP/TLS connection before saying the cluster is unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Reads the kubeconfig and builds a client; no request is sent yet.
pub async fn connect(options: &ConnectOptions) -> Result<Connection, KubeError> {
    let kubeconfig = read_kubeconfig(options)?;
    let context = options
        .context
        .clone()
        .or_else(|| kubeconfig.current_context.clone())
        .ok_or_else(|| KubeError::Config("the kubeconfig has no current context: pass --context".into()))?;
    let cluster = cluster_of(&kubeconfig, &context)?;
    let identity = options
        .as_user
        .clone()
        .unwrap_or_else(|| user_of(&kubeconfig, &context));
    let kube_options = KubeConfigOptions {
        context: Some(context.clone()),
        ..KubeConfigOptions::default()
    };
    let mut config = Config::from_custom_kubeconfig(kubeconfig, &kube_options)
        .await
        .map_err(|e| KubeError::Config(format!("context {context:?}: {}", explain_kubeconfig(&e))))?;
    if let Some(namespace) = &options.namespace {
        config.default_namespace = namespace.clone();
    }
    impersonate(&mut config, options)?;
    connection_from(config, context, cluster, identity)
}

/// kubic inside the cluster: the pod's service account (`kubic serve` in a Deployment).
pub fn connect_in_cluster() -> Result<Connection, KubeError> {
    let config = Config::incluster().map_err(|e| KubeError::Config(format!("in-cluster configuration: {e}")))?;
    let identity = "the service account".to_string();
    connection_from(config, "in-cluster".into(), "in-cluster".into(), identity)
}

/// The kubeconfig when one is given or found, else the in-cluster service account.
pub async fn connect_server(options: &ConnectOptions) -> Result<Connection, KubeError> {
    let in_cluster = options.kubeconfig.is_none()
        && std::env::var_os("KUBECONFIG").is_none()
        && std::env::var_os("KUBERNETES_SERVICE_HOST").is_some()
        && !home_kubeconfig_exists();
    if in_cluster {
        connect_in_cluster()
    } else {
        connect(options).await
    }
}

fn home_kubeconfig_exists() -> bool {
    std::env::var_os("HOME").is_some_and(|home| PathBuf::from(home).join(".kube/config").exists())
}

impl Connection {
    /// The same cluster, every request sent as `user` in `groups` (a served session's
    /// user): the API server decides what it may do.
    pub fn impersonating(&self, user: &str, groups: &[String], namespace: &str) -> Result<Connection, KubeError> {
        let mut config = self.config.clone();
        config.auth_info.impersonate = Some(user.to_string());
        config.auth_info.impersonate_groups = (!groups.is_empty()).then(|| groups.to_vec());
        config.default_namespace = namespace.to_string();
        connection_from(config, self.context.clone(), self.cluster.clone(), user.to_string())
    }
}

/// The clients (with and without automatic retries) over `config`; a request that
/// should answer at once ends after [`super::deadline::ANSWER_TIMEOUT`] of silence.
fn connection_from(
    mut config: Config,
    context: String,
    cluster: String,
    identity: String,
) -> Result<Connection, KubeError> {
    config.connect_timeout = Some(CONNECT_TIMEOUT);
    let server_url = config.cluster_url.to_string().trim_end_matches('/').to_string();
    let namespace = config.default_namespace.clone();
    let mut once = config.clone();
    once.default_retry = false;
    let build = |config: Config| {
        super::deadline::client(config, super::deadline::ANSWER_TIMEOUT)
            .map_err(|e| KubeError::Config(format!("context {context:?}: {e}")))
    };
    let client = build(config.clone())?;
    let client_once = build(once)?;
    Ok(Connection {
        client,
        client_once,
        context,
        cluster,
        server_url,
        namespace,
        identity,
        config,
    })
}

/// Sends every request as `--as` (and `--as-group`) when the operator asked for it.
fn impersonate(config: &mut Config, options: &ConnectOptions) -> Result<(), KubeError> {
    match &options.as_user {
        Some(user) if user.is_empty() => Err(KubeError::Config("--as needs a user name".into())),
        Some(user) => {
            config.auth_info.impersonate = Some(user.clone());
            config.auth_info.impersonate_groups = (!options.as_groups.is_empty()).then(|| options.as_groups.clone());
            Ok(())
        }
        None if options.as_groups.is_empty() => Ok(()),
        None => Err(KubeError::Config(
            "--as-group needs --as: a group is impersonated for a user".into(),
        )),
    }
}

/// The user a context names (kubectl's `--user`), or a plain word when it names none.
fn user_of(kubeconfig: &Kubeconfig, context: &str) -> String {
    kubeconfig
        .contexts
        .iter()
        .find(|c| c.name == context)
        .and_then(|c| c.context.as_ref())
        .and_then(|c| c.user.clone())
        .filter(|user| !user.is_empty())
        .unwrap_or_else(|| "the current user".to_string())
}

fn read_kubeconfig(options: &ConnectOptions) -> Result<Kubeconfig, KubeError> {
    let result = match &options.kubeconfig {
        Some(path) => Kubeconfig::read_from(path),
        None => Kubeconfig::read().map_err(|e| match e {
            KubeconfigError::ReadConfig(io, _)
                if io.kind() == std::io::ErrorKind::NotFound && std::env::var_os("KUBECONFIG").is_none() =>
            {
                KubeconfigError::FindPath
            }
            other => other,
        }),
    };
    result.map_err(|e| KubeError::Config(explain_kubeconfig(&e)))
}

fn cluster_of(kubeconfig: &Kubeconfig, context: &str) -> Result<String, KubeError> {
    let named = kubeconfig.contexts.iter().find(|c| c.name == context).ok_or_else(|| {
        let known: Vec<&str> = kubeconfig.contexts.iter().map(|c| c.name.as_str()).collect();
        KubeError::Config(format!(
            "no context {context:?} in the kubeconfig (known: {})",
            if known.is_empty() {
                "none".to_string()
            } else {
                known.join(", ")
            }
        ))
    })?;
    Ok(named.context.as_ref().map(|c| c.cluster.clone()).unwrap_or_default())
}

fn explain_kubeconfig(error: &KubeconfigError) -> String {
    match error {
        KubeconfigError::FindPath => {
            "no kubeconfig found: pass --kubeconfig, set $KUBECONFIG, or create ~/.kube/config".into()
        }
        KubeconfigError::ReadConfig(io, path) => {
            format!("cannot read the kubeconfig {}: {io}", path.display())
        }
        KubeconfigError::Parse(e) => format!("the kubeconfig is not valid YAML: {}", first_line(&e.to_string())),
        other => format!("bad kubeconfig: {other}"),
    }
}

/// The first line of a multi-line parser message, without its `error: ` prefix.
fn first_line(message: &str) -> &str {
    let line = message.lines().next().unwrap_or_default();
    line.strip_prefix("error: ").unwrap_or(line)
}

/// The list of contexts in the kubeconfig the options point at, for `:ctx`.
pub fn context_names(options: &ConnectOptions) -> Result<Vec<String>, KubeError> {
    let kubeconfig = read_kubeconfig(options)?;
    Ok(kubeconfig.contexts.into_iter().map(|c| c.name).collect())
}

/// Turns a kube-rs error into kubic's one-line explanation, naming the API server.
pub fn explain(connection: &Connection) -> impl Fn(::kube::Error) -> KubeError + Copy + '_ {
    move |error| KubeError::from_kube(error, &connection.server_url, &connection.identity)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config::new("https://192.0.2.1:6443".parse().unwrap())
    }

    #[test]
    fn impersonation_reaches_the_clients_config() {
        let mut config = config();
        let options = ConnectOptions {
            as_user: Some("alice".into()),
            as_groups: vec!["ops".into(), "dev".into()],
            ..ConnectOptions::default()
        };
        impersonate(&mut config, &options).unwrap();
        assert_eq!(config.auth_info.impersonate.as_deref(), Some("alice"));
        assert_eq!(
            config.auth_info.impersonate_groups,
            Some(vec!["ops".into(), "dev".into()])
        );
    }

    #[test]
    fn no_impersonation_unless_asked_and_no_group_without_a_user() {
        let mut config = config();
        impersonate(&mut config, &ConnectOptions::default()).unwrap();
        assert_eq!(config.auth_info.impersonate, None);
        let groups_only = ConnectOptions {
            as_groups: vec!["ops".into()],
            ..ConnectOptions::default()
        };
        assert!(impersonate(&mut config, &groups_only).is_err());
    }
}
