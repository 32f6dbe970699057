"""`glossary render --out DIR`: every page as Markdown, with the files the site needs, in a folder
that a site generator builds without the plugin; never over a file the render did not write."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import TEST_SOURCES, copy_project, run_glossary, valid_glossary, write_entry
from sourcing_glossary.mkdocs.build import load_site_config
from sourcing_glossary.render.site_pages import generated_pages
from sourcing_glossary.urls import Publication

RELATED_ENTRY = """\
term: Alpha
category: sourcing-models
summary: A test term called Alpha.
definition: |
  The definition of Alpha, next to [[beta]].
related: [beta]
sources:
  - ref: test-source
"""


def rendered(project: Path, out: Path) -> Path:
    write_entry(project, "alpha", RELATED_ENTRY)
    write_entry(project, "beta")
    run_glossary("render", "--out", str(out), cwd=project, check=True)
    return out


@pytest.fixture(scope="module")
def rendered_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project of two terms, alpha and beta, rendered once into its out/ (for tests that only read)."""
    project = copy_project(tmp_path_factory.mktemp("render"), terms=[])
    (project / "glossary" / "sources.yml").write_text(TEST_SOURCES, encoding="utf-8")
    rendered(project, project / "out")
    return project


def test_render_writes_every_generated_page_and_the_files_the_site_needs(rendered_project: Path) -> None:
    project, out = rendered_project, rendered_project / "out"
    config = load_site_config(project / "mkdocs.yml")
    for page in generated_pages(valid_glossary(project), Publication(config.site_name, config.site_url or "")):
        assert (out / "docs" / page.src_uri).is_file(), page.src_uri
    for name in (
        "docs/index.md",
        "docs/assets/glossary.js",
        "docs/terms.json",
        "docs/terms-text.json",
        "docs/exports/glossary.csv",
        "overrides/card.html",
    ):
        assert (out / name).is_file(), name
    settings = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    assert settings["plugins"] == ["search"] and settings["docs_dir"] == "docs"
    assert settings["theme"]["custom_dir"] == "overrides"


def test_render_puts_what_the_plugin_adds_after_rendering_into_the_markdown(rendered_project: Path) -> None:
    out = rendered_project / "out"
    alpha = (out / "docs" / "terms" / "alpha.md").read_text(encoding="utf-8")
    assert '<figure class="gl-map">' in alpha and '<script type="application/ld+json">' in alpha
    assert (out / "docs" / "print" / "index.md").read_text(encoding="utf-8").count("gl-handout-term") == 2


def test_render_puts_a_term_pages_html_parts_where_the_build_puts_them_after_markdown(rendered_project: Path) -> None:
    alpha = (rendered_project / "out" / "docs" / "terms" / "alpha.md").read_text(encoding="utf-8")
    assert "glossary part:" not in alpha
    assert '<p class="gl-summary">A test term called Alpha.</p>' in alpha
    assert '<li><a href="beta/">Beta</a>: ' in alpha  # the related terms, a link rebased as the map's
    assert '<p class="gl-footer">' in alpha


def test_html_links_are_written_from_the_markdown_files_folder(rendered_project: Path) -> None:
    out = rendered_project / "out"
    alpha = (out / "docs" / "terms" / "alpha.md").read_text(encoding="utf-8")
    assert '<a class="gl-permalink" href="alpha/">' in alpha  # the page itself, terms/alpha/
    assert '<a href="beta/">' in alpha  # the map's link to terms/beta/
    assert '<a class="gl-card-link" href="../cards/alpha/">' in alpha
    for handout in ("index.md", "sourcing-models.md"):  # published at print/ and at print/sourcing-models/
        assert 'href="../terms/beta/"' in (out / "docs" / "print" / handout).read_text(encoding="utf-8"), handout


def test_render_again_replaces_its_own_files_and_leaves_others_alone(project: Path, tmp_path: Path) -> None:
    out = rendered(project, tmp_path / "out")
    (out / "site").mkdir()
    (out / "site" / "index.html").write_text("built", encoding="utf-8")
    (project / "glossary" / "terms" / "beta.yml").unlink()
    (project / "glossary" / "terms" / "alpha.yml").write_text(
        RELATED_ENTRY.replace("[[beta]]", "it").replace("related: [beta]\n", ""), encoding="utf-8"
    )
    result = run_glossary("render", "--out", str(out), cwd=project)
    assert result.returncode == 0, result.stderr
    assert not (out / "docs" / "terms" / "beta.md").exists() and not (out / "docs" / "cards" / "beta.md").exists()
    assert (out / "site" / "index.html").read_text(encoding="utf-8") == "built"


def test_render_refuses_a_folder_it_did_not_write(project: Path, tmp_path: Path) -> None:
    write_entry(project, "alpha")
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.md").write_text("mine", encoding="utf-8")
    result = run_glossary("render", "--out", str(out), cwd=project)
    assert result.returncode == 2
    assert "was not written by 'glossary render'" in result.stderr and "nothing was written" in result.stderr
    assert [path.name for path in out.iterdir()] == ["notes.md"]


def test_render_refuses_to_overwrite_a_file_changed_since_it_wrote_it(project: Path, tmp_path: Path) -> None:
    out = rendered(project, tmp_path / "out")
    edited = (out / "mkdocs.yml").read_text(encoding="utf-8").replace("site_name: ", "site_name: Our ")
    (out / "mkdocs.yml").write_text(edited, encoding="utf-8")
    result = run_glossary("render", "--out", str(out), cwd=project)
    assert result.returncode == 2
    assert f"{out.resolve() / 'mkdocs.yml'} was not written by the last render, or was changed since" in result.stderr
    assert (out / "mkdocs.yml").read_text(encoding="utf-8") == edited


def test_render_never_writes_into_docs_or_glossary(project: Path) -> None:
    write_entry(project, "alpha")
    for out in ("docs/rendered", "glossary", "."):
        result = run_glossary("render", "--out", out, cwd=project)
        assert result.returncode == 2 and "would overlap" in result.stderr, out
    assert not (project / "docs" / "rendered").exists()


def test_render_reports_errors_as_validate_does_and_writes_nothing(project: Path, tmp_path: Path) -> None:
    write_entry(project, "alpha", "term: Alpha\n")
    result = run_glossary("render", "--out", str(tmp_path / "out"), cwd=project)
    assert result.returncode == 1
    assert result.stdout == run_glossary("validate", cwd=project).stdout
    assert "error[missing-field]" in result.stdout
    assert not (tmp_path / "out").exists()


def test_render_refuses_to_drop_a_published_url_as_the_build_does(project: Path, tmp_path: Path) -> None:
    write_entry(project, "alpha")
    run_glossary("urls", "--update", cwd=project, check=True)
    (project / "glossary" / "terms" / "alpha.yml").rename(project / "glossary" / "terms" / "alpha-prime.yml")
    result = run_glossary("render", "--out", str(tmp_path / "out"), cwd=project)
    assert result.returncode == 1
    assert "error[url-removed]: /terms/alpha/ was published" in result.stdout
    assert not (tmp_path / "out").exists()
