"""`glossary serve` rebuilds only what a change reaches, and the site it serves is the site a
clean build makes: checked file by file (build dates aside) after each kind of change, made
while the server runs."""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from bench import add_synthetic_terms
from conftest import Served, run_glossary

TERMS = 16
LIVERELOAD = re.compile(rb"<script>\s*var livereload = function.*?</script>(?=</body>)", re.DOTALL)
LASTMOD = re.compile(rb"<lastmod>[^<]*</lastmod>")


@pytest.fixture
def synthetic(project: Path) -> tuple[Path, list[str]]:
    """A project of a few synthetic terms (linked in a ring, as the benchmark writes them)."""
    terms = add_synthetic_terms(project / "glossary", TERMS)
    return project, [term.slug for term in terms]


def _entry(project: Path, slug: str) -> Path:
    return project / "glossary" / "terms" / f"{slug}.yml"


def _edit(project: Path, slug: str, change: Callable[[dict], None]) -> None:
    path = _entry(project, slug)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _rename(project: Path, old: str, new: str) -> None:
    """A new slug for an entry, the old one kept in previous_slugs, and every reference to it updated."""
    _edit(project, old, lambda data: data.__setitem__("previous_slugs", [old]))
    _entry(project, old).rename(_entry(project, new))
    for path in (project / "glossary" / "terms").glob("*.yml"):
        text = path.read_text(encoding="utf-8")
        changed = re.sub(rf"(?<![\w-]){re.escape(old)}(?![\w-])", new, text)
        if path.stem == new:  # keep the old slug where it is recorded as such
            changed = changed.replace(f"previous_slugs:\n- {new}", f"previous_slugs:\n- {old}")
        if changed != text:
            path.write_text(changed, encoding="utf-8")


def _files(folder: Path) -> dict[str, bytes]:
    """Every file of a built site, with what differs from build to build taken out: the
    sitemap's dates (and the gzip header's time: the sitemap is compared unzipped)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(folder).as_posix()
        data = path.read_bytes()
        if relative.endswith(".gz"):
            data = gzip.decompress(data)
        if "sitemap.xml" in relative:
            data = LASTMOD.sub(b"", data)
        found[relative] = data
    return found


def _assert_serves_a_clean_build(served: Served, project: Path, step: str) -> None:
    run_glossary("build", cwd=project, check=True, env={"GLOSSARY_SITE_URL": served.url})
    clean, shown = _files(project / "site"), _files(served.folder)
    assert sorted(shown) == sorted(clean), (
        f"after '{step}': files only served: {sorted(shown.keys() - clean.keys())[:10]}, "
        f"files only in the clean build: {sorted(clean.keys() - shown.keys())[:10]}"
    )
    differing = [name for name in clean if shown[name] != clean[name]]
    assert not differing, f"after '{step}', these served files differ from the clean build's: {differing[:10]}"
    for name in clean:  # what the server sends: the files, with its live-reload script in pages
        if name.endswith(".html"):
            sent = served.get(name).encode("utf-8")
            assert LIVERELOAD.sub(b"", sent) == clean[name], f"after '{step}', the server sends another {name}"


def test_served_site_is_the_clean_build_after_every_kind_of_change(synthetic: tuple[Path, list[str]], serve) -> None:
    project, slugs = synthetic
    served = serve(project)
    _assert_serves_a_clean_build(served, project, "the first build")
    first, second, third = slugs[0], slugs[1], slugs[2]
    related: list[str] = []  # the second entry's, before the save that breaks it
    new_entry = (
        f"term: Quarterly vendor review\ncategory: economics\n"
        f"summary: A review of a provider held every quarter.\n"
        f"definition: |\n  A quarterly vendor review checks [[{first}]] against its targets [@test-source].\n"
        f"related:\n  - {first}\nsources:\n  - ref: test-source\n"
    )
    steps: list[tuple[str, Callable[[], None]]] = [
        (
            "definition edited",
            lambda: _edit(
                project, first, lambda d: d.__setitem__("definition", d["definition"] + "\nIt is reviewed every quarter.\n")
            ),
        ),
        (
            "summary shown on other pages changed",
            lambda: _edit(
                project,
                second,
                lambda d: d.__setitem__("summary", "A summary that the related terms, the A-Z index and the category page show."),
            ),
        ),
        ("entry renamed, its old slug kept", lambda: _rename(project, third, "renamed-term")),
        ("entry added", lambda: _entry(project, "quarterly-vendor-review").write_text(new_entry, encoding="utf-8")),
        (
            "alias added, which another entry's text mentions",
            lambda: _edit(project, second, lambda d: d["aliases"].append("targets")),
        ),
        ("entry deleted", lambda: _entry(project, "quarterly-vendor-review").unlink()),
        (
            "a failed save fixed, with another summary",
            lambda: _edit(
                project, second, lambda d: d.update(related=related, summary="The summary saved once the broken save was fixed.")
            ),
        ),
        (
            "category renamed (builds all)",
            lambda: (project / "glossary" / "categories.yml").write_text(
                (project / "glossary" / "categories.yml")
                .read_text(encoding="utf-8")
                .replace("title: Economics", "title: Money matters"),
                encoding="utf-8",
            ),
        ),
    ]
    for step, change in steps:
        if step.startswith("a failed save"):  # first the save with an error, which changes nothing
            epoch = served.epoch()
            related += yaml.safe_load(_entry(project, second).read_text(encoding="utf-8"))["related"]
            _edit(project, second, lambda d: d.update(related=["no-such-term"], summary="Broken."))
            served.wait_for_rebuild(epoch)
            assert "nothing was rebuilt" in served.output()
        epoch = served.epoch()
        output = len(served.output())
        change()
        served.wait_for_rebuild(epoch)
        # A change of several files may be seen half made (a rebuild that fails), then whole.
        outcomes = re.findall(r"glossary serve: (nothing was rebuilt|rendered|built all)", served.output()[output:])
        assert outcomes and outcomes[-1] != "nothing was rebuilt", served.output()[-3000:]
        _assert_serves_a_clean_build(served, project, step)
    rebuilds = re.findall(r"glossary serve: (rendered \d+ of \d+ pages again|built all)", served.output())
    assert rebuilds[0] == rebuilds[-1] == "built all", rebuilds
    assert all(r.startswith("rendered") for r in rebuilds[1:-1]), rebuilds


def test_a_failed_validation_keeps_the_last_good_site_and_prints_the_report(synthetic: tuple[Path, list[str]], serve) -> None:
    project, slugs = synthetic
    served = serve(project)
    page = f"terms/{slugs[0]}/"
    good = served.get(page)
    epoch = served.epoch()
    _edit(project, slugs[0], lambda d: d.update(related=["no-such-term"], summary="Changed, but broken."))
    served.wait_for_rebuild(epoch)
    report = run_glossary("validate", cwd=project).stdout
    assert "no-such-term" in report
    assert report.strip() in served.output(), "the terminal does not show the report 'glossary validate' prints"
    shown = served.get(page)
    assert 'id="glossary-serve-problems"' in shown and "no-such-term" in shown
    assert _without_banner(shown) == _without_banner(good), "the page served is not the last good one"
    builds = served.folder.parent
    served.stop()
    assert not builds.exists(), "the server left its builds behind"


def _without_banner(page: str) -> str:
    page = re.sub(r'<div id="glossary-serve-problems".*?</pre></div>', "", page, flags=re.DOTALL)
    return LIVERELOAD.sub(b"", page.encode()).decode()
