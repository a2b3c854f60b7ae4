#!/usr/bin/env python3
"""Deterministic corpus generator for the `handbook` build-speed benchmark.

    python3 benches/gen_corpus.py --pages N --seed S --out DIR

writes a complete handbook into DIR: `book.toml` and `content/`, N Markdown files in all
(every `_index.md` included), in sections two to three folders deep. The pages read like an
engineering-management handbook: full YAML front matter, headings, paragraphs, lists, tables,
GitHub callouts, footnotes, code blocks, emphasis and 3-10 relative links per page to other
pages, some with an `#anchor` naming a heading that exists in the target.

Output depends only on the arguments (and this file): randomness comes from a splitmix64 PRNG
implemented here with integer arithmetic only, never from Python's `random` or from floats, so
the same arguments give a byte-identical tree with any Python 3 version. The tree builds with
`handbook build` without errors or warnings.

Standard library only (Python 3.11).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import sys

MASK64 = (1 << 64) - 1
STAMP = ".gen_corpus.json"


class Rng:
    """splitmix64: tiny, fast, good enough, and fully specified by integer arithmetic."""

    def __init__(self, seed: int) -> None:
        self.state = seed & MASK64

    def next(self) -> int:
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def below(self, n: int) -> int:
        """Uniform in [0, n) (the modulo bias is irrelevant here and fixed by the seed)."""
        return self.next() % n

    def between(self, lo: int, hi: int) -> int:
        """Uniform in [lo, hi], both included."""
        return lo + self.below(hi - lo + 1)

    def chance(self, percent: int) -> bool:
        return self.below(100) < percent

    def pick(self, items):
        return items[self.below(len(items))]

    def sample(self, items, k: int) -> list:
        """k distinct items, in a random order."""
        pool = list(items)
        k = min(k, len(pool))
        for i in range(k):
            j = i + self.below(len(pool) - i)
            pool[i], pool[j] = pool[j], pool[i]
        return pool[:k]

    def shuffled(self, items) -> list:
        return self.sample(items, len(items))


def derive(seed: int, *parts: int) -> Rng:
    """An independent stream for one part of the corpus (a page, the tree, ...)."""
    r = Rng(seed ^ 0x5DEECE66D)
    for p in parts:
        r = Rng(r.next() ^ ((p * 0x9E3779B97F4A7C15) & MASK64))
    return r


# --------------------------------------------------------------------------------------------
# Vocabulary

TOP_SECTIONS = [
    "hiring", "onboarding", "performance", "career-growth", "one-on-ones", "feedback",
    "team-health", "incident-management", "planning", "delivery", "architecture",
    "code-review", "on-call", "compensation", "promotions", "org-design", "communication",
    "meetings", "remote-work", "stakeholders", "budgeting", "vendor-management", "security",
    "quality", "metrics", "leadership", "coaching", "wellbeing", "offboarding", "culture",
]

SUB_SECTIONS = [
    "interviews", "job-descriptions", "sourcing", "scorecards", "first-week",
    "first-ninety-days", "buddies", "goals", "reviews", "calibration", "ladders", "templates",
    "checklists", "playbooks", "rituals", "retrospectives", "roadmaps", "estimation",
    "postmortems", "runbooks", "escalation", "rotations", "dashboards", "budgets", "policies",
    "examples", "case-studies", "faq", "tools", "training", "mentoring", "workshops",
    "surveys", "principles", "decisions", "standards", "guides", "reference", "handoffs",
    "headcount",
]

TAGS = [
    "hiring", "interviewing", "onboarding", "one-on-ones", "feedback", "performance",
    "promotion", "compensation", "career-ladder", "coaching", "mentoring", "delegation",
    "planning", "roadmap", "estimation", "okrs", "metrics", "dora", "incidents", "on-call",
    "postmortem", "architecture", "code-review", "technical-debt", "security", "quality",
    "testing", "release", "stakeholders", "communication", "meetings", "remote", "wellbeing",
    "burnout", "diversity", "inclusion", "budget", "headcount", "org-design", "culture",
]

AUDIENCES = [
    "engineering-manager", "tech-lead", "new-manager", "individual-contributor", "director",
]

TEAMS = [
    "eng-leadership", "people-ops", "platform", "developer-experience", "sre", "security",
    "product-eng", "data", "mobile", "infra", "talent", "finance-eng",
]

KEYWORDS = [
    "cadence", "growth", "trust", "clarity", "ownership", "alignment", "autonomy", "impact",
    "scope", "signal", "context", "focus", "velocity", "resilience", "fairness", "craft",
]

ROLES = [
    "the manager", "the tech lead", "a new manager", "the director", "each engineer",
    "the team", "the hiring manager", "the interviewer", "the on-call engineer",
    "the incident commander", "the product manager", "the staff engineer", "your skip level",
    "the mentor", "the buddy", "the reviewer", "every team lead", "the panel",
]

VERBS = [
    "reviews", "owns", "clarifies", "documents", "prioritises", "shares", "revisits",
    "challenges", "measures", "schedules", "delegates", "escalates", "tracks", "summarises",
    "calibrates", "plans", "explains", "protects", "adjusts", "drafts", "follows up on",
    "agrees on", "writes down", "checks", "celebrates", "questions",
]

OBJECTS = [
    "the roadmap", "the hiring plan", "the interview loop", "the career ladder",
    "the quarterly goals", "the incident timeline", "the on-call rotation",
    "the team charter", "the budget", "the architecture decision record", "the release plan",
    "the feedback", "the growth plan", "the promotion packet", "the postmortem",
    "the service level objectives", "the backlog", "the meeting notes", "the onboarding checklist",
    "the scorecard", "the retrospective actions", "the technical debt register",
    "the headcount request", "the design document", "the risk register", "the team survey",
    "the delivery metrics", "the compensation bands", "the escalation path", "the runbook",
]

ADVERBIALS = [
    "before the end of the quarter", "every other week", "in the next one-on-one",
    "with the whole team", "in writing", "as early as possible", "without waiting for approval",
    "together with the stakeholders", "during planning", "after every incident",
    "at the start of each cycle", "in a shared document", "before the calibration meeting",
    "within two working days", "as part of onboarding", "when priorities change",
    "in the team channel", "with clear owners", "before committing to a date",
    "once the data is in",
]

OPENERS = [
    "In practice,", "As a rule,", "Most of the time,", "When in doubt,", "Early on,",
    "Over time,", "For remote teams,", "In a growing organisation,", "On a small team,",
    "After a reorganisation,", "During a busy quarter,", "For new hires,", "Before a launch,",
]

CLAIMS = [
    "clear expectations reduce surprises at review time",
    "written decisions outlive the meeting they were made in",
    "small and frequent feedback beats a yearly surprise",
    "a predictable cadence builds trust across the team",
    "the best escalation is the one nobody needs to make",
    "context travels badly through long chains of managers",
    "a healthy on-call rotation needs at least six people",
    "promotions should recognise impact that already happened",
    "most delivery problems are planning problems in disguise",
    "people leave managers more often than they leave companies",
    "psychological safety makes incidents cheaper to learn from",
    "interview loops work best with a calibrated rubric",
    "technical debt is a product decision as much as an engineering one",
    "one-on-ones belong to the report, not to the manager",
    "onboarding is finished when the new hire ships something real",
    "metrics describe a system and should never rank individuals",
    "a blameless postmortem looks for causes, not for culprits",
    "roadmaps are a communication tool rather than a promise",
    "delegation grows people only when the outcome is delegated too",
    "budget conversations go better with a written trade-off",
]

CONNECTORS = [
    "This matters because", "The reason is simple:", "Experience shows that",
    "Teams that skip this find that", "It helps to remember that", "Put differently,",
    "The data from past cycles suggests that", "Remember that",
]

EMPHASIS = [
    "always", "never", "before", "in writing", "explicitly", "early", "together", "first",
    "every time", "on purpose",
]

HEADING_A = [
    "running", "preparing", "writing", "reviewing", "planning", "measuring", "scaling",
    "improving", "starting", "closing", "sharing", "calibrating", "delegating", "handling",
    "structuring", "tracking", "documenting", "facilitating", "escalating", "rebuilding",
    "auditing", "simplifying", "budgeting", "sequencing", "staffing",
]

HEADING_B = [
    "feedback", "goals", "interviews", "incidents", "roadmaps", "reviews", "rituals",
    "handoffs", "expectations", "priorities", "rotations", "budgets", "decisions", "risks",
    "dependencies", "estimates", "ladders", "promotions", "offers", "references", "metrics",
    "dashboards", "postmortems", "retrospectives", "agendas", "charters", "surveys", "signals",
    "workloads", "timelines", "commitments", "experiments", "standards", "checklists",
]

HEADING_C = [
    "in practice", "for new managers", "across teams", "at scale", "step by step",
    "with stakeholders", "for remote teams", "under pressure", "over time", "that work",
    "to avoid", "by default", "in the first month", "for tech leads", "with directors",
    "in writing", "without drama", "on a budget", "during reorganisations", "for on-call",
]

TITLE_NOUNS = [
    "one-on-ones", "feedback conversations", "interview loops", "promotion packets",
    "incident reviews", "quarterly planning", "team charters", "career conversations",
    "on-call rotations", "performance reviews", "hiring plans", "onboarding checklists",
    "architecture reviews", "delivery metrics", "skip-level meetings", "retrospectives",
    "headcount requests", "technical debt", "stakeholder updates", "offer negotiations",
    "team rituals", "goal setting", "escalations", "design reviews", "budget reviews",
]

TITLE_PREFIX = [
    "A guide to", "Running", "Preparing", "How we do", "Getting started with", "Improving",
    "Scaling", "Common mistakes in", "A checklist for", "Templates for", "Measuring",
    "Rethinking", "The basics of", "Advanced",
]

CODE_SAMPLES = [
    ("yaml", [
        "rotation:",
        "  name: platform-primary",
        "  handoff: monday 10:00",
        "  escalation_minutes: 15",
        "  members: 7",
    ]),
    ("text", [
        "Agenda",
        "  1. Wins since last time (5 min)",
        "  2. Blockers and asks (10 min)",
        "  3. Growth topic of the month (10 min)",
        "  4. Actions and owners (5 min)",
    ]),
    ("sh", [
        "git log --since=\"2 weeks ago\" --oneline | wc -l",
        "gh pr list --state merged --limit 50",
    ]),
    ("json", [
        "{",
        "  \"level\": \"senior\",",
        "  \"scope\": \"team\",",
        "  \"signals\": [\"impact\", \"influence\", \"craft\"]",
        "}",
    ]),
    ("markdown", [
        "## Decision",
        "We move the release train to a weekly cadence.",
        "## Consequences",
        "Each team owns its own release notes.",
    ]),
    ("toml", [
        "[review]",
        "cadence_days = 90",
        "owner = \"eng-leadership\"",
    ]),
]

TABLE_HEADERS = [
    ("Signal", "What good looks like", "Owner"),
    ("Meeting", "Cadence", "Length", "Who attends"),
    ("Level", "Scope", "Typical impact"),
    ("Metric", "Target", "Reviewed"),
    ("Stage", "Interviewer", "Focus", "Time"),
    ("Risk", "Likelihood", "Mitigation"),
]

CELL_WORDS = [
    "weekly", "monthly", "quarterly", "team", "org", "company", "high", "medium", "low",
    "the manager", "the tech lead", "the panel", "30 min", "45 min", "60 min", "on track",
    "written", "shared", "stable", "improving", "owner named", "documented", "calibrated",
]

CALLOUT_TEXT = [
    "Write the decision down before you leave the room, even if it is only two lines.",
    "If a conversation surprises the other person, it came too late.",
    "Ask your report what they want from the next six months before you suggest anything.",
    "Do not compare people in a review; compare their work with the expectations of the level.",
    "Share the agenda a day ahead so that quieter people can prepare.",
    "Protect the on-call engineer's next day after a night page.",
    "Keep the rubric visible during the debrief so that the discussion stays on evidence.",
    "A missed one-on-one costs more trust than a short one.",
]

FOOTNOTES = [
    "Based on the engineering survey of the previous year.",
    "See the people team's guidance on review cycles.",
    "This rule has exceptions for teams smaller than four people.",
    "Adapted from the incident review template used by the platform group.",
    "Numbers are medians over the last four quarters.",
    "Agreed in the leadership offsite and revisited every year.",
]

START_DATE = datetime.date(2026, 6, 1)
DATE_SPAN = (datetime.date(2026, 11, 20) - START_DATE).days  # inclusive upper bound


# --------------------------------------------------------------------------------------------
# Tree


class Folder:
    def __init__(self, path: str, name: str, depth: int) -> None:
        self.path = path  # below content/, "" for the root
        self.name = name
        self.depth = depth
        self.files: list[Page] = []


class Page:
    def __init__(self, rel: str, folder: Folder, number: int, index: bool) -> None:
        self.rel = rel  # below content/
        self.folder = folder
        self.number = number
        self.index = index
        self.title = ""
        self.words = 0
        self.headings: list[tuple[int, str, str]] = []  # (level, text, anchor)


def anchor_id(text: str) -> str:
    """src/slug.rs `anchor_id`, for the ASCII text the generator writes."""
    out = []
    for c in text.strip():
        if c.isalnum() or c in "_-":
            out.append(c.lower())
        elif c == " ":
            out.append("-")
    return "".join(out)


def humanize(name: str) -> str:
    words = name.replace("-", " ")
    return words[:1].upper() + words[1:]


def plan_tree(n: int, seed: int) -> tuple[list[Folder], list[Page]]:
    """Folders and files, N files in all: the home page, then top-level sections with 10-40
    pages, 2-4 subsections each, some of which hold 1-2 sub-subsections."""
    rng = derive(seed, 1)
    folders: list[Folder] = []
    pages: list[Page] = []
    width = max(4, len(str(n)))
    budget = [n]

    def add_folder(path: str, name: str, depth: int) -> Folder | None:
        if budget[0] <= 0:
            return None
        f = Folder(path, name, depth)
        folders.append(f)
        rel = f"{path}/_index.md" if path else "_index.md"
        p = Page(rel, f, len(pages), True)
        pages.append(p)
        f.files.append(p)
        budget[0] -= 1
        return f

    def add_pages(f: Folder, count: int) -> None:
        count = min(count, budget[0])
        for _ in range(count):
            number = len(pages)
            stem = f"page-{number:0{width}d}"
            rel = f"{f.path}/{stem}.md" if f.path else f"{stem}.md"
            p = Page(rel, f, number, False)
            pages.append(p)
            f.files.append(p)
        budget[0] -= count

    root = add_folder("", "", 0)
    top = 0
    while budget[0] > 0:
        base = TOP_SECTIONS[top % len(TOP_SECTIONS)]
        name = base if top < len(TOP_SECTIONS) else f"{base}-{top // len(TOP_SECTIONS) + 1}"
        top += 1
        t = add_folder(name, name, 1)
        if t is None:
            break
        add_pages(t, rng.between(10, 40))
        for sub in rng.sample(SUB_SECTIONS, rng.between(2, 4)):
            s = add_folder(f"{t.path}/{sub}", sub, 2)
            if s is None:
                break
            add_pages(s, rng.between(10, 40))
            if rng.chance(40):
                for subsub in rng.sample(SUB_SECTIONS, rng.between(1, 2)):
                    if subsub == sub:
                        continue
                    g = add_folder(f"{s.path}/{subsub}", subsub, 3)
                    if g is None:
                        break
                    add_pages(g, rng.between(10, 40))
    assert root is not None and len(pages) == n, (len(pages), n)
    return folders, pages


def plan_pages(pages: list[Page], seed: int) -> None:
    """Titles, lengths and headings of every page, known before any body is written so that
    links can name headings of their targets."""
    for p in pages:
        rng = derive(seed, 2, p.number)
        if p.index:
            p.title = "Engineering management handbook" if p.folder.path == "" else humanize(p.folder.name)
        else:
            p.title = f"{rng.pick(TITLE_PREFIX)} {rng.pick(TITLE_NOUNS)} {p.number}"
        # 300..3000 words, skewed towards short pages: 300 + 2700 * u1 * u2 has mean ~975.
        p.words = 300 + (rng.below(2701) * rng.below(2701)) // 2700
        sections = max(2, p.words // 220)
        seen: set[str] = set()

        def heading() -> tuple[str, str]:
            for _ in range(50):
                form = rng.below(3)
                if form == 0:
                    text = f"{rng.pick(HEADING_A)} {rng.pick(HEADING_B)}"
                elif form == 1:
                    text = f"{rng.pick(HEADING_B)} {rng.pick(HEADING_C)}"
                else:
                    text = f"{rng.pick(HEADING_A)} {rng.pick(HEADING_B)} {rng.pick(HEADING_C)}"
                text = text[:1].upper() + text[1:]
                a = anchor_id(text)
                if a not in seen:
                    seen.add(a)
                    return text, a
            raise AssertionError("no unique heading")

        for _ in range(sections):
            text, a = heading()
            p.headings.append((2, text, a))
            for _ in range(rng.below(3) if rng.chance(50) else 0):
                text, a = heading()
                p.headings.append((3, text, a))


# --------------------------------------------------------------------------------------------
# Pages


def relative_link(source: Page, target: Page) -> str:
    """The path of `target` relative to the folder of `source`."""
    src = source.rel.split("/")[:-1]
    dst = target.rel.split("/")
    common = 0
    while common < len(src) and common < len(dst) - 1 and src[common] == dst[common]:
        common += 1
    parts = [".."] * (len(src) - common) + dst[common:]
    return "/".join(parts)


class Writer:
    def __init__(self, rng: Rng, page: Page, links: list[str]) -> None:
        self.rng = rng
        self.page = page
        self.links = links  # Markdown link snippets still to place
        self.lines: list[str] = []
        self.words = 0
        self.footnotes: list[str] = []

    def sentence(self) -> str:
        r = self.rng
        kind = r.below(4)
        if kind == 0:
            s = f"{r.pick(ROLES)} {r.pick(VERBS)} {r.pick(OBJECTS)} {r.pick(ADVERBIALS)}."
        elif kind == 1:
            s = f"{r.pick(OPENERS)} {r.pick(ROLES)} {r.pick(VERBS)} {r.pick(OBJECTS)}."
        elif kind == 2:
            s = f"{r.pick(CONNECTORS)} {r.pick(CLAIMS)}."
        else:
            s = f"{r.pick(CLAIMS)}, so {r.pick(ROLES)} {r.pick(VERBS)} {r.pick(OBJECTS)}."
        s = s[:1].upper() + s[1:]
        if r.chance(12):
            word = r.pick(EMPHASIS)
            s = s[:-1] + (f", *{word}*." if r.chance(50) else f", **{word}**.")
        elif r.chance(6):
            s = s[:-1] + f" (see `{r.pick(KEYWORDS)}-{r.below(100)}`)."
        return s

    def count(self, text: str) -> None:
        self.words += len(text.split())

    def link_sentence(self) -> str:
        link = self.links.pop()
        return self.rng.pick([
            f"For the details, read {link}.",
            f"The page on {link} covers this in more depth.",
            f"See also {link}.",
            f"This builds on {link}.",
            f"Compare with {link} before you decide.",
        ])

    def paragraph(self) -> None:
        r = self.rng
        sentences = [self.sentence() for _ in range(r.between(2, 6))]
        if self.links and r.chance(35):
            sentences.insert(r.below(len(sentences) + 1), self.link_sentence())
        if len(self.footnotes) < 3 and r.chance(10):
            i = r.below(len(sentences))
            self.footnotes.append(r.pick(FOOTNOTES))
            sentences[i] = sentences[i] + f"[^{len(self.footnotes)}]"
        text = " ".join(sentences)
        self.count(text)
        self.lines += [text, ""]

    def bullet_list(self, numbered: bool) -> None:
        r = self.rng
        for i in range(r.between(3, 7)):
            item = self.sentence()
            if self.links and r.chance(25):
                item = self.link_sentence()
            if r.chance(20):
                item = f"**{r.pick(KEYWORDS).capitalize()}:** {item}"
            self.count(item)
            self.lines.append(f"{i + 1}. {item}" if numbered else f"- {item}")
        self.lines.append("")

    def table(self) -> None:
        r = self.rng
        header = r.pick(TABLE_HEADERS)
        self.lines.append("| " + " | ".join(header) + " |")
        self.lines.append("|" + "|".join("---" for _ in header) + "|")
        for _ in range(r.between(3, 6)):
            cells = [r.pick(CELL_WORDS) for _ in header]
            row = "| " + " | ".join(cells) + " |"
            self.count(" ".join(cells))
            self.lines.append(row)
        self.lines.append("")

    def callout(self) -> None:
        r = self.rng
        kind = r.pick(["NOTE", "TIP", "WARNING", "NOTE", "TIP", "IMPORTANT"])
        text = r.pick(CALLOUT_TEXT)
        self.lines += [f"> [!{kind}]", f"> {text}"]
        if r.chance(40):
            extra = self.sentence()
            self.lines.append(f"> {extra}")
            self.count(extra)
        self.lines.append("")
        self.count(text)

    def code(self) -> None:
        lang, body = self.rng.pick(CODE_SAMPLES)
        self.lines += [f"```{lang}", *body, "```", ""]
        self.count(" ".join(body))

    def block(self) -> None:
        roll = self.rng.below(100)
        if roll < 55:
            self.paragraph()
        elif roll < 68:
            self.bullet_list(False)
        elif roll < 76:
            self.bullet_list(True)
        elif roll < 83:
            self.table()
        elif roll < 92:
            self.callout()
        else:
            self.code()

    def body(self) -> str:
        p = self.page
        self.paragraph()
        # Each heading ends where its share of the page's length is reached (at least one
        # paragraph each), so the page lands close to its planned length.
        total = len(p.headings)
        for i, (level, text, _) in enumerate(p.headings, 1):
            self.lines += [f"{'#' * level} {text}", ""]
            self.count(text)
            target = p.words * i // total
            self.paragraph()
            while self.words < target:
                self.block()
        if self.links:
            rest = self.links[:]
            self.links.clear()
            text = "Related pages: " + ", ".join(rest) + "."
            self.lines += [text, ""]
            self.count(text)
        if self.footnotes:
            for i, note in enumerate(self.footnotes, 1):
                self.lines.append(f"[^{i}]: {note}")
            self.lines.append("")
        return "\n".join(self.lines)


def yaml_str(s: str) -> str:
    assert '"' not in s and "\\" not in s, s
    return f'"{s}"'


def front_matter(p: Page, rng: Rng) -> str:
    description = f"{p.title}: how we handle it, who owns it and what to read next."
    date = START_DATE + datetime.timedelta(days=rng.between(0, DATE_SPAN))
    tags = rng.sample(TAGS, rng.between(1, 4))
    audience = rng.sample(AUDIENCES, rng.between(1, 3))
    weight = (p.folder.files.index(p)) * 10 if not p.index else p.folder.depth * 10
    lines = [
        "---",
        f"title: {yaml_str(p.title)}",
        f"description: {yaml_str(description)}",
        f"weight: {weight}",
        f"tags: [{', '.join(tags)}]",
        "audience:",
        *[f"  - {a}" for a in audience],
        f"owner: \"@{rng.pick(TEAMS)}\"",
        f"last_reviewed: {date.isoformat()}",
    ]
    if rng.chance(30):
        lines.append(f"review_every_days: {rng.pick([365, 540, 730])}")
    if rng.chance(25):
        lines.append(f"keywords: [{', '.join(rng.sample(KEYWORDS, rng.between(2, 4)))}]")
    lines.append("---")
    return "\n".join(lines) + "\n"


def write_page(p: Page, pages: list[Page], seed: int) -> str:
    rng = derive(seed, 3, p.number)
    fm = front_matter(p, rng)
    # 3-10 links to other pages: about half in the same section, the rest anywhere.
    wanted = rng.between(3, 10)
    targets: list[Page] = []
    chosen = {p.number}
    siblings = p.folder.files
    tries = 0
    while len(targets) < wanted and tries < 100:
        tries += 1
        if len(siblings) > 1 and rng.chance(50):
            t = rng.pick(siblings)
        else:
            t = pages[rng.below(len(pages))]
        if t.number in chosen:
            continue
        chosen.add(t.number)
        targets.append(t)
    links = []
    for t in targets:
        href = relative_link(p, t)
        if t.headings and rng.chance(40):
            href += "#" + rng.pick(t.headings)[2]
        links.append(f"[{t.title.lower() if rng.chance(50) else t.title}]({href})")
    links.reverse()  # popped from the end: first chosen is placed first
    body = Writer(rng, p, links).body()
    return fm + "\n" + body


def generator_digest() -> str:
    import hashlib

    with open(__file__, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()[:16]


def generate(n: int, seed: int, out: str) -> None:
    if n < 1:
        raise SystemExit("--pages must be at least 1")
    if os.path.exists(out):
        entries = set(os.listdir(out))
        if entries and STAMP not in entries:
            raise SystemExit(f"{out} exists and was not made by gen_corpus.py; refusing to overwrite it")
        shutil.rmtree(out)
    folders, pages = plan_tree(n, seed)
    plan_pages(pages, seed)
    content = os.path.join(out, "content")
    for f in folders:
        os.makedirs(os.path.join(content, *f.path.split("/")) if f.path else content, exist_ok=True)
    for p in pages:
        text = write_page(p, pages, seed)
        with open(os.path.join(content, *p.rel.split("/")), "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    with open(os.path.join(out, "book.toml"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write(
            "[book]\n"
            f"title = \"Benchmark handbook ({n} pages, seed {seed})\"\n"
            "description = \"A generated engineering-management handbook for build benchmarks.\"\n"
            "\n[build]\n"
            "content = \"content\"\n"
            "\n[check]\n"
            "# last_reviewed dates lie between 2026-06-01 and 2026-11-20: no review is due before 2027-06-01.\n"
            "review_every_days = 365\n"
        )
    with open(os.path.join(out, STAMP), "w", encoding="utf-8", newline="\n") as fh:
        json.dump({"pages": n, "seed": seed, "generator": generator_digest()}, fh, sort_keys=True)
        fh.write("\n")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, required=True, help="number of .md files, _index.md included")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--out", required=True, help="folder to write book.toml and content/ into")
    args = ap.parse_args(argv)
    generate(args.pages, args.seed, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
