"""A build replaces site/ whole or not at all: failed, broken and killed builds leave the
previous site byte for byte, concurrent builds both finish with a complete site, and no
command writes under glossary/ (except `glossary new`, which never overwrites)."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import GLOSSARY_BIN, run_glossary, small_site

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
WAIT_LIMIT = 120.0  # seconds to wait for a build to reach a hook: a guard against hanging, not a measurement


def tree_hashes(folder: Path) -> dict[str, str]:
    """Every file under `folder` (relative path -> SHA-256)."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small project (conftest.small_site), built once; tests work on copies of it. What they
    check holds for any site: a small one builds in a fraction of the real glossary's time."""
    root = small_site(tmp_path_factory.mktemp("built-once"))
    run_glossary("build", "--strict", cwd=root, check=True)
    return root


@pytest.fixture
def built(built_once: Path, tmp_path: Path) -> Path:
    """A project with a previous site/ in place."""
    target = tmp_path / "project"
    shutil.copytree(built_once, target, symlinks=True)
    return target


def leftovers(project: Path) -> list[str]:
    return sorted(path.name for path in project.iterdir() if path.name.startswith(".site"))


def add_hook(project: Path, code: str) -> None:
    """Run `code` (the body of on_post_build, after every page is written to the scratch
    folder and before the swap) in the next builds."""
    (project / "hook.py").write_text(
        "import os, time\nfrom pathlib import Path\n\n\ndef on_post_build(config, **kwargs):\n" + textwrap.indent(code, "    "),
        encoding="utf-8",
    )
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("\nhooks:\n  - hook.py\n")


def start_build(project: Path, **env: str) -> subprocess.Popen[str]:
    """`glossary build` in a process of its own, to be killed or to run beside another."""
    return subprocess.Popen(
        [str(GLOSSARY_BIN), "build"],
        cwd=project,
        text=True,
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT_LIMIT
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.05)


def test_invalid_entry_leaves_the_previous_site_intact(built: Path) -> None:
    before = tree_hashes(built / "site")
    shutil.copyfile(FIXTURES / "raw-html" / "offshoring.yml", built / "glossary" / "terms" / "offshoring.yml")
    result = run_glossary("build", cwd=built)
    assert result.returncode == 1
    assert "glossary/terms/offshoring.yml:6:3: error[raw-html]" in result.stderr
    assert "The previous site was left as it was." in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_hashes(built / "site") == before
    assert leftovers(built) == []


def test_mkdocs_error_in_strict_mode_leaves_the_previous_site_intact(built: Path) -> None:
    before = tree_hashes(built / "site")
    config = built / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  - Reuse the glossary: reuse.md\n", "  - Reuse the glossary: reuse.md\n  - Gone: no-such-page.md\n"
        ),
        encoding="utf-8",
    )
    result = run_glossary("build", "--strict", cwd=built)
    assert result.returncode == 1
    assert "no-such-page.md" in result.stderr and "Traceback" not in result.stderr
    assert tree_hashes(built / "site") == before
    assert leftovers(built) == []


def test_killed_build_leaves_the_previous_site_intact(built: Path, tmp_path: Path) -> None:
    before = tree_hashes(built / "site")
    ready = tmp_path / "ready"
    add_hook(built, "Path(os.environ['READY']).write_text(config.site_dir)\ntime.sleep(600)\n")
    build = start_build(built, READY=str(ready), TMPDIR=str(tmp_path))
    wait_for(ready.exists, "the build to write its pages")
    half_built = Path(ready.read_text())
    assert (half_built / "index.html").is_file()  # killed midway: the new pages exist, unswapped
    build.send_signal(signal.SIGKILL)
    build.communicate()
    assert tree_hashes(built / "site") == before
    assert leftovers(built) == [half_built.parent.name]

    (built / "hook.py").write_text("def on_post_build(config, **kwargs):\n    pass\n", encoding="utf-8")
    run_glossary("build", cwd=built, check=True)
    assert leftovers(built) == []  # the next build cleared what the killed one left
    assert tree_hashes(built / "site") == before


def test_two_builds_at_once_both_finish_with_a_complete_site(built: Path, tmp_path: Path) -> None:
    single = tree_hashes(built / "site")
    shutil.rmtree(built / "site")
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    # each build waits, pages written, until the other has written its pages too: both are
    # mid-build at the same moment, then both swap
    add_hook(
        built,
        textwrap.dedent("""\
        barrier = Path(os.environ['BARRIER'])
        (barrier / str(os.getpid())).touch()
        deadline = time.monotonic() + 120
        while len(list(barrier.iterdir())) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        """),
    )
    builds = [start_build(built, BARRIER=str(barrier)) for _ in range(2)]
    results = [build.communicate() + (build.returncode,) for build in builds]
    assert [code for _, _, code in results] == [0, 0], results
    assert len(list(barrier.iterdir())) == 2
    assert tree_hashes(built / "site") == single
    assert leftovers(built) == []


def test_validate_and_build_never_write_under_glossary(built: Path) -> None:
    before = tree_hashes(built / "glossary")
    for command in (["validate"], ["validate", "--strict", "--format", "json"], ["build"], ["build", "--strict"]):
        run_glossary(*command, cwd=built, check=True)
    assert tree_hashes(built / "glossary") == before


def test_new_refuses_to_overwrite_an_entry(built: Path) -> None:
    entry = built / "glossary" / "terms" / "offshoring.yml"
    before = entry.read_bytes()
    result = run_glossary("new", "offshoring", cwd=built)
    assert result.returncode == 2
    assert result.stderr == "error: glossary/terms/offshoring.yml already exists; nothing was written\n"
    assert entry.read_bytes() == before


def test_new_refuses_a_name_that_is_not_a_slug(built: Path) -> None:
    before = tree_hashes(built / "glossary")
    result = run_glossary("new", "Near Term Sourcing", cwd=built)
    assert result.returncode == 2
    assert "try 'near-term-sourcing'" in result.stderr
    assert tree_hashes(built / "glossary") == before


def test_new_entry_validates(built: Path) -> None:
    result = run_glossary("new", "near-term-sourcing", cwd=built)
    assert result.returncode == 0
    assert (built / "glossary" / "terms" / "near-term-sourcing.yml").is_file()
    check = run_glossary("validate", cwd=built)
    assert check.returncode == 0, check.stdout
    # what is left to do shows as warnings: the TODO placeholders, and no entry links to it yet
    assert "near-term-sourcing.yml:5:10: warning[placeholder-text]" in check.stdout
    assert "warning[orphan-term]: no other entry links to 'near-term-sourcing'" in check.stdout


@pytest.mark.parametrize("broken", [False, True])
def test_a_build_leaves_no_scratch_files_behind(built: Path, tmp_path: Path, broken: bool) -> None:
    """Nothing the build writes outside the site's folder is left behind, whether it succeeded
    or failed."""
    if broken:  # a page links to a page that does not exist: MkDocs fails in strict mode
        (built / "docs" / "reuse.md").write_text("[gone](no-such-page.md)\n", encoding="utf-8")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    result = run_glossary("build", "--strict", cwd=built, env={"TMPDIR": str(scratch)})
    assert result.returncode == (1 if broken else 0), result.stderr
    assert list(scratch.iterdir()) == []
