//! Paging of long cached lists (assignments, attendance history): by offset and limit.

/// Which slice of a list to read: `offset` items skipped, at most `limit` returned (0 means
/// [`PageRequest::DEFAULT_LIMIT`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PageRequest {
    /// Items to skip.
    pub offset: usize,
    /// Most items to return (0: the default).
    pub limit: usize,
}

impl PageRequest {
    /// The limit used when none is given.
    pub const DEFAULT_LIMIT: usize = 50;

    /// The first page of `limit` items.
    pub fn first(limit: usize) -> Self {
        PageRequest { offset: 0, limit }
    }
}

/// One page of a list, with where the next one starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    /// The items of this page.
    pub items: Vec<T>,
    /// Items in the whole list.
    pub total: usize,
    /// The offset of the next page (none: this is the last).
    pub next_offset: Option<usize>,
}

impl<T> Page<T> {
    /// Cuts the page `request` asks for out of `items`.
    pub fn cut(items: Vec<T>, request: PageRequest) -> Self {
        let limit = if request.limit == 0 {
            PageRequest::DEFAULT_LIMIT
        } else {
            request.limit
        };
        let total = items.len();
        let start = request.offset.min(total);
        let end = start.saturating_add(limit).min(total);
        let items = items.into_iter().skip(start).take(end - start).collect();
        Page {
            items,
            total,
            next_offset: (end < total).then_some(end),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_walk_the_whole_list_once() {
        let all: Vec<u32> = (0..7).collect();
        let mut seen = Vec::new();
        let mut request = PageRequest::first(3);
        loop {
            let page = Page::cut(all.clone(), request);
            assert_eq!(page.total, 7);
            assert!(page.items.len() <= 3);
            seen.extend(page.items);
            match page.next_offset {
                Some(next) => request.offset = next,
                None => break,
            }
        }
        assert_eq!(seen, all);
        assert!(
            Page::cut(
                all.clone(),
                PageRequest {
                    offset: 9,
                    limit: 0
                }
            )
            .items
            .is_empty()
        );
        assert_eq!(Page::cut(all, PageRequest::default()).items.len(), 7);
    }
}
