//! What each user may list, as the API server answers for them (a self access review
//! made through the session's impersonating connection), kept for a few seconds and
//! forgotten at once when roles, bindings or users change.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use tokio::sync::watch;
use tokio::time::Instant;

use crate::kube::Connection;
use crate::kube::access::allowed;
use crate::model::access::Check;
use crate::model::resource::ResourceKind;

/// How long an answer is trusted when no change of roles was seen.
pub const TRUSTED: Duration = Duration::from_secs(5);

/// Which rows of a shared table a session gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserScope {
    /// The user may list the whole table.
    Everything,
    /// Only the rows of the projects the user may list there.
    PerProject,
}

/// One question: may `identity` list `resource` of `group` in `namespace` (`None`: all).
type Question = (String, String, String, Option<String>);

/// The answers, for every session of the server.
pub struct Access {
    server: Connection,
    answers: Mutex<HashMap<Question, (bool, Instant)>>,
    generation: watch::Sender<u64>,
}

impl Access {
    pub fn new(server: Connection) -> Access {
        Access {
            server,
            answers: Mutex::new(HashMap::new()),
            generation: watch::channel(0).0,
        }
    }

    /// Whether the server itself may list and watch `kind` there (else nothing is shared).
    pub async fn server_may_watch(&self, kind: &ResourceKind, namespace: Option<&str>) -> bool {
        let server = self.server.clone();
        let list = self.may(&server, "list", kind, namespace).await;
        list && self.may(&server, "watch", kind, namespace).await
    }

    /// What of `kind` in `namespace` (`None`: all projects) `user` gets from a shared
    /// watch; `None` when they may not list it there at all, so their own watch should
    /// say why.
    pub async fn scope_of(&self, user: &Connection, kind: &ResourceKind, namespace: Option<&str>) -> Option<UserScope> {
        let namespace = namespace.filter(|_| kind.namespaced);
        if self.may_list(user, kind, namespace).await {
            return Some(UserScope::Everything);
        }
        (kind.namespaced && namespace.is_none()).then_some(UserScope::PerProject)
    }

    /// Whether `user` may list `kind` in `namespace`.
    pub async fn may_list(&self, user: &Connection, kind: &ResourceKind, namespace: Option<&str>) -> bool {
        self.may(user, "list", kind, namespace).await
    }

    async fn may(&self, user: &Connection, verb: &str, kind: &ResourceKind, namespace: Option<&str>) -> bool {
        self.may_on(user, &Check::new(verb, &kind.group, &kind.plural), namespace)
            .await
    }

    /// Whether `user` may do `check` in `namespace` (`None`: in every project).
    pub async fn may_on(&self, user: &Connection, check: &Check, namespace: Option<&str>) -> bool {
        let question = (
            format!("{} {}", check.verb, user.identity),
            check.group.clone(),
            check.resource.clone(),
            namespace.map(str::to_string),
        );
        if let Some(answer) = self.remembered(&question) {
            return answer;
        }
        let answer = match allowed(user, namespace, check).await {
            Ok(answer) => answer,
            Err(error) => {
                tracing::warn!("access review for {} failed: {error}", user.identity);
                false
            }
        };
        let mut answers = self.answers.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        answers.insert(question, (answer, Instant::now()));
        answer
    }

    fn remembered(&self, question: &Question) -> Option<bool> {
        let answers = self.answers.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let (answer, when) = answers.get(question)?;
        (when.elapsed() < TRUSTED).then_some(*answer)
    }

    /// Roles, bindings or users changed: every answer is asked again.
    pub fn forget(&self) {
        self.answers
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clear();
        self.generation.send_modify(|generation| *generation += 1);
    }

    /// Changes each time the answers are forgotten.
    pub fn generation(&self) -> watch::Receiver<u64> {
        self.generation.subscribe()
    }
}
