"""What keeps the build cheap changes nothing a reader gets: the site built with each saving
switched off is the same, file by file and byte for byte."""

from __future__ import annotations

import filecmp
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import copy_project
from sourcing_glossary.mkdocs import material
from sourcing_glossary.mkdocs.build import build_site


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
