//! Browsing a registry without leaving the keyboard: its repositories, a repository's
//! tags, a tag's details; and the requests (and answers) the runner carries out for
//! registries and image builds.

use crate::oci::TagDetail;

/// What the runner is asked about registries and builds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegistryRequest {
    Repositories {
        registry: String,
    },
    Tags {
        registry: String,
        repository: String,
    },
    Detail {
        registry: String,
        repository: String,
        tag: String,
    },
    DeleteTag {
        registry: String,
        repository: String,
        tag: String,
    },
    /// The recipes and registries the image form picks from.
    BuildChoices,
    /// Build `name`'s log (its lines come back as answers to this request; the stream
    /// itself is declared by the viewer, see `Stream::BuildLog`).
    BuildLog {
        name: String,
    },
    /// The tags of a catalog's image, for the rolling update's suggestions.
    CatalogTags {
        catalog: String,
    },
}

/// What the runner answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegistryReply {
    Names(Vec<String>),
    Detail(Box<TagDetail>),
    Deleted(String),
    Choices {
        recipes: Vec<String>,
        registries: Vec<String>,
    },
    /// One more line of a build log; `done` when the build has ended.
    LogLine {
        line: crate::model::build_line::BuildLine,
        done: bool,
    },
}

/// Where in a registry the browser is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Level {
    Repositories,
    Tags { repository: String },
    Detail { repository: String, tag: String },
}

/// One screen of the browser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub level: Level,
    /// Names (repositories, tags) or the detail's lines.
    pub items: Vec<String>,
    pub cursor: usize,
    pub loading: bool,
    pub error: Option<String>,
}

impl Page {
    fn new(level: Level) -> Page {
        Page {
            level,
            items: Vec::new(),
            cursor: 0,
            loading: true,
            error: None,
        }
    }

    pub fn selected(&self) -> Option<&String> {
        self.items.get(self.cursor)
    }

    pub fn move_cursor(&mut self, delta: isize) {
        let last = self.items.len().saturating_sub(1) as isize;
        self.cursor = (self.cursor as isize).saturating_add(delta).clamp(0, last.max(0)) as usize;
    }
}

/// The registry browser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Browser {
    pub registry: String,
    pub pages: Vec<Page>,
    /// A tag waiting for `y` to be deleted.
    pub pending_delete: Option<String>,
}

impl Browser {
    /// A browser on `registry`'s repositories, and the request that fills it.
    pub fn open(registry: &str) -> (Browser, RegistryRequest) {
        let browser = Browser {
            registry: registry.to_string(),
            pages: vec![Page::new(Level::Repositories)],
            pending_delete: None,
        };
        let request = RegistryRequest::Repositories {
            registry: registry.to_string(),
        };
        (browser, request)
    }

    pub fn page(&self) -> Option<&Page> {
        self.pages.last()
    }

    pub fn page_mut(&mut self) -> Option<&mut Page> {
        self.pages.last_mut()
    }

    /// `registry › repository › tag`, for the title.
    pub fn path(&self) -> String {
        let mut parts = vec![format!("registry {}", self.registry)];
        match self.page().map(|p| &p.level) {
            Some(Level::Tags { repository }) => parts.push(format!("{repository} tags")),
            Some(Level::Detail { repository, tag }) => parts.push(format!("{repository}:{tag}")),
            _ => parts.push("repositories".into()),
        }
        parts.join(" › ")
    }

    /// `enter`: the selected repository's tags, or the selected tag's details.
    pub fn enter(&mut self) -> Option<RegistryRequest> {
        let page = self.page()?;
        let selected = page.selected()?.clone();
        let registry = self.registry.clone();
        let (level, request) = match &page.level {
            Level::Repositories => (
                Level::Tags {
                    repository: selected.clone(),
                },
                RegistryRequest::Tags {
                    registry,
                    repository: selected,
                },
            ),
            Level::Tags { repository } => (
                Level::Detail {
                    repository: repository.clone(),
                    tag: selected.clone(),
                },
                RegistryRequest::Detail {
                    registry,
                    repository: repository.clone(),
                    tag: selected,
                },
            ),
            Level::Detail { .. } => return None,
        };
        self.pages.push(Page::new(level));
        Some(request)
    }

    /// The request that re-reads the current page (after a delete).
    pub fn reload(&mut self) -> Option<RegistryRequest> {
        let registry = self.registry.clone();
        let page = self.page_mut()?;
        page.loading = true;
        Some(match &page.level {
            Level::Repositories => RegistryRequest::Repositories { registry },
            Level::Tags { repository } => RegistryRequest::Tags {
                registry,
                repository: repository.clone(),
            },
            Level::Detail { repository, tag } => RegistryRequest::Detail {
                registry,
                repository: repository.clone(),
                tag: tag.clone(),
            },
        })
    }

    /// Whether `request` fills the current page.
    fn answers_current(&self, request: &RegistryRequest) -> bool {
        let Some(page) = self.page() else {
            return false;
        };
        match (request, &page.level) {
            (RegistryRequest::Repositories { registry }, Level::Repositories) => *registry == self.registry,
            (RegistryRequest::Tags { registry, repository }, Level::Tags { repository: r }) => {
                *registry == self.registry && repository == r
            }
            (
                RegistryRequest::Detail {
                    registry,
                    repository,
                    tag,
                },
                Level::Detail { repository: r, tag: t },
            ) => *registry == self.registry && repository == r && tag == t,
            _ => false,
        }
    }

    /// Fills the current page with an answer, if it is the one it waits for (a failure
    /// said in `lang`).
    pub fn fill(
        &mut self,
        request: &RegistryRequest,
        result: Result<RegistryReply, crate::model::failure::Failure>,
        lang: crate::config::i18n::Lang,
    ) -> bool {
        if !self.answers_current(request) {
            return false;
        }
        let Some(page) = self.page_mut() else {
            return false;
        };
        page.loading = false;
        match result {
            Ok(RegistryReply::Names(names)) => {
                page.error = None;
                page.items = names;
                page.cursor = page.cursor.min(page.items.len().saturating_sub(1));
            }
            Ok(RegistryReply::Detail(detail)) => {
                page.error = None;
                page.items = detail_lines(&detail, lang);
            }
            Ok(_) => {}
            Err(failure) => page.error = Some(lang.failure(&failure)),
        }
        true
    }
}

/// A tag's details as the browser lists them.
pub fn detail_lines(detail: &TagDetail, lang: crate::config::i18n::Lang) -> Vec<String> {
    use crate::config::i18n::t;
    use crate::model::wrap::pad;
    use unicode_width::UnicodeWidthStr as _;
    let lines = [
        (
            t!(lang, "browser.image"),
            format!("{}:{}", detail.repository, detail.tag),
        ),
        (t!(lang, "browser.digest"), detail.digest.clone()),
        (t!(lang, "browser.size"), human_size(detail.size)),
        (t!(lang, "browser.platforms"), detail.platforms.join(", ")),
        (
            t!(lang, "browser.created"),
            detail.created.clone().unwrap_or_else(|| "-".into()),
        ),
        (t!(lang, "browser.media_type"), detail.media_type.clone()),
    ];
    // The values line up after the widest label, in terminal cells.
    let width = lines.iter().map(|(label, _)| label.width()).max().unwrap_or(0);
    lines
        .into_iter()
        .map(|(label, value)| format!("{} {value}", pad(label, width)))
        .collect()
}

/// Bytes as operators read them: 512 B, 1.5 KiB, 20.0 MiB.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}
