"""What `glossary serve` keeps from one state of glossary/ to the next (render/reach.py,
render/page_cache.py, checks/validate.py's Revalidation): after edits of every kind, the kept
and remade pages are exactly the pages made from scratch, and the pages said to have changed are
exactly those that differ."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest
import yaml
from markdown import Markdown

from conftest import copy_project, write_entry
from sourcing_glossary.checks.validate import Revalidation, validate
from sourcing_glossary.exports import formats
from sourcing_glossary.exports.site_data import terms_json, terms_script, terms_text_json
from sourcing_glossary.mkdocs.plugin import page_additions
from sourcing_glossary.model import Glossary
from sourcing_glossary.render import matrix_picture
from sourcing_glossary.render.handout import Handouts
from sourcing_glossary.render.page_cache import PageCache
from sourcing_glossary.render.reach import EntryParts
from sourcing_glossary.render.redirects import redirect_pages
from sourcing_glossary.render.site_pages import generated_pages
from sourcing_glossary.source.load import Layout
from sourcing_glossary.urls import Publication

SITE = Publication("Sourcing Glossary", "http://127.0.0.1:8000/")
EXTENSIONS = ["toc", "md_in_html", "tables", "admonition", "sane_lists"]


def _render() -> Callable[[str], str]:
    markdown = Markdown(extensions=EXTENSIONS)
    return lambda text: markdown.reset().convert(text)


def _fresh(glossary: Glossary) -> dict[str, tuple[str, str]]:
    """Every generated page made from scratch: its Markdown and what goes in after rendering."""
    handouts = Handouts(glossary, SITE, _render())
    return {
        page.src_uri: (page.markdown, page_additions(page, glossary, None, site=SITE, handouts=handouts))
        for page in generated_pages(glossary, SITE)
    }


def _edit(project: Path, slug: str, change: Callable[[dict], None]) -> None:
    path = project / "glossary" / "terms" / f"{slug}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _move(project: Path, old: str, new: str) -> None:
    """Rename an entry's file, recording the old slug, and point every reference to it at the new one."""
    terms = project / "glossary" / "terms"
    (terms / f"{old}.yml").rename(terms / f"{new}.yml")
    _edit(project, new, lambda data: data.__setitem__("previous_slugs", [old]))
    for path in terms.glob("*.yml"):
        text = path.read_text(encoding="utf-8")
        changed = text.replace(f"[[{old}]]", f"[[{new}]]").replace(f"[[{old}|", f"[[{new}|")
        changed = changed.replace(f"- {old}\n", f"- {new}\n").replace(f"  {old}:", f"  {new}:")
        if changed != text:
            path.write_text(changed, encoding="utf-8")


NEW_ENTRY = """\
term: Service desk
category: contact-center-operations
summary: A single point of contact for users' requests and incidents.
definition: |
  A service desk takes every request through one channel [@oecd-outsourcing-glossary].
related:
  - help-desk
"""

EDITS: list[tuple[str, Callable[[Path], None]]] = [
    (
        "definition",
        lambda p: _edit(
            p,
            "outsourcing",
            lambda d: d.__setitem__("definition", d["definition"] + "\nMany firms combine it with offshoring and a help desk.\n"),
        ),
    ),
    (
        "summary shown on other pages",
        lambda p: _edit(p, "offshoring", lambda d: d.__setitem__("summary", "Moving work to another country, whoever does it.")),
    ),
    ("term renamed", lambda p: _edit(p, "nearshoring", lambda d: d.__setitem__("term", "Near-shore sourcing"))),
    ("alias added", lambda p: _edit(p, "help-desk", lambda d: d.setdefault("aliases", []).append("support desk"))),
    ("related list", lambda p: _edit(p, "homeshoring", lambda d: d.setdefault("related", []).append("offshoring"))),
    ("entry added", lambda p: (p / "glossary" / "terms" / "service-desk.yml").write_text(NEW_ENTRY, encoding="utf-8")),
    ("category changed", lambda p: _edit(p, "service-desk", lambda d: d.__setitem__("category", "economics"))),
    ("deprecated", lambda p: _edit(p, "rightshoring", lambda d: d.update(status="deprecated", replaced_by="nearshoring"))),
    ("entry deleted", lambda p: (p / "glossary" / "terms" / "service-desk.yml").unlink()),
    ("slug renamed", lambda p: _move(p, "homeshoring", "home-based-work")),
    (
        "source retitled",
        lambda p: (p / "glossary" / "sources.yml").write_text(
            (p / "glossary" / "sources.yml")
            .read_text(encoding="utf-8")
            .replace("title: 'Attrition vs. Turnover: Understanding the Differences'", "title: Attrition and turnover"),
            encoding="utf-8",
        ),
    ),
    (
        "category retitled",
        lambda p: (p / "glossary" / "categories.yml").write_text(
            (p / "glossary" / "categories.yml")
            .read_text(encoding="utf-8")
            .replace("title: Sourcing models", "title: Models of sourcing"),
            encoding="utf-8",
        ),
    ),
]


@pytest.fixture(scope="module")
def steps(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, object, dict, dict, dict]]:
    """For each edit: its name, what the cache gave, and the pages from scratch before and after."""
    project = copy_project(tmp_path_factory.mktemp("serve-pages"))
    layout = Layout(project, project / "glossary")
    revalidation = Revalidation(layout)
    first = revalidation.validate().glossary
    handouts = Handouts(first, SITE, _render(), remember=True)
    cache = PageCache(SITE, handouts, partial(page_additions, site=SITE, handouts=handouts))
    cache.published(cache.update(first))
    parts = EntryParts()
    before = _fresh(first)
    found = []
    for name, edit in EDITS:
        edit(project)
        glossary = revalidation.validate().glossary
        update = cache.update(glossary)
        cache.published(update)
        parts.refresh(update.reach)
        after = _fresh(glossary)
        kept = {page.src_uri: cache.shown[page.src_uri] for page in update.pages}
        exports = _exports(glossary, parts) == _exports(glossary, None)
        found.append((name, update, before, after, kept, exports))
        before = after
    return found


def _exports(glossary: Glossary, parts: EntryParts | None) -> list[tuple[str, str]]:
    """Every file the plugin writes besides pages, made with the parts kept in `parts`."""
    schema = Path(__file__).parent.parent / "glossary" / formats.SCHEMA_FILE
    return [
        *formats.site_exports(glossary, SITE, schema, parts),
        ("words", terms_text_json(glossary, parts)),
        ("terms.json", terms_json(glossary, SITE.base_url, parts)),
        ("terms.js", terms_script(glossary, parts)),
        *matrix_picture.picture_files(glossary, SITE, parts),
        *redirect_pages(glossary, parts).items(),
    ]


@pytest.mark.parametrize("index", range(len(EDITS)), ids=[name for name, _ in EDITS])
def test_exports_kept_across_an_edit_are_the_exports_made_from_scratch(steps: list, index: int) -> None:
    assert steps[index][-1], f"after '{steps[index][0]}', an export differs from one made from scratch"


@pytest.mark.parametrize("index", range(len(EDITS)), ids=[name for name, _ in EDITS])
def test_pages_kept_across_an_edit_are_the_pages_made_from_scratch(steps: list, index: int) -> None:
    name, update, before, after, kept, _ = steps[index]
    assert list(kept) == list(after), "the pages are not those generated_pages() lists, in its order"
    wrong = [uri for uri in after if kept[uri] != after[uri]]
    assert not wrong, f"after '{name}', these pages differ from pages made from scratch: {wrong[:10]}"
    differing = {uri for uri in after if before.get(uri) != after[uri]}
    assert update.changed == differing
    assert update.removed == before.keys() - after.keys()


def test_an_edit_reaches_few_entries_and_a_shared_file_reaches_all(steps: list) -> None:
    reaches = {name: update.reach for name, update, *_ in steps}
    terms = sum(uri.startswith("terms/") for uri in steps[0][3])
    # outsourcing is the glossary's hub: 42 entries link to it or from it
    assert reaches["definition"] is not None and 0 < len(reaches["definition"]) < terms / 2
    assert reaches["source retitled"] is None and reaches["category retitled"] is None


def test_revalidation_finds_the_problems_validate_finds(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    layout = Layout(project, project / "glossary")
    revalidation = Revalidation(layout)
    assert revalidation.validate().problems == validate(layout).problems
    _edit(project, "outsourcing", lambda d: d.update(related=["no-such-term"], summary="Roughly 45% of firms do it."))
    (project / "glossary" / "terms" / "broken.yml").write_text("term: [unclosed\n", encoding="utf-8")
    again = revalidation.validate()
    assert again.problems == validate(layout).problems
    assert {p.code for p in again.errors} >= {"unknown-ref", "yaml-syntax"}


def test_revalidation_reads_again_only_the_files_that_were_saved(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sourcing_glossary.source import load

    for slug in ("alpha", "beta", "gamma"):
        write_entry(project, slug)
    monkeypatch.setattr(load.FileCache, "SETTLED_NS", 0)  # files saved just now count as settled
    revalidation = Revalidation(Layout(project, project / "glossary"))
    revalidation.validate()
    read: list[str] = []
    real = load.read_bytes
    monkeypatch.setattr(load, "read_bytes", lambda path, shown: read.append(path.name) or real(path, shown))
    revalidation.validate()
    assert read == []
    write_entry(project, "beta", term="Beta renamed")
    again = revalidation.validate()
    assert read == ["beta.yml"] and again.glossary.entries["beta"].term == "Beta renamed"
