"""The URL lock: published URLs are recorded, and a build that would drop one fails."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO, run_glossary, write_entry
from sourcing_glossary.render.site_pages import generated_pages
from sourcing_glossary.source.load import Layout, load_glossary
from sourcing_glossary.tools.urllock import lock_status, published_urls, redirect_targets
from sourcing_glossary.urls import Publication

ALPHA = """\
term: Alpha
aliases: [AL]
previous_slugs: [old-alpha]
category: sourcing-models
summary: A test term called Alpha.
definition: The definition of Alpha.
"""


def _lock(project: Path) -> Path:
    return project / "glossary" / "urls.lock"


def _recorded(project: Path) -> list[str]:
    return [line for line in _lock(project).read_text(encoding="utf-8").splitlines() if not line.startswith("#")]


def _rename(project: Path, old: str, new: str) -> None:
    path = project / "glossary" / "terms" / f"{old}.yml"
    path.rename(path.with_name(f"{new}.yml"))


def test_published_urls_cover_pages_redirects_categories_and_docs_pages(project: Path) -> None:
    write_entry(project, "alpha", ALPHA)
    glossary, _ = load_glossary(Layout(project, project / "glossary"))

    site = Publication("Sourcing Glossary", "https://sourcing-glossary.example.org/")
    uris = [page.src_uri for page in generated_pages(glossary, site)] + ["index.md", "editors.md"]
    urls = published_urls(glossary, uris)

    assert urls == sorted(urls)
    assert {
        "/",
        "/editors/",
        "/terms/",
        "/terms/alpha/",
        "/terms/al/",
        "/terms/old-alpha/",
        "/categories/",
        "/categories/sourcing-models/",
        "/print/",
    } <= set(urls)


def test_a_renamed_terms_old_card_url_leads_to_its_card_and_an_alias_has_no_card(project: Path) -> None:
    write_entry(project, "alpha", ALPHA)
    glossary, _ = load_glossary(Layout(project, project / "glossary"))

    targets = redirect_targets(glossary)

    assert targets["/cards/old-alpha/"] == "/cards/alpha/"
    assert "/terms/al/" in targets and "/cards/al/" not in targets


def test_a_removed_card_url_is_reported_with_the_rename_fix(tmp_path: Path) -> None:
    lock = tmp_path / "urls.lock"
    lock.write_text("/cards/alpah/\n", encoding="utf-8")

    [problem] = lock_status(lock, "glossary/urls.lock", ["/cards/alpha/"]).removed

    assert problem.hint.startswith(
        "if the term was renamed, add 'alpah' to `previous_slugs` of the term that replaces it (perhaps 'alpha')"
    )


def test_update_creates_the_lock_sorted_with_an_explaining_header(project: Path) -> None:
    write_entry(project, "alpha", ALPHA)

    result = run_glossary("urls", "--update", cwd=project)

    assert result.returncode == 0, result.stdout + result.stderr
    text = _lock(project).read_text(encoding="utf-8")
    assert text.startswith("# ") and "previous_slugs" in text and "glossary urls --update" in text
    assert _recorded(project) == sorted(_recorded(project))
    assert "/terms/alpha/" in _recorded(project)


def test_urls_lists_a_new_url_and_update_records_it(project: Path) -> None:
    write_entry(project, "alpha", ALPHA)
    run_glossary("urls", "--update", cwd=project, check=True)
    write_entry(project, "beta")

    status = run_glossary("urls", cwd=project)
    assert status.returncode == 0
    assert "/terms/beta/" in status.stdout and "glossary urls --update" in status.stdout
    assert "/terms/beta/" not in _recorded(project)

    run_glossary("urls", "--update", cwd=project, check=True)
    assert "/terms/beta/" in _recorded(project)


def test_build_without_a_lock_succeeds_and_says_how_to_create_it(project: Path) -> None:
    write_entry(project, "alpha", ALPHA)

    result = run_glossary("build", cwd=project)

    assert result.returncode == 0, result.stderr
    assert "glossary urls --update" in result.stderr
    assert not _lock(project).exists()


def test_renamed_term_without_previous_slugs_fails_the_build_naming_the_url(project: Path) -> None:
    write_entry(project, "alpha", ALPHA)
    run_glossary("urls", "--update", cwd=project, check=True)
    _rename(project, "alpha", "alpha-prime")

    result = run_glossary("build", cwd=project)

    assert result.returncode == 1
    assert "error[url-removed]: /terms/alpha/ was published" in result.stderr
    assert "add 'alpha' to `previous_slugs`" in result.stderr and "(perhaps 'alpha-prime')" in result.stderr
    assert "glossary/urls.lock" in result.stderr
    assert not (project / "site").exists()


def test_previous_slugs_keep_a_renamed_url_and_the_build_succeeds(project: Path) -> None:
    write_entry(project, "alpha", ALPHA)
    run_glossary("urls", "--update", cwd=project, check=True)
    (project / "glossary" / "terms" / "alpha.yml").unlink()
    write_entry(project, "alpha-prime", ALPHA.replace("[old-alpha]", "[old-alpha, alpha]"))

    result = run_glossary("build", cwd=project)

    assert result.returncode == 0, result.stderr
    assert (project / "site" / "terms" / "alpha" / "index.html").is_file()


def test_urls_fails_on_a_removed_url_pointing_at_its_line_in_the_lock(project: Path) -> None:
    write_entry(project, "alpha", ALPHA)
    run_glossary("urls", "--update", cwd=project, check=True)
    line = _lock(project).read_text(encoding="utf-8").splitlines().index("/terms/old-alpha/") + 1
    write_entry(project, "alpha", ALPHA.replace("previous_slugs: [old-alpha]\n", ""))

    result = run_glossary("urls", cwd=project)

    assert result.returncode == 1
    assert f"glossary/urls.lock:{line}: error[url-removed]: /terms/old-alpha/ was published" in result.stdout
    assert f"delete line {line} of glossary/urls.lock" in result.stdout


def test_update_never_removes_a_recorded_url(project: Path) -> None:
    write_entry(project, "alpha", ALPHA)
    run_glossary("urls", "--update", cwd=project, check=True)
    _rename(project, "alpha", "alpha-prime")

    result = run_glossary("urls", "--update", cwd=project)

    assert result.returncode == 1
    assert {"/terms/alpha/", "/terms/alpha-prime/"} <= set(_recorded(project))


def test_a_removed_hand_written_page_is_reported_with_its_own_fix(tmp_path: Path) -> None:
    lock = tmp_path / "urls.lock"
    lock.write_text("# header\n/\n/old-guide/\n", encoding="utf-8")

    status = lock_status(lock, "glossary/urls.lock", ["/"])

    [problem] = status.removed
    assert (problem.line, problem.code) == (3, "url-removed")
    assert problem.hint == "restore the page; if removing it is deliberate, delete line 3 of glossary/urls.lock"


def test_the_committed_lock_still_matches_the_glossary() -> None:
    result = run_glossary("urls", cwd=REPO)

    assert result.returncode == 0, result.stdout + result.stderr


def test_committed_lock_records_every_url_the_site_publishes() -> None:
    """An unrecorded URL is not protected: adding a term means running `glossary urls --update`."""
    result = run_glossary("urls", cwd=REPO)
    assert result.returncode == 0, result.stdout
    assert "not recorded" not in result.stdout, result.stdout
