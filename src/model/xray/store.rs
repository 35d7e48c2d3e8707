//! The objects a tree is built from, per kind, kept as their watches report them; and
//! whether each watch has listed yet or why it cannot.

use std::collections::{BTreeMap, HashMap};

use super::{TreeItem, TreeKind};
use crate::model::cluster::RowEvent;
use crate::model::rows::RowKey;

/// How far one kind's watch has come.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum KindFeed {
    #[default]
    Loading,
    Live,
    /// The watch broke or was refused: why (it tries again by itself).
    Failed(String),
}

/// Every watched object of a tree, by kind and key.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TreeStore {
    items: BTreeMap<TreeKind, HashMap<RowKey, TreeItem>>,
    feeds: BTreeMap<TreeKind, KindFeed>,
}

impl TreeStore {
    /// A store waiting for the watches of `kinds`.
    pub fn new(kinds: &[TreeKind]) -> TreeStore {
        TreeStore {
            items: kinds.iter().map(|kind| (*kind, HashMap::new())).collect(),
            feeds: kinds.iter().map(|kind| (*kind, KindFeed::Loading)).collect(),
        }
    }

    /// Applies one event of `kind`'s watch; a kind the store does not wait for is ignored.
    pub fn apply(&mut self, kind: TreeKind, event: RowEvent<TreeItem>) {
        let (Some(items), Some(feed)) = (self.items.get_mut(&kind), self.feeds.get_mut(&kind)) else {
            return;
        };
        match event {
            RowEvent::Reset(all) => {
                *items = all.into_iter().map(|item| (item.key().clone(), item)).collect();
                *feed = KindFeed::Live;
            }
            RowEvent::Upsert(item) => {
                items.insert(item.key().clone(), item);
                *feed = KindFeed::Live;
            }
            RowEvent::Remove(key) => {
                items.remove(&key);
            }
            RowEvent::Failed { failure, .. } => *feed = KindFeed::Failed(failure.message),
        }
    }

    /// The objects of `kind`, in no particular order.
    pub fn of(&self, kind: TreeKind) -> impl Iterator<Item = &TreeItem> {
        self.items.get(&kind).into_iter().flat_map(HashMap::values)
    }

    /// Whether some watch has not listed yet.
    pub fn loading(&self) -> bool {
        self.feeds.values().any(|feed| *feed == KindFeed::Loading)
    }

    /// The kinds whose watch failed, with why.
    pub fn failures(&self) -> Vec<(TreeKind, &str)> {
        let failed = self.feeds.iter().filter_map(|(kind, feed)| match feed {
            KindFeed::Failed(why) => Some((*kind, why.as_str())),
            _ => None,
        });
        failed.collect()
    }
}
