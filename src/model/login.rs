//! Who is logged in to a session served over SSH (none in a local session, which acts
//! with the kubeconfig's identity).

/// The logged-in user of a served session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Login {
    pub user: String,
    /// An admin (group `kubic:admins`), else a user of their projects.
    pub admin: bool,
    /// The user's projects, the first of which the session starts in.
    pub projects: Vec<String>,
}

impl Login {
    /// The project a session starts in and a forward without a namespace goes to.
    pub fn home_project(&self) -> &str {
        self.projects.first().map_or("default", String::as_str)
    }

    /// `alice (admin)` or `bob`, for the top bar.
    pub fn label(&self) -> String {
        if self.admin {
            format!("{} (admin)", self.user)
        } else {
            self.user.clone()
        }
    }
}
