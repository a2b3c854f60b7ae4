//! What the print view holds: every page in reading order on one page, or, for a handbook too
//! long for a browser to open as one page (a 4,600-page handbook's view is about 100 MB), parts
//! along the navigation, each a run of whole chapters. A chapter too long alone is split among
//! its own chapters the same way, its first page leading the first of them. `print/index.html`
//! then lists the parts, and each page's "Print view" link opens the part that holds it.

use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::site::{PageId, Site, NOT_IN_ORDER};

/// The print view's parts: [`PrintPlan::plan`].
#[derive(Debug, Clone, Default)]
pub struct PrintPlan {
    /// In reading order; one (`index.html`) unless the view is split.
    pub parts: Vec<PrintPart>,
    /// For each page, its part's index in `parts` ([`NOT_IN_ORDER`] for a page in none).
    part_of: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct PrintPart {
    /// Its file in `print/`: `index.html` for the whole view, else named after its first
    /// page's address (`skills-empathy.html`; its last parts, for a long one).
    pub file: String,
    /// Its chapters' titles: the first (and last) chapter it holds, after the chapter they
    /// belong to when that is not the home page (`Skills: Empathy – Writing`).
    pub title: String,
    pub pages: Vec<PageId>,
}

impl PrintPlan {
    /// Plans the view of the pages in reading order but redirects (which show nothing of
    /// their own), each weighing its size (its source's bytes): split when they weigh more
    /// than `limit`, unless `limit` is 0.
    pub fn plan(site: &Site, sizes: &[usize], limit: usize) -> PrintPlan {
        let pages: Vec<PageId> = site
            .nav_order
            .iter()
            .copied()
            .filter(|id| !site.redirects.contains_key(id))
            .collect();
        let weights: Vec<usize> = pages
            .iter()
            .map(|&id| sizes.get(id).copied().unwrap_or_default())
            .collect();
        let total: usize = weights.iter().sum();
        let depths: Vec<usize> = pages.iter().map(|&id| site.ancestors(id).len()).collect();
        let runs: Vec<Range<usize>> = if limit == 0 || total <= limit {
            std::iter::once(0..pages.len()).collect()
        } else {
            split(&depths, &weights, limit)
        };
        let whole = runs.len() <= 1;
        let mut part_of = vec![NOT_IN_ORDER; site.pages.len()];
        // File names given, `index` (the list of parts) first.
        let mut names: HashSet<String> = HashSet::from(["index".to_string()]);
        let parts = runs
            .into_iter()
            .enumerate()
            .map(|(n, run)| {
                let ids = pages[run.clone()].to_vec();
                for &id in &ids {
                    part_of[id] = n;
                }
                let (file, title) = match ids.first() {
                    Some(&first) if !whole => (
                        format!("{}.html", file_name(&site.pages[first].url, &mut names)),
                        title(site, &pages, &depths, run),
                    ),
                    _ => ("index.html".to_string(), String::new()),
                };
                PrintPart {
                    file,
                    title,
                    pages: ids,
                }
            })
            .collect();
        PrintPlan { parts, part_of }
    }

    /// Whether the view is in parts.
    pub fn split(&self) -> bool {
        self.parts.len() > 1
    }

    /// The index in [`PrintPlan::parts`] of the part that holds the page, if any does.
    pub fn part_of(&self, id: PageId) -> Option<usize> {
        self.part_of.get(id).copied().filter(|&n| n != NOT_IN_ORDER)
    }

    /// The file of `print/` that holds a page in a view in parts, if it is in one.
    pub fn file_of(&self, id: PageId) -> Option<&str> {
        let n = self.part_of(id).filter(|_| self.split())?;
        Some(&self.parts[n].file)
    }

    /// What a link from page `from` to page `to` starts with in the print view: the file of
    /// `to`'s part when that is another part's, else nothing (the link is to an id here).
    pub fn file_from(&self, from: PageId, to: PageId) -> &str {
        match self.file_of(to) {
            Some(file) if self.part_of(from) != self.part_of(to) => file,
            _ => "",
        }
    }

    /// Plans the view as [`PrintPlan::plan`] does, for a handbook whose `print.html` may not
    /// list parts (`template_without_parts`, the file): it then keeps one page, with a warning.
    pub fn plan_for_template(
        site: &Site,
        sizes: &[usize],
        kb: u64,
        template_without_parts: Option<&Path>,
    ) -> (PrintPlan, Option<Diagnostic>) {
        let limit = usize::try_from(kb.saturating_mul(1000)).unwrap_or(usize::MAX);
        let plan = PrintPlan::plan(site, sizes, limit);
        let Some(template) = template_without_parts.filter(|_| plan.split()) else {
            return (plan, None);
        };
        let total = sizes.iter().sum::<usize>() / 1000;
        let warning = Diagnostic::warning(
            "print-parts",
            template,
            format!(
                "the print view ({total} kB of Markdown) is longer than `[html] print_part_kb` \
                 ({kb} kB), but this print.html does not list parts (`parts`), so the print \
                 view stays one page, which a browser may be slow to open"
            ),
        )
        .hint(
            "add the list of parts of the default theme's print.html (`{% if parts %}` ... \
             `{% endif %}`), or set `[html] print_part_kb = 0` to keep one page",
        );
        (PrintPlan::plan(site, sizes, 0), Some(warning))
    }
}

/// Splits the pages `0..depths.len()` (in reading order: each page's chapter is the run of the
/// deeper pages after it) into runs of whole chapters weighing at most `limit` each. A chapter
/// heavier than that is split among its own chapters, its first page going with the first of
/// them (unless both together are too heavy, and the page is not light); a page heavier than
/// that alone is a run of its own.
fn split(depths: &[usize], weights: &[usize], limit: usize) -> Vec<Range<usize>> {
    let mut before = Vec::with_capacity(weights.len() + 1);
    before.push(0usize);
    for w in weights {
        before.push(
            before
                .last()
                .copied()
                .unwrap_or_default()
                .saturating_add(*w),
        );
    }
    let mut runs = Vec::new();
    split_into(0..depths.len(), None, depths, &before, limit, &mut runs);
    // The ends of chapters split apart can be short: a run goes on into the next while both
    // together are light enough.
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(runs.len());
    for run in runs {
        match merged.last_mut() {
            Some(last) if before[run.end] - before[last.start] <= limit => last.end = run.end,
            _ => merged.push(run),
        }
    }
    merged
}

/// Splits `pages`, the chapters of the pages `lead` (those of the chapters being split that
/// have no run yet), which go with the first run when that is light enough, or they are
/// (a quarter of the limit at most).
fn split_into(
    pages: Range<usize>,
    lead: Option<Range<usize>>,
    depths: &[usize],
    before: &[usize],
    limit: usize,
    runs: &mut Vec<Range<usize>>,
) {
    let weight = |run: &Range<usize>| before[run.end] - before[run.start];
    // The run being gathered, and whether it is only the lead so far (which no chapter may
    // leave alone).
    let mut gathering = lead;
    let mut lead_only = gathering.is_some();
    let mut i = pages.start;
    while i < pages.end {
        let mut end = i + 1;
        while end < pages.end && depths[end] > depths[i] {
            end += 1;
        }
        let chapter = i..end;
        if weight(&chapter) > limit && end > i + 1 {
            let lead = match gathering.take() {
                Some(run) if lead_only && weight(&(run.start..i + 1)) <= limit => run.start..i + 1,
                done => {
                    runs.extend(done);
                    i..i + 1
                }
            };
            split_into(i + 1..end, Some(lead), depths, before, limit, runs);
        } else {
            match &mut gathering {
                // A light lead goes with its first chapter even past the limit (a part of
                // a chapter's page alone, or of the home page, would say little).
                Some(run)
                    if weight(&(run.start..end)) <= limit
                        || lead_only && weight(run) <= limit / 4 =>
                {
                    run.end = end
                }
                _ => runs.extend(gathering.replace(chapter)),
            }
        }
        lead_only = false;
        i = end;
    }
    runs.extend(gathering);
}

/// A part's title: its first page's (the home page aside), and, when the part goes on to
/// others at that depth or above, the last of those; after the chapter the first is in, when
/// all are in it and it is not the home page (`Skills: Empathy – Writing`).
fn title(site: &Site, pages: &[PageId], depths: &[usize], run: Range<usize>) -> String {
    let home = site.home();
    let own: Vec<usize> = run.filter(|&i| pages[i] != home).collect();
    let Some(&first) = own.first() else {
        return site.pages[home].title().to_string();
    };
    let least = own.iter().map(|&i| depths[i]).min().unwrap_or_default();
    let last = own
        .iter()
        .rev()
        .find(|&&i| depths[i] == least)
        .copied()
        .unwrap_or(first);
    let mut title = String::new();
    if depths[first] == least && least >= 2 {
        if let Some(&parent) = site.ancestors(pages[first]).last() {
            title.push_str(site.pages[parent].title());
            title.push_str(": ");
        }
    }
    title.push_str(site.pages[pages[first]].title());
    if last != first {
        title.push_str(" – ");
        title.push_str(site.pages[pages[last]].title());
    }
    title
}

/// A part's file name (without `.html`): the page's address, its folders joined by `-`, or as
/// many of its last parts as make at most 80 bytes (a file name may have no more than 255);
/// `-2`, `-3`... after a name already given.
fn file_name(url: &str, given: &mut HashSet<String>) -> String {
    const MOST: usize = 80;
    let mut name = String::new();
    for part in url.trim_matches('/').rsplit('/') {
        let part: String = part
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        if name.is_empty() {
            let mut end = part.len().min(MOST);
            while !part.is_char_boundary(end) {
                end -= 1;
            }
            name = part[..end].to_string();
        } else if part.len() + 1 + name.len() <= MOST {
            name = format!("{part}-{name}");
        } else {
            break;
        }
    }
    if name.trim_matches('.').is_empty() {
        name = "home".into();
    }
    let mut unique = name.clone();
    let mut n = 2;
    while !given.insert(unique.clone()) {
        unique = format!("{name}-{n}");
        n += 1;
    }
    unique
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(depths: &[usize], weights: &[usize], limit: usize) -> Vec<Range<usize>> {
        let runs = split(depths, weights, limit);
        // Every page once, in order.
        let pages: Vec<usize> = runs.iter().flat_map(|r| r.clone()).collect();
        assert_eq!(pages, (0..depths.len()).collect::<Vec<_>>());
        runs
    }

    #[test]
    fn chapters_are_gathered_while_they_fit() {
        // Home, then three chapters of two pages each.
        let depths = [0, 1, 2, 1, 2, 1, 2];
        let weights = [1; 7];
        // The whole is one chapter (the home page's) too heavy: its chapters are gathered, the
        // home page with the first.
        assert_eq!(runs(&depths, &weights, 5), [0..5, 5..7]);
        assert_eq!(runs(&depths, &weights, 4), [0..3, 3..7]);
        assert_eq!(runs(&depths, &weights, 3), [0..3, 3..5, 5..7]);
        assert_eq!(runs(&depths, &weights, 7), vec![0..7; 1]);
    }

    #[test]
    fn a_chapter_too_heavy_is_split_among_its_own() {
        // Home, a chapter of five sub-chapters, then a small chapter.
        let depths = [0, 1, 2, 2, 3, 2, 2, 1];
        let weights = [1, 1, 1, 1, 1, 1, 1, 1];
        // Chapter 1..7 weighs 6: split, its page and the home page with its first chapter. The
        // sub-chapter 3..5 stays whole; the end of chapter 1..7 and the next chapter are
        // light enough together.
        assert_eq!(runs(&depths, &weights, 3), [0..3, 3..6, 6..8]);
        assert_eq!(runs(&depths, &weights, 2), [0..2, 2..3, 3..5, 5..7, 7..8]);
    }

    #[test]
    fn a_light_lead_page_goes_with_its_first_chapter_a_heavy_one_alone() {
        let depths = [0, 1, 1];
        assert_eq!(runs(&depths, &[2, 10, 5], 10), [0..2, 2..3]);
        assert_eq!(runs(&depths, &[5, 10, 5], 10), [0..1, 1..2, 2..3]);
        // Nor do heavy leads gather: each chapter's page on its own.
        let depths = [0, 1, 2, 3, 3];
        assert_eq!(
            runs(&depths, &[90, 90, 90, 90, 90], 100),
            [0..1, 1..2, 2..3, 3..4, 4..5]
        );
    }

    #[test]
    fn a_page_heavier_than_the_limit_is_a_part_of_its_own() {
        let depths = [0, 1, 1, 1];
        let weights = [1, 1, 50, 1];
        assert_eq!(runs(&depths, &weights, 10), [0..2, 2..3, 3..4]);
        // Nothing to split: one run.
        assert_eq!(runs(&[0], &[50], 10), vec![0..1; 1]);
        assert_eq!(runs(&[], &[], 10), Vec::<Range<usize>>::new());
    }

    #[test]
    fn file_names_are_the_address_short_and_unique() {
        let mut given = HashSet::from(["index".to_string()]);
        assert_eq!(file_name("", &mut given), "home");
        assert_eq!(file_name("skills/empathy/", &mut given), "skills-empathy");
        assert_eq!(file_name("skills/empathy/", &mut given), "skills-empathy-2");
        assert_eq!(file_name("index/", &mut given), "index-2");
        let long = format!("{}/{}/end/", "a".repeat(70), "b".repeat(70));
        assert_eq!(
            file_name(&long, &mut given),
            format!("{}-end", "b".repeat(70))
        );
        let japanese = "設計".repeat(40);
        let name = file_name(&format!("{japanese}/"), &mut given);
        assert!(name.len() <= 80 && japanese.starts_with(&name), "{name}");
        assert_eq!(file_name("a b?/", &mut given), "a-b-");
    }

    #[test]
    fn an_order_that_is_not_a_tree_still_splits_into_runs() {
        // An outline may go deeper by more than one step, or come back up past where it began.
        let depths = [3, 1, 4, 0, 2, 2];
        let weights = [2, 2, 2, 2, 2, 2];
        let runs = runs(&depths, &weights, 4);
        assert!(runs.iter().all(|r| r.len() <= 2), "{runs:?}");
    }
}
