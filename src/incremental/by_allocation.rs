//! Values remembered per shared allocation between `serve` rebuilds. An unchanged file's
//! incident is the same `Arc` from one rebuild to the next (the check cache shares it), so work
//! derived from it alone (its content hash, its Markdown HTML) can be kept beside it. The `Arc`
//! is kept too, so that its address cannot be reused by another value.

use std::sync::Arc;

#[derive(Debug)]
pub(crate) struct ByAllocation<K, V> {
    entries: foldhash::HashMap<usize, (Arc<K>, V)>,
}

impl<K, V> Default for ByAllocation<K, V> {
    fn default() -> Self {
        ByAllocation { entries: Default::default() }
    }
}

impl<K, V> ByAllocation<K, V> {
    /// What was remembered for this very allocation.
    /// Every remembered value, to change in place (tests).
    #[cfg(test)]
    pub(crate) fn values_mut(&mut self) -> impl Iterator<Item = &mut V> {
        self.entries.values_mut().map(|(_, value)| value)
    }

    /// How many values are remembered.
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    pub(crate) fn get(&self, key: &Arc<K>) -> Option<&V> {
        let (kept, value) = self.entries.get(&(Arc::as_ptr(key) as usize))?;
        Arc::ptr_eq(kept, key).then_some(value)
    }
}

impl<K, V> FromIterator<(Arc<K>, V)> for ByAllocation<K, V> {
    fn from_iter<I: IntoIterator<Item = (Arc<K>, V)>>(items: I) -> Self {
        let entries = items.into_iter().map(|(key, value)| (Arc::as_ptr(&key) as usize, (key, value))).collect();
        ByAllocation { entries }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_same_allocation_finds_its_value() {
        let kept = Arc::new(String::from("incident"));
        let remembered: ByAllocation<String, u32> = [(kept.clone(), 7)].into_iter().collect();
        assert_eq!(remembered.get(&kept), Some(&7));
        assert_eq!(remembered.get(&Arc::new(String::from("incident"))), None, "equal content, other allocation");
    }
}
