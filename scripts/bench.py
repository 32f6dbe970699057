"""Benchmark the glossary on synthetic data and compare it with the targets.

    .venv/bin/python scripts/bench.py [--sizes 100,1000,5000] [--out bench-results.md]

For each size N this writes a project of N synthetic terms (about 200 words each, with
aliases, reciprocal related lists, [[links]], pros and cons, spread over the real categories)
and measures, each in a fresh process: `glossary validate`; libyaml alone parsing the same
files (the floor validation is compared with); `glossary build` (time and peak RSS); a plain
`mkdocs build` of the same pages written out as Markdown (same theme and search, no glossary
plugin, term pages not_in_nav, the handouts' terms and the terms' neighbourhood maps written
out in their pages: the reference the build is compared with); a second reference, plain
MkDocs + Material with one hand-written Markdown page per term (out of the navigation) and an
index page, the site a team would otherwise write by hand; the glossary build and that second
reference again, timed by phase (validation, generated pages, Markdown, templates, search
index, handouts, ...) and by kind of page; site, search-index and term-page sizes; in headless
Chromium, the time from opening the home page to the first search result for a typed term name
and for an acronym alias; and with `glossary serve` running, the time from saving an entry to
the open page showing the change (--serve-only: that alone). It prints target vs measured,
PASS or MISS, and writes the same to a Markdown file. Figures are printed, never asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from sourcing_glossary.mkdocs import material
from sourcing_glossary.names import name_key
from sourcing_glossary.source.load import Layout, load_glossary

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

SEED = 20261123
BUILD_REPEAT = 3  # process timings: best of this many runs
BROWSER_REPEAT = 3  # browser timing: median of this many fresh page loads
RESULT_SELECTOR = ".md-search-result__item, [data-gl-quickfind] a"
MB = 1024 * 1024

# Term names are drawn from these: 154 x 32 x 23 combinations. At 5,000 terms about 33 share a
# first word, as in a real glossary (mention linking and search slow down with that number).
_QUALIFIERS = (
    "adaptive agile automated blended captive centralized cloud collaborative continuous dedicated "
    "distributed dynamic embedded extended federated flexible global hybrid integrated managed modular "
    "nearshore offshore onshore partner predictive regional remote scalable selective shared strategic "
    "tactical tiered transitional unified virtual elastic accredited annual assisted audited autonomous "
    "backup baseline bilateral billable bonded bundled certified channel cognitive competitive compliant "
    "consolidated contingent contractual coordinated cross-border daily decentralized delegated digital "
    "direct domestic dual emergency enterprise escalated exclusive external fixed-price fractional "
    "franchise front-office back-office gainshare guaranteed incremental independent indirect inbound "
    "insourced interim joint lean licensed local long-term low-cost manual metered mixed mobile "
    "multilingual multiyear national negotiated networked nonexclusive offline omnichannel on-demand open "
    "operational optimized outbound outcome outsourced overflow peak performance pilot pooled preferred "
    "premium primary private proactive public quarterly rapid reactive real-time recurring regulated "
    "reserved retained reverse rolling rural seasonal secondary secure self-service short-term single "
    "sovereign staged standard statutory subcontracted supervised sustainable temporary third-party "
    "transactional transparent urban usage-based value-based vertical weekly white-label"
).split()
_SUBJECTS = (
    "account billing claims compliance contract customer data delivery dialer escalation facility finance "
    "fulfillment governance helpdesk invoice knowledge labor payroll pricing procurement quality queue "
    "recruitment routing service staffing supplier talent vendor voice workforce"
).split()
_HEADS = (
    "agreement analytics audit benchmark capacity center desk framework hub management model operations "
    "outsourcing partnership platform pool program review scorecard sourcing strategy transfer transition"
).split()
_FILLER = (
    "provider client contract service level cost quality team process volume agent site region schedule "
    "handover knowledge risk report metric budget governance review customer channel queue"
).split()


@dataclass(frozen=True)
class SyntheticTerm:
    slug: str
    term: str
    aliases: tuple[str, ...]


def _names(count: int, rng: random.Random, claimed: set[str]) -> list[SyntheticTerm]:
    """`count` distinct terms; none takes a name or URL slug in `claimed` (as name_key compares)."""
    combos = [
        (q, s, h)
        for q in _QUALIFIERS
        for s in _SUBJECTS
        for h in _HEADS
        if not claimed & {f"{q}-{s}-{h}", name_key(f"{q} {s} {h}"), name_key(f"{q}-{s} {h}")}
    ]
    picked = rng.sample(combos, count)
    taken_acronyms = set(claimed)
    terms = []
    for qualifier, subject, head in picked:
        acronym = (qualifier[0] + subject[0] + head[0]).upper()
        aliases = [f"{qualifier}-{subject} {head}"]  # spelling variant: same slug, so no redirect
        if name_key(acronym) not in taken_acronyms:  # acronyms must name one entry each; later ones go without
            taken_acronyms.add(name_key(acronym))
            aliases.insert(0, acronym)
        terms.append(SyntheticTerm(f"{qualifier}-{subject}-{head}", f"{qualifier.capitalize()} {subject} {head}", tuple(aliases)))
    return terms


def _sentence(rng: random.Random, words: int) -> str:
    chosen = [rng.choice(_FILLER) for _ in range(words)]
    return " ".join(chosen).capitalize() + "."


def _entry_yaml(
    index: int, terms: list[SyntheticTerm], categories: list[str], facets: dict[str, list[str]], rng: random.Random
) -> str:
    """One entry of about 200 words. Related terms are the neighbours at distance 1, 2 and 5
    on a ring, so every related list is reciprocal and nothing is orphaned: the synthetic
    glossary validates with --strict, as a well-kept real one does."""
    me = terms[index]
    count = len(terms)
    related = [terms[(index + step) % count] for step in (1, -1, 2, -2, 5, -5)]
    related = list({t.slug: t for t in related if t.slug != me.slug}.values())
    links = related[:3]
    definition = (
        f"{me.term} is a way of organising [[{links[0].slug}]] work so that {_sentence(rng, 8).lower()}\n"
        f"{_sentence(rng, 10)} It differs from [[{links[1].slug}|{links[1].term.lower()}]] in who owns the "
        f"{rng.choice(_FILLER)} and how the {rng.choice(_FILLER)} is measured.\n\n"
        f"{_sentence(rng, 10)} Teams that adopt it usually review the [[{links[2].slug}]] first "
        f"[@{_source_id(index)}]."
    )
    lines = [
        "# yaml-language-server: $schema=../schema.json",
        f"term: {me.term}",
        "aliases:",
        *(f"  - {json.dumps(alias)}" for alias in me.aliases),  # quoted: OFF would be a boolean
        f"category: {categories[index % len(categories)]}",
        f"summary: {me.term} organises {rng.choice(_FILLER)} and {rng.choice(_FILLER)} work "
        f"between a client and its provider. {_sentence(rng, 8)}",
        "definition: |",
        *(f"  {line}" if line else "" for line in definition.split("\n")),
        "examples:",
        *(f"  - {_sentence(rng, 9)}" for _ in range(2)),
        "pros:",
        *(f"  - {_sentence(rng, 7)}" for _ in range(3)),
        "cons:",
        f"  - {_sentence(rng, 6)} See [[{related[-1].slug}]].",
        f"  - {_sentence(rng, 7)}",
        "related:",
        *(f"  - {t.slug}" for t in related),
        "contrast:",
        f"  {related[1].slug}: {_sentence(rng, 10)}",
        "usage_notes: |",
        f"  {_sentence(rng, 8)} Often discussed with {related[3].term.lower()}.",
        "facets:",
        *(f"  {facet}: {rng.choice(values)}" for facet, values in facets.items()),
        "sources:",
        f"  - ref: {_source_id(index)}",
        f"    note: {_sentence(rng, 8)}",
        f"updated: 2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "status: reviewed",
        f"reviewed: 2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
    ]
    return "\n".join(lines) + "\n"


TERMS_PER_SOURCE = 5  # a registry record is cited by a handful of terms


def _source_id(index: int) -> str:
    return f"bench-source-{index // TERMS_PER_SOURCE}"


def _sources_yaml(count: int) -> str:
    """The registry the synthetic entries cite: every record cited, every second one with a url."""
    lines = ["sources:"]
    for number in range((count + TERMS_PER_SOURCE - 1) // TERMS_PER_SOURCE):
        lines += [
            f"  bench-source-{number}:",
            f"    title: Synthetic source number {number}",
            "    publisher: Benchmark Press",
            f'    date: "{2000 + number % 26}"',
            f"    kind: {('reference', 'vendor', 'academic', 'news')[number % 4]}",
        ]
        if number % 2:
            lines += [f"    url: https://example.org/sources/{number}", '    accessed: "2026-12-01"']
    return "\n".join(lines) + "\n"


def generate_glossary(project: Path, count: int) -> list[SyntheticTerm]:
    """A project folder (mkdocs.yml, docs/, glossary/ without the real terms) with `count`
    synthetic entries. The same count always gives the same files."""
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(REPO / "docs", project / "docs")
    shutil.copytree(
        REPO / "glossary",
        project / "glossary",
        ignore=shutil.ignore_patterns("terms", "comparisons.yml", "urls.lock", "sources.yml"),
    )
    (project / "glossary" / "terms").mkdir()
    return add_synthetic_terms(project / "glossary", count)


def add_synthetic_terms(glossary_dir: Path, count: int) -> list[SyntheticTerm]:
    """Write `count` synthetic entries into glossary_dir/terms/, beside the entries already
    there, taking none of their names or URLs (the tests add them to the real glossary, whose
    hand-written pages link to its own terms). The same count and entries give the same files."""
    declared = yaml.safe_load((glossary_dir / "categories.yml").read_text(encoding="utf-8"))
    categories = list(declared["categories"])
    facets = {key: list(facet["values"]) for key, facet in declared.get("facets", {}).items()}
    rng = random.Random(SEED + count)
    terms = _names(count, rng, _claimed(glossary_dir))
    folder = glossary_dir / "terms"
    for index, term in enumerate(terms):
        (folder / f"{term.slug}.yml").write_text(_entry_yaml(index, terms, categories, facets, rng), encoding="utf-8")
    registry = glossary_dir / "sources.yml"
    records = _sources_yaml(count)
    if registry.is_file():  # the synthetic records go on under the existing 'sources:' mapping
        records = registry.read_text(encoding="utf-8").rstrip("\n") + "\n" + records.removeprefix("sources:\n")
    registry.write_text(records, encoding="utf-8")
    return terms


def _claimed(glossary_dir: Path) -> set[str]:
    """The names (as name_key compares them) and URL slugs of the entries in glossary_dir."""
    glossary, _ = load_glossary(Layout(root=glossary_dir.parent, data=glossary_dir))
    return {
        key for entry in glossary.entries.values() for key in (entry.slug, *entry.published_paths(), *map(name_key, entry.names))
    }


def write_reference(glossary_project: Path, reference: Path) -> None:
    """The same site as plain MkDocs: every page the glossary plugin generates (asked from the
    plugin through MkDocs' own events, so the reference always holds what a glossary build
    renders) written out as Markdown files; mkdocs.yml without the glossary plugin, and the
    pages the plugin keeps out of the navigation listed under not_in_nav."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files, InclusionLevel

    from sourcing_glossary.checks.validate import validate
    from sourcing_glossary.source.load import Layout

    problems = validate(Layout(glossary_project, glossary_project / "glossary")).problems
    if problems:
        raise SystemExit(f"the synthetic glossary has {len(problems)} problems, the first: {problems[0]}")
    config = load_config(str(glossary_project / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    generated = list(config.plugins.on_files(Files([]), config=config))
    shutil.copytree(glossary_project / "docs", reference / "docs")
    glossary = validate(Layout(glossary_project, glossary_project / "glossary")).glossary
    for file in generated:
        target = reference / "docs" / file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_written_out(file.src_uri, file.content_string, glossary), encoding="utf-8")
    config.plugins.on_shutdown()  # after reading the pages: the plugin keeps them in scratch files until then
    hidden = {PurePosixPath(f.src_uri).parent for f in generated if f.inclusion is InclusionLevel.NOT_IN_NAV}
    patterns = [f"/{folder}/*.md".replace("/./", "/") for folder in sorted(hidden)]
    patterns += [
        f"!/{f.src_uri}"
        for f in generated
        if f.inclusion is InclusionLevel.INCLUDED and PurePosixPath(f.src_uri).parent in hidden
    ]
    text = _without_plugin((glossary_project / "mkdocs.yml").read_text(encoding="utf-8"), "glossary")
    text += "\nnot_in_nav: |\n" + "".join(f"  {pattern}\n" for pattern in patterns)
    (reference / "mkdocs.yml").write_text(text, encoding="utf-8")


def _written_out(src_uri: str, markdown: str, glossary: Any) -> str:
    """A generated page as a hand-written page would be: what the plugin puts into the rendered
    page (a term's neighbourhood map, marked for the search to skip; a handout's terms) written
    into its Markdown."""
    from sourcing_glossary.render import neighbourhood_map
    from sourcing_glossary.render.pages import UNINDEXED

    figure = '<figure class="gl-map">'
    with_map = neighbourhood_map.fill(src_uri, markdown, glossary).replace(figure, figure[:-1] + UNINDEXED + ">", 1)
    return _with_handout_terms(src_uri, with_map, glossary)


def _with_handout_terms(src_uri: str, markdown: str, glossary: Any) -> str:
    """A handout as a hand-written page would be: its terms written out in its Markdown (the
    plugin renders each term once and puts the HTML into the rendered page instead)."""
    from sourcing_glossary.render import handout
    from sourcing_glossary.render.pages import link_terms, md_text

    if not src_uri.startswith(handout.PRINT_DIR + "/") or handout.TERMS_MARKER not in markdown:
        return markdown
    key = PurePosixPath(src_uri).stem
    out = []
    for entry in handout.members(glossary, None if key == "index" else key):
        out += [
            '<article class="gl-handout-term" markdown>',
            "",
            f"## {md_text(entry.term)}",
            "",
            f'<p class="gl-summary">{entry.summary}</p>',
            "",
            link_terms(entry.definition, glossary, handout.PRINT_DIR),
            "",
            '<div class="gl-procon" markdown>',
            "",
        ]
        for title, items in (("Pros", entry.pros), ("Cons", entry.cons)):
            listed = "\n".join("- " + link_terms(item, glossary, handout.PRINT_DIR) for item in items)
            out += ["<div markdown>", "", f"**{title}**", "", listed, "", "</div>", ""]
        out += ["</div>", "", f'<p class="gl-handout-url">/terms/{entry.slug}/</p>', "", "</article>", ""]
    return markdown.replace(handout.TERMS_MARKER, "\n".join(out), 1)


def _without_plugin(config: str, name: str) -> str:
    """mkdocs.yml text with the plugin `name` cut out of `plugins:` (composed, not loaded,
    so MkDocs' own tags such as !ENV survive)."""
    root = yaml.compose(config, Loader=yaml.SafeLoader)
    for key, value in root.value:
        if key.value != "plugins":
            continue
        for item in value.value:
            item_name = item.value if isinstance(item, yaml.ScalarNode) else item.value[0][0].value
            if item_name == name:
                start = config.rfind("\n", 0, item.start_mark.index) + 1
                end = config.find("\n", item.end_mark.index - 1) + 1 or len(config)
                return config[:start] + config[end:]
    raise SystemExit(f"mkdocs.yml has no '{name}' plugin to leave out")


# --- The term-only reference: the site a team would otherwise write by hand (issue #16) ---


def write_term_reference(glossary_project: Path, reference: Path) -> None:
    """Plain MkDocs + Material with one hand-written Markdown page per term (the synthetic
    terms' own text: summary, definition, examples, pros and cons, contrasts, usage notes,
    related terms, sources) kept out of the navigation, and an index page linking them all.
    No handouts, cards, categories, maps or glossary plugin: what the glossary build is held to
    (<= 1.5x) is the cost of the term pages themselves."""
    from sourcing_glossary.checks.validate import validate
    from sourcing_glossary.render.pages import md_text
    from sourcing_glossary.urls import TERMS_DIR

    glossary = validate(Layout(glossary_project, glossary_project / "glossary")).glossary
    folder = reference / "docs" / TERMS_DIR
    folder.mkdir(parents=True)
    for entry in glossary.entries.values():
        (folder / f"{entry.slug}.md").write_text(_hand_written(entry, glossary), encoding="utf-8")
    index = ["# Glossary", "", f"{len(glossary.entries)} terms.", ""]
    index += [f"- [{md_text(e.term)}]({TERMS_DIR}/{e.slug}.md): {md_text(e.summary)}" for e in glossary.sorted_by_term()]
    (reference / "docs" / "index.md").write_text("\n".join(index) + "\n", encoding="utf-8")
    text = _without_plugin((glossary_project / "mkdocs.yml").read_text(encoding="utf-8"), "glossary")
    text = _without_keys(text, [("nav",), ("extra_css",), ("extra_javascript",), ("exclude_docs",), ("theme", "custom_dir")])
    text += f"\nnav:\n  - index.md\nnot_in_nav: |\n  /{TERMS_DIR}/*.md\n"
    (reference / "mkdocs.yml").write_text(text, encoding="utf-8")


def _hand_written(entry: Any, glossary: Any) -> str:
    """A term's page as an editor would write it in Markdown: [[links]] as links, citations
    as a list of sources at the end."""
    from sourcing_glossary.render.citations_html import citation_text
    from sourcing_glossary.render.pages import link_terms, md_text
    from sourcing_glossary.text.citations import without_citations
    from sourcing_glossary.urls import TERMS_DIR

    def text(markdown: str) -> str:
        return link_terms(without_citations(markdown), glossary, TERMS_DIR)

    def items(texts: tuple[str, ...]) -> list[str]:
        return ["- " + text(one).replace("\n", "\n  ") for one in texts]

    category = glossary.categories.get(entry.category)
    out = [f"# {md_text(entry.term)}", ""]
    if entry.aliases:
        out += ["Also called: " + ", ".join(md_text(alias) for alias in entry.aliases) + ".", ""]
    if category:
        out += [f"Category: {md_text(category.title)}.", ""]
    out += [md_text(entry.summary), "", "## Definition", "", text(entry.definition), ""]
    for title, texts in (("Examples", entry.examples), ("Pros", entry.pros), ("Cons", entry.cons)):
        if texts:
            out += [f"## {title}", "", *items(texts), ""]
    if entry.contrast:
        out += ["## Not to be confused with", ""]
        out += [
            f"- **[{md_text(glossary.entries[slug].term)}]({slug}.md)**: {text(sentence)}"
            for slug, sentence in entry.contrast.items()
            if slug in glossary.entries
        ]
        out.append("")
    if entry.usage_notes:
        out += ["## Usage notes", "", text(entry.usage_notes), ""]
    related = [glossary.entries[slug] for slug in entry.related if slug in glossary.entries]
    if related:
        out += ["## Related terms", "", *(f"- [{md_text(other.term)}]({other.slug}.md)" for other in related), ""]
    records = [glossary.sources[source.ref] for source in entry.sources if source.ref in glossary.sources]
    if records:
        out += ["## Sources", "", *(f"- {md_text(citation_text(record))}" for record in records), ""]
    return "\n".join(out)


def _without_keys(config: str, paths: list[tuple[str, ...]]) -> str:
    """mkdocs.yml text without the settings at `paths` (a top-level key, or a key inside one),
    cut out of the text as _without_plugin does, so MkDocs' own tags survive."""
    cuts = []
    for path in paths:
        node = yaml.compose(config, Loader=yaml.SafeLoader)
        for depth, key in enumerate(path):
            found = next(((k, v) for k, v in node.value if k.value == key), None)
            if found is None:
                break
            if depth < len(path) - 1:
                node = found[1]
                continue
            start = config.rfind("\n", 0, found[0].start_mark.index) + 1
            end = found[1].end_mark.index
            end = end if config[end - 1 : end] == "\n" else (config.find("\n", end) + 1 or len(config))
            cuts.append((start, end))
    for start, end in sorted(cuts, reverse=True):
        config = config[:start] + config[end:]
    return config


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float
    cpu_seconds: float = 0.0  # user + system: what the build itself took, whatever else the machine ran


def run_measured(command: list[str], cwd: Path, log: Path) -> Run:
    """Run `command`, returning its wall time and peak RSS (wait4: the child's own rusage).
    Launched from a fresh, small interpreter, because on Linux a child's peak RSS starts at
    its parent's RSS at fork time, and this process holds whole glossaries."""
    return in_fresh_process(_run_and_wait, command, cwd, log)  # type: ignore[return-value]


def _run_and_wait(command: list[str], cwd: Path, log: Path) -> Run:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    with log.open("w") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed in {cwd} ({process.returncode}):\n{log.read_text()[-3000:]}")
    return Run(seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)  # ru_maxrss is in KiB on Linux


def best(runs: list[Run]) -> Run:
    """The fastest time (the least disturbed by other load) and the highest peak seen."""
    return Run(min(r.seconds for r in runs), max(r.peak_mb for r in runs), min(r.cpu_seconds for r in runs))


# In-process timings run in a fresh interpreter each (spawned), so imports and start-up are
# left out on both sides of the validation / libyaml comparison.


def _time_libyaml(folder: str) -> float:
    loader = yaml.CSafeLoader
    start = time.perf_counter()
    for path in sorted(Path(folder).glob("*.yml")):
        yaml.load(path.read_bytes(), Loader=loader)
    return time.perf_counter() - start


def _time_yamltree(folder: str) -> float:
    from sourcing_glossary.source.yamltree import read_yaml

    start = time.perf_counter()
    for path in sorted(Path(folder).glob("*.yml")):
        read_yaml(path, path.name)
    return time.perf_counter() - start


def _time_validate(project: str) -> tuple[float, int]:
    from sourcing_glossary.checks.validate import validate
    from sourcing_glossary.source.load import Layout

    start = time.perf_counter()
    result = validate(Layout(Path(project), Path(project) / "glossary"))
    return time.perf_counter() - start, len(result.problems)


def _time_plugin(project: str) -> tuple[float, float]:
    """What the plugins do before MkDocs renders a page: on_config (the glossary validates)
    and on_files (it generates its pages), in seconds."""
    import logging

    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    config = load_config(str(Path(project) / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    start = time.perf_counter()
    config = config.plugins.on_config(config)
    configured = time.perf_counter()
    config.plugins.on_files(Files([]), config=config)
    done = time.perf_counter()
    config.plugins.on_shutdown()
    return configured - start, done - configured


def in_fresh_process(function: Callable[..., object], *args: object) -> object:
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        return pool.submit(function, *args).result()


# --- Build phases: where a build's time goes (issue #16) ---
#
# A build runs in a fresh interpreter with timers wrapped around MkDocs', Material's, Jinja's
# and the glossary plugin's functions (nothing in the product is changed). Each phase counts
# its own time only: time spent in a nested timed function goes to that function's phase, so
# the phases add up to the build. Page kinds are a second view of the same build: everything
# MkDocs does for one page (reading, Markdown, the plugins' page events, its template).

PHASES = (  # (phase, what it covers), in the order a build runs them
    ("validation", "the plugin's on_config: loading and checking the glossary"),
    ("generated pages", "the plugin's on_files: writing the generated pages' Markdown (mention linking apart)"),
    ("mention linking", "first mentions of other terms made links, in the term pages' Markdown"),
    ("reading pages", "MkDocs reading each page's Markdown and front matter"),
    ("Markdown", "Python-Markdown converting each page, with MkDocs' link checks (a card: all the plugin does to make it)"),
    ("handouts", "putting the terms (rendered once each) into the seven handouts"),
    ("page marks", "the plugin's page events besides handouts and maps: a term page's HTML parts, search marks, JSON-LD"),
    ("templates: navigation", "Material's partials/nav.html, on every page that shows the site's frame"),
    ("templates: the rest", "the rest of each page's template (base.html, card.html, ...)"),
    ("search index", "Material's search plugin: parsing each page's HTML, writing the index; the index split"),
    ("neighbourhood maps", "each term page's map, drawn into the rendered page"),
    ("writing pages", "writing each rendered page to the site folder"),
    ("exports and redirects", "the plugin's on_post_build besides the index split (and the cards' Markdown)"),
    ("other", "the rest: files and navigation, static files, anchor checks, logging, cleaning and swapping site/"),
)
PAGE_KINDS = ("term pages", "cards", "handouts", "A-Z index and categories", "other pages")
WHOLE_BUILD = "whole build"  # work not done for one page: validation, exports, the search index file, ...


def _page_kind(src_uri: str) -> str:
    from sourcing_glossary.render.handout import PRINT_DIR
    from sourcing_glossary.urls import CARDS_DIR, CATEGORIES_DIR, TERMS_DIR

    if src_uri.startswith(PRINT_DIR + "/"):
        return "handouts"
    if src_uri.startswith(CARDS_DIR + "/"):
        return "cards"
    if src_uri == f"{TERMS_DIR}/index.md" or src_uri.startswith(CATEGORIES_DIR + "/"):
        return "A-Z index and categories"
    return "term pages" if src_uri.startswith(TERMS_DIR + "/") else "other pages"


class _PhaseClock:
    """Exclusive time per phase and kind of page (WHOLE_BUILD outside any one page's work),
    and the number of pages of each kind."""

    def __init__(self) -> None:
        self.seconds: dict[str, dict[str, float]] = {
            phase: dict.fromkeys(PAGE_KINDS + (WHOLE_BUILD,), 0.0) for phase, _ in PHASES
        }
        self.pages = dict.fromkeys(PAGE_KINDS, 0)
        self.nested: list[float] = []  # per open timed call: time spent in timed calls inside it
        self.kind = WHOLE_BUILD  # the kind of the page being worked on

    def _add(self, phase: str, spent: float) -> None:
        self.seconds[phase][self.kind] += spent - self.nested.pop()
        if self.nested:
            self.nested[-1] += spent

    def wrap(self, owner: Any, name: str, phase: str, kind: str | None = None) -> None:
        """Time `owner.name` as `phase`. With `kind`, each call makes one page of that kind by
        itself, outside MkDocs' pages (a card): its time goes to that kind."""
        original = getattr(owner, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            outer = self.kind
            if kind is not None:
                self.kind = kind
                self.pages[kind] += 1
            self.nested.append(0.0)
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self._add(phase, time.perf_counter() - start)
                self.kind = outer

        setattr(owner, name, timed)

    def wrap_template(self, template: Any, phase: str) -> None:
        """A Jinja template that other templates include: its render function is a generator,
        run to the end inside the timer."""
        original = template.root_render_func

        def timed(context: Any) -> Any:
            self.nested.append(0.0)
            start = time.perf_counter()
            try:
                out = list(original(context))
            finally:
                self._add(phase, time.perf_counter() - start)
            yield from out

        template.root_render_func = timed

    def wrap_pages(self, owner: Any, name: str, count: bool) -> None:
        """A function of one page (its first argument): the time spent in it goes to the page's kind."""
        original = getattr(owner, name)

        def timed(page: Any, *args: Any, **kwargs: Any) -> Any:
            self.kind = _page_kind(page.file.src_uri)
            self.pages[self.kind] += count
            try:
                return original(page, *args, **kwargs)
            finally:
                self.kind = WHOLE_BUILD

        setattr(owner, name, timed)


@dataclass(frozen=True)
class Phases:
    seconds: float  # the whole build, timed in process
    by_phase: dict[str, dict[str, float]]  # phase -> page kind (or WHOLE_BUILD) -> seconds
    pages: dict[str, int]  # page kind -> pages

    def phase(self, name: str) -> float:
        return sum(self.by_phase[name].values())

    def kind(self, name: str) -> float:
        return sum(kinds[name] for kinds in self.by_phase.values())


def _time_phases(project: str, glossary: bool) -> Phases:
    """Build `project` (as `glossary build` does, or as `mkdocs build` for a plain reference)
    with timers around the build's parts."""
    import logging

    import jinja2
    from material.plugins.search.plugin import SearchPlugin
    from mkdocs import theme, utils
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.structure.pages import Page

    from sourcing_glossary.mkdocs import build, plugin
    from sourcing_glossary.render import handout, mentions

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    clock = _PhaseClock()
    for owner, name, phase in (
        (plugin.GlossaryPlugin, "on_config", "validation"),
        (plugin.GlossaryPlugin, "on_files", "generated pages"),
        (mentions.MentionLinker, "link", "mention linking"),
        (Page, "read_source", "reading pages"),
        (Page, "render", "Markdown"),
        (handout.Handouts, "fill", "handouts"),
        (plugin.GlossaryPlugin, "on_page_content", "page marks"),
        (plugin.GlossaryPlugin, "on_post_page", "page marks"),
        (jinja2.Template, "render", "templates: the rest"),
        (SearchPlugin, "on_page_context", "search index"),
        (SearchPlugin, "on_post_build", "search index"),
        (material, "split_index", "search index"),
        (plugin.neighbourhood_map, "fill", "neighbourhood maps"),
        (utils, "write_file", "writing pages"),
        (plugin.GlossaryPlugin, "on_post_build", "exports and redirects"),
    ):
        clock.wrap(owner, name, phase)
    clock.wrap(plugin.GlossaryPlugin, "_card", "Markdown", kind="cards")
    clock.wrap_pages(mkdocs_build, "_populate_page", count=False)
    clock.wrap_pages(mkdocs_build, "_build_page", count=True)
    get_env = theme.Theme.get_env

    def env_with_timed_nav(self: Any) -> Any:
        env = get_env(self)
        clock.wrap_template(env.get_template("partials/nav.html"), "templates: navigation")
        return env

    theme.Theme.get_env = env_with_timed_nav  # type: ignore[method-assign]
    start = time.perf_counter()
    if glossary:
        build.build_site(Path(project) / "mkdocs.yml")
    else:
        config = build.load_site_config(Path(project) / "mkdocs.yml")
        config.plugins.on_startup(command="build", dirty=False)
        mkdocs_build.build(config)
        config.plugins.on_shutdown()
    total = time.perf_counter() - start
    clock.seconds["other"][WHOLE_BUILD] += total - sum(sum(kinds.values()) for kinds in clock.seconds.values())
    return Phases(total, clock.seconds, clock.pages)


def measure_term_reference(prepared: Prepared, work: Path) -> Run:
    shutil.rmtree(prepared.term_reference / "site", ignore_errors=True)
    return run_measured([str(BIN / "mkdocs"), "build", "-q"], prepared.term_reference, work / "term-reference.log")


def measure_phases(prepared: Prepared) -> tuple[Phases, Phases]:
    """The glossary build and the term-only reference timed by phase, interleaved, each in a
    fresh process; of each, the run with the shortest total."""
    runs: tuple[list[Phases], list[Phases]] = ([], [])
    for attempt in range(BUILD_REPEAT):
        say(f"[{prepared.count}] timing the build's phases, round {attempt + 1} of {BUILD_REPEAT}")
        for project, glossary, timed in ((prepared.project, True, runs[0]), (prepared.term_reference, False, runs[1])):
            shutil.rmtree(project / "site", ignore_errors=True)
            timed.append(in_fresh_process(_time_phases, str(project), glossary))  # type: ignore[arg-type]
    return min(runs[0], key=lambda run: run.seconds), min(runs[1], key=lambda run: run.seconds)


@dataclass(frozen=True)
class SearchTiming:
    ready: float  # DOMContentLoaded, when a reader can click the search box
    typed: float  # the last key of the query is in (each key runs the page's search handlers)
    seconds: float  # the first result is shown
    source: str  # which element came first: Material's result list or the glossary quick-finder
    first_hit: str


def time_search(site: Path, query: str) -> tuple[SearchTiming, SearchTiming]:
    """Open the home page in a fresh browser context (empty cache), click the search box,
    enter `query` and wait for the first result; median of BROWSER_REPEAT runs. Twice: typed
    key by key (the target), and pasted in one go then a key pressed (what the search itself
    takes, without the page's handling of every key)."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(REPO / "tests"))
    from conftest import CHROMIUM, CHROMIUM_ARGS, serve_folder  # the tests' browser setup, not a copy

    def enter_typed(page: Any) -> None:
        page.keyboard.type(query)

    def enter_pasted(page: Any) -> None:
        page.fill(".md-search__input", query)
        page.keyboard.press("End")  # Material reads the box on key-up

    url, server = serve_folder(site)
    medians = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            for enter in (enter_typed, enter_pasted):
                timings = []
                for _ in range(BROWSER_REPEAT):
                    context = browser.new_context(viewport={"width": 1280, "height": 900})
                    page = context.new_page()
                    start = time.perf_counter()
                    page.goto(url + "/", wait_until="domcontentloaded")
                    ready = time.perf_counter() - start
                    page.click(".md-search__input")
                    enter(page)
                    typed = time.perf_counter() - start
                    first = page.wait_for_selector(RESULT_SELECTOR, timeout=120_000)
                    seconds = time.perf_counter() - start
                    # the quick-finder's own list, or the items it puts at the top of Material's
                    quick = first.evaluate("e => e.closest('[data-gl-quickfind]') !== null")
                    text = first.evaluate("e => (e.querySelector('h1, h2, h3') || e).textContent.trim()")[:60]
                    timings.append(SearchTiming(ready, typed, seconds, "quick-finder" if quick else "Material search", text))
                    context.close()
                timings.sort(key=lambda t: t.seconds)
                medians.append(timings[len(timings) // 2])
            browser.close()
    finally:
        server.shutdown()
    return medians[0], medians[1]


@dataclass
class SizeResult:
    count: int
    words_per_term: float = 0.0
    libyaml_s: float = 0.0
    yamltree_s: float = 0.0
    validate_s: float = 0.0
    validate_problems: int = 0
    validate_cli_s: float = 0.0
    plugin_config_s: float = 0.0
    plugin_files_s: float = 0.0
    build: Run = field(default_factory=lambda: Run(0, 0))
    reference: Run = field(default_factory=lambda: Run(0, 0))
    term_reference: Run = field(default_factory=lambda: Run(0, 0))  # hand-written term pages only
    phases: Phases | None = None  # the glossary build, timed by phase
    term_reference_phases: Phases | None = None
    site_kb_per_term: float = 0.0
    reference_site_kb_per_term: float = 0.0
    index_kb_per_term: float = 0.0
    index_mb: float = 0.0
    page_index_kb: float = 0.0  # what the page itself fetches (the index's settings)
    reference_index_mb: float = 0.0
    page_kb_median: float = 0.0
    page_kb_max: float = 0.0
    search: SearchTiming | None = None  # the query typed key by key
    search_pasted: SearchTiming | None = None
    search_alias: SearchTiming | None = None  # an acronym alias typed key by key
    alias: str = ""
    serve: ServeTiming | None = None  # glossary serve: save -> reload (the serve section below)


def _folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


@dataclass(frozen=True)
class Prepared:
    count: int
    project: Path
    reference: Path
    terms: list[SyntheticTerm]
    term_reference: Path


def prepare(count: int, work: Path) -> Prepared:
    """Write the glossary project and its plain-MkDocs twin (before any timing, so a broken
    synthetic glossary stops the run at once)."""
    project, reference = work / f"glossary-{count}", work / f"reference-{count}"
    term_reference = work / f"term-reference-{count}"
    project.mkdir()
    reference.mkdir()
    say(f"[{count}] generating {count} terms")
    terms = generate_glossary(project, count)
    write_reference(project, reference)
    write_term_reference(project, term_reference)
    return Prepared(count, project, reference, terms, term_reference)


def measure(prepared: Prepared, work: Path) -> SizeResult:
    count, project, reference, terms = prepared.count, prepared.project, prepared.reference, prepared.terms
    result = SizeResult(count)
    folder = project / "glossary" / "terms"
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in folder.glob("*.yml"))
    result.words_per_term = words / count

    say(f"[{count}] validating")
    result.libyaml_s = min(in_fresh_process(_time_libyaml, str(folder)) for _ in range(BUILD_REPEAT))
    result.yamltree_s = min(in_fresh_process(_time_yamltree, str(folder)) for _ in range(BUILD_REPEAT))
    timed = [in_fresh_process(_time_validate, str(project)) for _ in range(BUILD_REPEAT)]
    result.validate_s, result.validate_problems = min(timed)
    result.validate_cli_s = best(
        [
            run_measured([str(BIN / "glossary"), "validate", "--strict"], project, work / "validate.log")
            for _ in range(BUILD_REPEAT)
        ]
    ).seconds

    result.plugin_config_s, result.plugin_files_s = min(in_fresh_process(_time_plugin, str(project)) for _ in range(BUILD_REPEAT))

    builds, references, term_references = [], [], []
    for attempt in range(BUILD_REPEAT):  # interleaved, so load from elsewhere hits all alike
        say(f"[{count}] building, round {attempt + 1} of {BUILD_REPEAT}")
        shutil.rmtree(project / "site", ignore_errors=True)
        builds.append(run_measured([str(BIN / "glossary"), "build"], project, work / "build.log"))
        shutil.rmtree(reference / "site", ignore_errors=True)
        references.append(run_measured([str(BIN / "mkdocs"), "build", "-q"], reference, work / "reference.log"))
        term_references.append(measure_term_reference(prepared, work))
    result.build, result.reference, result.term_reference = best(builds), best(references), best(term_references)
    result.phases, result.term_reference_phases = measure_phases(prepared)

    site = project / "site"
    result.site_kb_per_term = _folder_bytes(site) / 1024 / count
    result.reference_site_kb_per_term = _folder_bytes(reference / "site") / 1024 / count
    documents = site / material.DOCS_FILE  # the index's documents, fetched by the search worker
    index_bytes = (documents if documents.is_file() else site / material.INDEX_FILE).stat().st_size
    result.index_mb, result.index_kb_per_term = index_bytes / MB, index_bytes / 1024 / count
    result.page_index_kb = (site / material.INDEX_FILE).stat().st_size / 1024
    result.reference_index_mb = (reference / "site" / material.INDEX_FILE).stat().st_size / MB
    pages = [(site / "terms" / t.slug / "index.html").stat().st_size / 1024 for t in terms]
    result.page_kb_median, result.page_kb_max = statistics.median(pages), max(pages)

    query = sorted(t.term for t in terms)[count // 2]
    say(f"[{count}] searching for '{query}' in Chromium")
    result.search, result.search_pasted = time_search(site, query)
    result.alias = next(
        alias for t in sorted(terms, key=lambda t: t.term)[count // 3 :] for alias in t.aliases if alias.isupper()
    )
    say(f"[{count}] searching for the alias '{result.alias}' in Chromium")
    result.search_alias, _ = time_search(site, result.alias)
    result.serve = time_serve(project, terms, work)
    return result


@dataclass(frozen=True)
class Verdict:
    target: str
    goal: str
    measured: str
    passed: bool | None  # None: not measured in this run
    note: str = ""


def verdicts(results: dict[int, SizeResult]) -> list[Verdict]:
    out = []
    big, mid = results.get(5000), results.get(1000)

    def missing(target: str, goal: str) -> Verdict:
        return Verdict(target, goal, "not measured: needs sizes 1000 and 5000", None)

    if big:
        ratio = big.validate_s / big.libyaml_s
        out.append(
            Verdict(
                "Validation, 5,000 entries",
                "<= 3x libyaml parse",
                f"{big.validate_s:.2f} s vs {big.libyaml_s:.2f} s = {ratio:.2f}x",
                ratio <= 3,
                "validation also checks the schema, the names, the links and the graph",
            )
        )
    else:
        out.append(missing("Validation, 5,000 entries", "<= 3x libyaml parse"))
    for size, result in ((1000, mid), (5000, big)):
        target = f"Build, {size:,} terms"
        if result is None:
            out.append(missing(target, "<= 1.15x plain MkDocs"))
            continue
        ratio = result.build.seconds / result.reference.seconds
        out.append(
            Verdict(
                target,
                "<= 1.15x plain MkDocs",
                f"{result.build.seconds:.1f} s vs {result.reference.seconds:.1f} s = {ratio:.2f}x",
                ratio <= 1.15,
                f"the glossary adds {result.build.seconds - result.reference.seconds:.1f} s, "
                f"of which validating takes {result.plugin_config_s:.1f} s and generating the pages "
                f"{result.plugin_files_s:.1f} s; exports, redirects, "
                "JSON-LD and garbage collection of the larger heap take the rest",
            )
        )
    out += term_reference_verdicts(results)
    if big and mid:
        ratio = big.build.seconds / mid.build.seconds
        out.append(
            Verdict(
                "Build scaling",
                "5,000 <= 5.5x 1,000",
                f"{big.build.seconds:.1f} s / {mid.build.seconds:.1f} s = {ratio:.2f}x",
                ratio <= 5.5,
                "something grows faster than the number of pages",
            )
        )
    else:
        out.append(missing("Build scaling", "5,000 <= 5.5x 1,000"))
    if big:
        out.append(
            Verdict(
                "Peak memory, 5,000-term build",
                "<= 300 MB",
                f"{big.build.peak_mb:.0f} MB (plain MkDocs: {big.reference.peak_mb:.0f} MB)",
                big.build.peak_mb <= 300,
                "MkDocs keeps every page's Markdown, HTML and table of contents until the build ends",
            )
        )
        assert big.search is not None and big.search_alias is not None
        search = max(big.search, big.search_alias, key=lambda timing: timing.seconds)
        out.append(
            Verdict(
                "First search result, 5,000 terms",
                "<= 1.0 s after opening",
                f"{big.search.seconds:.2f} s for a name, {big.search_alias.seconds:.2f} s for an alias ({search.source})",
                search.seconds <= 1.0,
                f"in the slower case the page was ready after {search.ready:.2f} s, typing took "
                f"{search.typed - search.ready:.2f} s more, and the first result, from the "
                f"{search.source}, came {search.seconds - search.typed:.2f} s after the last key",
            )
        )
        out.append(
            Verdict(
                "Term page HTML",
                "<= 40 KB",
                f"{big.page_kb_max:.1f} KB largest, {big.page_kb_median:.1f} KB median",
                big.page_kb_max <= 40,
                "most of a page is Material's header, navigation and inline icons",
            )
        )
    else:
        for target, goal in (
            ("Peak memory, 5,000-term build", "<= 300 MB"),
            ("First search result, 5,000 terms", "<= 1.0 s after opening"),
            ("Term page HTML", "<= 40 KB"),
        ):
            out.append(missing(target, goal))
    return out + serve_verdicts(results)


# --- Verdicts and tables of the term-only reference and the build's phases (issue #16) ---

TERM_REFERENCE_GOAL = 1.5  # the glossary build costs at most this much of the hand-written term pages
WHOLE_GLOSSARY_KINDS = ("handouts", "A-Z index and categories")  # pages that list (nearly) every term


def term_reference_verdicts(results: dict[int, SizeResult]) -> list[Verdict]:
    out = []
    goal = f"<= {TERM_REFERENCE_GOAL}x hand-written term pages"
    for size in (1000, 5000):
        result = results.get(size)
        target = f"Build vs hand-written term pages, {size:,} terms"
        if result is None:
            out.append(Verdict(target, goal, "not measured: needs sizes 1000 and 5000", None))
            continue
        build, plain = result.build, result.term_reference
        ratio = build.seconds / plain.seconds
        out.append(
            Verdict(
                target,
                goal,
                f"{build.seconds:.1f} s vs {plain.seconds:.1f} s = {ratio:.2f}x "
                f"(CPU time: {build.cpu_seconds:.1f} s vs {plain.cpu_seconds:.1f} s = "
                f"{build.cpu_seconds / plain.cpu_seconds:.2f}x)",
                ratio <= TERM_REFERENCE_GOAL,
                _term_reference_note(result),
            )
        )
    mid, big = results.get(1000), results.get(5000)
    target, goal = "Whole-glossary pages scale linearly", "5,000 <= 5.5x 1,000"
    if mid and mid.phases and big and big.phases:
        small = sum(mid.phases.kind(kind) for kind in WHOLE_GLOSSARY_KINDS)
        large = sum(big.phases.kind(kind) for kind in WHOLE_GLOSSARY_KINDS)
        out.append(
            Verdict(
                target,
                goal,
                f"handouts, A-Z index and categories: {large:.2f} s / {small:.2f} s = {large / small:.2f}x",
                large / small <= 5.5,
                "one of them does work per term per term",
            )
        )
    else:
        out.append(Verdict(target, goal, "not measured: needs sizes 1000 and 5000", None))
    target, goal = "Whole-glossary pages' fair share, 5,000 terms", "<= a term page, per term listed"
    if big and big.phases:
        listed, page = _per_term_listed(big.phases), big.phases.kind("term pages") / big.phases.pages["term pages"]
        out.append(
            Verdict(
                target,
                goal,
                f"{1000 * listed:.2f} ms per term listed; a term page {1000 * page:.2f} ms",
                listed <= page,
                "a whole-glossary page renders its terms more expensively than their pages",
            )
        )
    else:
        out.append(Verdict(target, goal, "not measured: needs size 5000", None))
    return out


def _per_term_listed(phases: Phases) -> float:
    """Seconds the whole-glossary pages take per term they list: each term is in the A-Z
    index, its category's page, the all-terms handout and its category's handout."""
    terms = phases.pages["term pages"]
    return sum(phases.kind(kind) for kind in WHOLE_GLOSSARY_KINDS) / (4 * terms)


def _term_reference_note(result: SizeResult) -> str:
    """Where the glossary build's time goes beside the hand-written site's, and what would close the gap."""
    if result.phases is None or result.term_reference_phases is None:
        return "the phases were not timed"
    ours, theirs = result.phases, result.term_reference_phases
    whole = sorted(
        ((seconds, name) for name, kinds in ours.by_phase.items() if (seconds := kinds[WHOLE_BUILD]) >= 0.05), reverse=True
    )
    return (
        f"in the timed builds ({ours.seconds:.1f} s vs {theirs.seconds:.1f} s) the term pages take "
        f"{ours.kind('term pages'):.1f} s (hand-written: {theirs.kind('term pages'):.1f} s); the rest is what the "
        f"hand-written site does not do: a card per term {ours.kind('cards'):.1f} s (written by the plugin "
        f"from one template, {_ms_per_page(ours, 'cards')} ms a card, most of it Python-Markdown; writing the "
        f"files counts under exports), "
        f"the seven handouts {ours.kind('handouts'):.1f} s (every term printed twice), the A-Z index and categories "
        f"{ours.kind('A-Z index and categories'):.1f} s, and work for the whole glossary "
        f"{ours.kind(WHOLE_BUILD):.1f} s (hand-written: {theirs.kind(WHOLE_BUILD):.1f} s; "
        + ", ".join(f"{name} {seconds:.1f} s" for seconds, name in whole[:5])
        + "). What would close it: handouts assembled from the term pages' own HTML (mention links put in "
        "after Markdown instead of "
        "before, so that one conversion serves both); validation nearer libyaml's speed"
    )


def _ms_per_page(phases: Phases | None, kind: str) -> str:
    if phases is None or not phases.pages[kind]:
        return "-"
    return f"{1000 * phases.kind(kind) / phases.pages[kind]:.2f}"


TERM_REFERENCE_ROWS: list[tuple[str, Callable[[SizeResult], str]]] = [
    ("plain `mkdocs build` of hand-written term pages only (s)", lambda r: f"{r.term_reference.seconds:.1f}"),
    ("build / hand-written term pages", lambda r: f"{r.build.seconds / r.term_reference.seconds:.2f}x"),
    (
        "the same in CPU time (s): build / hand-written",
        lambda r: (
            f"{r.build.cpu_seconds:.1f} / {r.term_reference.cpu_seconds:.1f} = "
            f"{r.build.cpu_seconds / r.term_reference.cpu_seconds:.2f}x"
        ),
    ),
    (
        "a term page, all its phases (ms): glossary / hand-written",
        lambda r: f"{_ms_per_page(r.phases, 'term pages')} / {_ms_per_page(r.term_reference_phases, 'term pages')}",
    ),
    ("a card (ms)", lambda r: _ms_per_page(r.phases, "cards")),
    ("the seven handouts (s)", lambda r: f"{r.phases.kind('handouts'):.2f}" if r.phases else "-"),
    ("whole-glossary pages per term listed (ms)", lambda r: f"{1000 * _per_term_listed(r.phases):.2f}" if r.phases else "-"),
]


def render_phases(results: dict[int, SizeResult]) -> list[str]:
    """Per size: the glossary build's time by phase and kind of page, beside the term-only reference."""
    lines = [
        "",
        "## Build phases",
        "",
        "Each build timed in a fresh process with timers around MkDocs', Material's, Jinja's and the "
        "plugin's functions (scripts/bench.py, `_time_phases`); of "
        f"{BUILD_REPEAT} runs of each, interleaved, the one with the shortest total. A phase counts its own "
        "time only, so the phases add up to the build. The columns split the glossary build by the kind of "
        "page the time was spent on ('whole build': not one page's work).",
        "",
    ]
    lines += [f"- {name}: {meaning}" for name, meaning in PHASES]
    for size, result in sorted(results.items()):
        ours, theirs = result.phases, result.term_reference_phases
        if ours is None or theirs is None:
            continue
        columns = [*PAGE_KINDS, WHOLE_BUILD]
        lines += [
            "",
            f"### {size:,} terms",
            "",
            "| phase | glossary build (s) | share | " + " | ".join(columns) + " | hand-written term pages (s) |",
            "|---|---:|---:|" + "---:|" * len(columns) + "---:|",
        ]
        for name, _ in PHASES:
            cells = [f"{ours.by_phase[name][column]:.2f}" for column in columns]
            lines.append(
                f"| {name} | {ours.phase(name):.2f} | {100 * ours.phase(name) / ours.seconds:.0f} % | "
                + " | ".join(cells)
                + f" | {theirs.phase(name):.2f} |"
            )
        totals = [f"{ours.kind(column):.2f}" for column in columns]
        lines.append(f"| **total** | **{ours.seconds:.2f}** | 100 % | " + " | ".join(totals) + f" | **{theirs.seconds:.2f}** |")
        pages = [str(ours.pages[column]) if column in ours.pages else "" for column in columns]
        lines.append(
            "| pages | " + str(sum(ours.pages.values())) + " | | " + " | ".join(pages) + f" | {sum(theirs.pages.values())} |"
        )
    return lines


def _status(passed: bool | None) -> str:
    return {True: "PASS", False: "MISS", None: "-"}[passed]


def render(results: dict[int, SizeResult], command: str) -> str:
    sizes = sorted(results)
    lines = [
        "# Benchmark results",
        "",
        f"Made with `{command}` on {os.cpu_count()} CPU cores, Python {platform.python_version()}. "
        f"Synthetic terms of about {statistics.mean(r.words_per_term for r in results.values()):.0f} words "
        "each (scripts/bench.py writes them). Process timings are the best of "
        f"{BUILD_REPEAT} runs; the browser timing is the median of {BROWSER_REPEAT} fresh page loads.",
        "",
        "## Targets",
        "",
        "| Target | Goal | Measured | Result |",
        "|---|---|---|---|",
    ]
    found = verdicts(results)
    lines += [f"| {v.target} | {v.goal} | {v.measured} | {_status(v.passed)} |" for v in found]
    misses = [v for v in found if v.passed is False]
    if misses:
        lines += ["", "Notes on the misses:", ""] + [f"- {v.target}: {v.note}." for v in misses]
    rows: list[tuple[str, Callable[[SizeResult], str]]] = [
        ("libyaml alone: parse every file (s)", lambda r: f"{r.libyaml_s:.2f}"),
        ("our YAML tree reader alone (s)", lambda r: f"{r.yamltree_s:.2f}"),
        ("validate() in process (s)", lambda r: f"{r.validate_s:.2f}"),
        ("validation / libyaml", lambda r: f"{r.validate_s / r.libyaml_s:.2f}x"),
        ("`glossary validate --strict`, whole command (s)", lambda r: f"{r.validate_cli_s:.2f}"),
        ("problems found", lambda r: str(r.validate_problems)),
        ("plugin on_config: validation (s)", lambda r: f"{r.plugin_config_s:.2f}"),
        ("plugin on_files: generated pages (s)", lambda r: f"{r.plugin_files_s:.2f}"),
        ("`glossary build` (s)", lambda r: f"{r.build.seconds:.1f}"),
        ("plain `mkdocs build` of the same pages (s)", lambda r: f"{r.reference.seconds:.1f}"),
        ("build / plain MkDocs", lambda r: f"{r.build.seconds / r.reference.seconds:.2f}x"),
        *TERM_REFERENCE_ROWS,
        ("`glossary build` peak RSS (MB)", lambda r: f"{r.build.peak_mb:.0f}"),
        ("plain `mkdocs build` peak RSS (MB)", lambda r: f"{r.reference.peak_mb:.0f}"),
        ("site size per term (KB)", lambda r: f"{r.site_kb_per_term:.1f}"),
        ("plain MkDocs site size per term (KB)", lambda r: f"{r.reference_site_kb_per_term:.1f}"),
        ("full-text search index, fetched by the search worker (MB)", lambda r: f"{r.index_mb:.2f}"),
        ("search index per term (KB)", lambda r: f"{r.index_kb_per_term:.2f}"),
        ("plain MkDocs search index, fetched by the page (MB)", lambda r: f"{r.reference_index_mb:.2f}"),
        ("search file fetched by the page itself (KB)", lambda r: f"{r.page_index_kb:.1f}"),
        ("term page HTML, median / largest (KB)", lambda r: f"{r.page_kb_median:.1f} / {r.page_kb_max:.1f}"),
        (
            "open home page -> page ready / query typed / first search result (s)",
            lambda r: f"{r.search.ready:.2f} / {r.search.typed:.2f} / {r.search.seconds:.2f}" if r.search else "-",
        ),
        (
            "the same with the query pasted (s)",
            lambda r: (
                f"{r.search_pasted.ready:.2f} / {r.search_pasted.typed:.2f} / {r.search_pasted.seconds:.2f}"
                if r.search_pasted
                else "-"
            ),
        ),
        ("first result came from", lambda r: r.search.source if r.search else "-"),
        ("first result shown", lambda r: r.search.first_hit.replace("|", "/") if r.search else "-"),
        (
            "an acronym alias typed: page ready / query typed / first search result (s)",
            lambda r: (
                f"'{r.alias}': {r.search_alias.ready:.2f} / {r.search_alias.typed:.2f} / {r.search_alias.seconds:.2f}"
                if r.search_alias
                else "-"
            ),
        ),
        ("first result shown for the alias", lambda r: r.search_alias.first_hit.replace("|", "/") if r.search_alias else "-"),
    ]
    rows += SERVE_ROWS
    lines += ["", "## Figures", "", "| | " + " | ".join(f"{n:,} terms" for n in sizes) + " |", "|---|" + "---:|" * len(sizes)]
    lines += [f"| {label} | " + " | ".join(value(results[n]) for n in sizes) + " |" for label, value in rows]
    lines += render_phases(results)
    return "\n".join(lines) + "\n"


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# --- glossary serve: from saving an entry to the browser showing it (issue #16) -----------------

SERVE_REPEAT = 5  # edits timed per size: the median is the figure
# Seconds between the page showing one edit and the next save: an editor types in between, and
# the reloaded page's search worker indexes the whole site meanwhile (several seconds of CPU at
# 5,000 terms on a 2-core machine), which would otherwise slow the next rebuild down.
SERVE_PAUSE = 5.0
SERVE_TARGETS = {1000: 1.0, 5000: 2.0}  # seconds from save to the reloaded page showing the change


@dataclass(frozen=True)
class ServeTiming:
    first_build_s: float  # `glossary serve` started -> serving (a full build)
    reload_s: list[float]  # each edit: the file saved -> the open page, reloaded, shows the change
    rebuild_s: list[float]  # each edit: the server's own rebuild, as it logs it
    rebuild_cpu_s: list[float]  # the CPU time of the same (on a shared machine, less than the above)
    rendered: str  # what the server says it rendered again, for the last edit

    @property
    def median_s(self) -> float:
        return statistics.median(self.reload_s)


def time_serve(project: Path, terms: list[SyntheticTerm], work: Path) -> ServeTiming:
    """Start `glossary serve` on the project, open a term page in headless Chromium, then
    SERVE_REPEAT times: save the term's file with a new sentence at the start of its
    definition and time until the page, reloaded by the server's live-reload script, shows it."""
    import re
    import socket

    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(REPO / "tests"))
    from conftest import CHROMIUM, CHROMIUM_ARGS  # the tests' browser setup, not a copy

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    term = terms[len(terms) // 2]
    entry = project / "glossary" / "terms" / f"{term.slug}.yml"
    original = entry.read_text(encoding="utf-8")
    log = work / f"serve-{len(terms)}.log"
    say(f"[{len(terms)}] glossary serve: first build")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    started = time.perf_counter()
    with log.open("w") as out:
        server = subprocess.Popen(
            [str(BIN / "glossary"), "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
    try:
        while "Serving on" not in log.read_text():
            if server.poll() is not None:
                raise SystemExit(f"glossary serve stopped:\n{log.read_text()[-3000:]}")
            time.sleep(0.1)
        first_build = time.perf_counter() - started
        reloads = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}/terms/{term.slug}/")
            for attempt in range(SERVE_REPEAT):
                marker = f"Edited for the benchmark, take {attempt + 1}."
                say(f"[{len(terms)}] glossary serve: edit {attempt + 1} of {SERVE_REPEAT}")
                time.sleep(SERVE_PAUSE)
                saved = time.perf_counter()
                entry.write_text(original.replace("definition: |\n  ", f"definition: |\n  {marker} ", 1), encoding="utf-8")
                page.wait_for_selector(f"text={marker}", timeout=600_000)
                reloads.append(time.perf_counter() - saved)
            browser.close()
    finally:
        server.terminate()
        server.wait()
        entry.write_text(original, encoding="utf-8")
    rebuilds = re.findall(r"glossary serve: (rendered .*?) in ([\d.]+) s \(cpu ([\d.]+)\)", log.read_text())[-SERVE_REPEAT:]
    return ServeTiming(
        first_build,
        reloads,
        [float(seconds) for _, seconds, _ in rebuilds],
        [float(cpu) for _, _, cpu in rebuilds],
        rebuilds[-1][0] if rebuilds else "-",
    )


def serve_verdicts(results: dict[int, SizeResult]) -> list[Verdict]:
    out = []
    for size, goal in SERVE_TARGETS.items():
        timing = results[size].serve if size in results else None
        target = f"glossary serve, {size:,} terms: save -> page reloaded with the change"
        if timing is None:
            out.append(Verdict(target, f"<= {goal:.1f} s", f"not measured: needs size {size}", None))
            continue
        out.append(
            Verdict(
                target,
                f"<= {goal:.1f} s",
                f"{timing.median_s:.2f} s median of {len(timing.reload_s)} (slowest {max(timing.reload_s):.2f} s)",
                timing.median_s <= goal,
                f"the server's rebuild took {statistics.median(timing.rebuild_s):.2f} s of it"
                if timing.rebuild_s
                else "the server logged no rebuild",
            )
        )
    return out


def _serve_figure(result: SizeResult, figure: Callable[[ServeTiming], str]) -> str:
    return figure(result.serve) if result.serve else "-"


SERVE_ROWS: list[tuple[str, Callable[[SizeResult], str]]] = [
    ("`glossary serve`: start -> serving, a full build (s)", lambda r: _serve_figure(r, lambda t: f"{t.first_build_s:.1f}")),
    (
        "`glossary serve`: definition saved -> page reloaded with it, median / slowest (s)",
        lambda r: _serve_figure(r, lambda t: f"{t.median_s:.2f} / {max(t.reload_s):.2f}"),
    ),
    (
        "`glossary serve`: the server's rebuild of it, median elapsed / CPU (s)",
        lambda r: _serve_figure(
            r,
            lambda t: f"{statistics.median(t.rebuild_s):.2f} / {statistics.median(t.rebuild_cpu_s):.2f}" if t.rebuild_s else "-",
        ),
    ),
    ("`glossary serve`: what it rendered again", lambda r: _serve_figure(r, lambda t: t.rendered)),
]


def serve_only(sizes: list[int]) -> str:
    """`--serve-only`: the serve figures alone (the whole benchmark takes an hour at 5,000 terms)."""
    results = {}
    with tempfile.TemporaryDirectory(prefix="glossary-bench-") as scratch:
        work = Path(scratch)
        for count in sizes:
            project = work / f"glossary-{count}"
            project.mkdir()
            say(f"[{count}] generating {count} terms")
            results[count] = SizeResult(count, serve=time_serve(project, generate_glossary(project, count), work))
    lines = ["| Target | Goal | Measured | Result |", "|---|---|---|---|"]
    lines += [f"| {v.target} | {v.goal} | {v.measured} | {_status(v.passed)} |" for v in serve_verdicts(results)]
    lines += ["", "| | " + " | ".join(f"{n:,} terms" for n in sizes) + " |", "|---|" + "---:|" * len(sizes)]
    lines += [f"| {label} | " + " | ".join(value(results[n]) for n in sizes) + " |" for label, value in SERVE_ROWS]
    return "\n".join(lines) + "\n"


# --- end of the serve section --------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,5000", help="comma-separated term counts (default: 100,1000,5000)")
    parser.add_argument("--out", type=Path, default=REPO / "bench-results.md", help="Markdown file for the results")
    parser.add_argument("--serve-only", action="store_true", help="time `glossary serve` alone, and only print it")
    args = parser.parse_args()
    sizes = sorted({int(size) for size in args.sizes.split(",")})
    if sizes[0] < 20:
        parser.error("each size must be at least 20 terms (every term has six related terms)")
    if args.serve_only:
        print(serve_only(sizes))
        return 0
    with tempfile.TemporaryDirectory(prefix="glossary-bench-") as scratch:
        work = Path(scratch)
        prepared = [prepare(count, work) for count in sizes]
        results = {}
        for one in prepared:
            results[one.count] = measure(one, work)
            say(f"[{one.count}] {results[one.count]}")
    command = "python scripts/bench.py" + ("" if args.sizes == "100,1000,5000" else f" --sizes {args.sizes}")
    report = render(results, command)
    print(report)
    args.out.write_text(report, encoding="utf-8")
    say(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
