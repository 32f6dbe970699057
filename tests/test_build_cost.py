"""What keeps the build cheap changes nothing a reader gets: the site built with each saving
switched off is the same, file by file and byte for byte."""

from __future__ import annotations

import filecmp
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown import Markdown

from conftest import REPO, copy_project
from sourcing_glossary.mkdocs import material
from sourcing_glossary.mkdocs.build import build_site, load_site_config
from sourcing_glossary.model import Entry, Glossary, SourceRecord, SourceRef
from sourcing_glossary.problems import Mark
from sourcing_glossary.render.pages import MARKDOWN_PARTS, PART, md_text, put_parts, term_parts
from sourcing_glossary.source import yamltree


def differing_files(one: Path, other: Path) -> Iterator[str]:
    """Paths (relative to `one`) that are missing from either folder or differ in content."""
    comparison = filecmp.dircmp(one, other)
    pending = [(comparison, Path())]
    while pending:
        current, relative = pending.pop()
        yield from (str(relative / name) for name in current.left_only + current.right_only + current.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(current.left, current.right, current.common_files, shallow=False)
        yield from (str(relative / name) for name in mismatch + errors)
        pending += [(sub, relative / name) for name, sub in current.subdirs.items()]


@pytest.fixture(scope="module")
def without_reused_navigation(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real glossary built with the theme rendering its navigation into every page."""
    root = copy_project(tmp_path_factory.mktemp("every-navigation"))
    with pytest.MonkeyPatch.context() as patch:  # undone before the module's other tests run
        patch.setattr(material, "reuse_navigation", lambda env: None)
        return build_site(root / "mkdocs.yml")


def test_the_reused_navigation_is_the_one_the_theme_renders(built_site: Path, without_reused_navigation: Path) -> None:
    assert list(differing_files(built_site, without_reused_navigation)) == []


def test_the_navigation_is_rendered_once_for_all_term_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_project(tmp_path)
    rendered: list[str] = []
    reuse = material.reuse_navigation

    def counted(env: Any) -> None:
        template = env.get_template(material.NAV_TEMPLATE)
        render = template.root_render_func

        def counting(context: Any) -> Iterator[str]:
            rendered.append(getattr(context.get("page"), "url", ""))  # the 404 page has none
            yield from render(context)

        template.root_render_func = counting
        reuse(env)

    monkeypatch.setattr(material, "reuse_navigation", counted)
    build_site(root / "mkdocs.yml")
    term_pages = [url for url in rendered if url.startswith("terms/") and url != "terms/"]
    assert len(term_pages) == 1, term_pages


# --- A term page's HTML parts are what Markdown renders in their place -----------------------

SITE_MARKDOWN = load_site_config(REPO / "mkdocs.yml")
# One line of text, as loading leaves entries' names and summaries (tabs and carriage returns included).
LINE = (
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\n"), min_size=1, max_size=40)
    .map(str.strip)
    .filter(lambda text: text and not yamltree._BAD_CHARACTER.search(text))
)


def rendered(markdown_text: str) -> str:
    return Markdown(extensions=SITE_MARKDOWN.markdown_extensions, extension_configs=SITE_MARKDOWN.mdx_configs).convert(
        markdown_text
    )


def listed(term: str, summary: str, slug: str = "other") -> Entry:
    return Entry(slug=slug, path=f"{slug}.yml", term=term, category="c", summary=summary, definition="d")


def glossary_of(*entries: Entry) -> Glossary:
    return Glossary(entries={entry.slug: entry for entry in entries}, categories={}, facets={})


@settings(max_examples=300, deadline=None)
@given(terms=st.lists(st.tuples(LINE, LINE), min_size=1, max_size=3))
def test_a_list_of_terms_is_written_as_markdown_renders_it(terms: list[tuple[str, str]]) -> None:
    others = [listed(term, summary, f"other-{number}") for number, (term, summary) in enumerate(terms)]
    entry = replace(listed("Term", "What it is.", "term"), related=tuple(other.slug for other in others))
    parts = term_parts(entry, glossary_of(entry, *others), [])
    markdown_list = "\n".join(f"- [{md_text(e.term)}](../{e.slug}/): {md_text(e.summary)}" for e in others)
    if "related-terms" not in parts:  # left to Markdown
        assert any("\t" in e.term + e.summary or "\r" in e.term + e.summary for e in others)
        return
    with_marker = rendered(f"# Page\n\n{PART.format('related-terms')}\n\nEnd.")
    assert put_parts(with_marker, parts) == rendered(f"# Page\n\n{markdown_list}\n\nEnd.")


@settings(max_examples=300, deadline=None)
@given(
    term=LINE,
    summary=LINE,
    aliases=st.lists(LINE, max_size=2),
    source=st.tuples(LINE, LINE, LINE),
    status=st.sampled_from(["draft", "reviewed", "deprecated"]),
)
def test_a_block_of_html_is_put_in_as_markdown_passes_it_through(
    term: str, summary: str, aliases: list[str], source: tuple[str, str, str], status: str
) -> None:
    title, publisher, note = source
    record = SourceRecord(id="a-source", title=title, publisher=publisher, kind="book", mark=Mark("sources.yml", 1, 1))
    entry = replace(
        listed(term, summary, "term"),
        aliases=tuple(aliases),
        status=status,
        reviewed="2026-01-02",
        sources=(SourceRef(record.id, note),),
    )
    glossary = replace(glossary_of(entry), sources={record.id: record})
    parts = {name: text for name, text in term_parts(entry, glossary, []).items() if name not in MARKDOWN_PARTS}
    assert {"summary", "sources", "footer"} <= set(parts)
    with_markers = rendered("# Page\n\n" + "".join(f"{PART.format(name)}\n\n" for name in parts) + "End.")
    assert put_parts(with_markers, parts) == rendered("# Page\n\n" + "".join(f"{text}\n\n" for text in parts.values()) + "End.")
