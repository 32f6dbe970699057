"""Build the site with MkDocs into a fresh folder and swap it in only when the build succeeded.

A failed or killed build leaves the previous site/ exactly as it was, and two builds started
at once take turns at the swap, so readers and deploy scripts never see a half-written site.
The next build removes the scratch folder a killed build left behind.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def load_site_config(config_file: Path, **overrides: Any) -> MkDocsConfig:
    return load_config(str(config_file), **overrides)


def build_site(config_file: Path, *, strict: bool = False) -> Path:
    """Build atomically; returns the site folder. Raises what MkDocs raises on failure."""
    config = load_site_config(config_file, strict=strict)
    site = Path(config.site_dir)
    site.parent.mkdir(parents=True, exist_ok=True)
    with _scratch_folder(site) as scratch:
        fresh = scratch / site.name
        config.site_dir = str(fresh)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build.build(config)
        finally:
            config.plugins.on_shutdown()
        with _exclusive(site.parent):
            _swap_in(fresh, site)
    return site


@contextmanager
def _scratch_folder(site: Path) -> Iterator[Path]:
    """A private folder beside site/ for one build, locked for as long as the build runs.
    Folders of builds that were killed (their lock died with them) are removed first."""
    prefix = f".{site.name}-build-"
    with _exclusive(site.parent):  # no other build sees the new folder before it is locked
        _remove_abandoned(site.parent, prefix)
        scratch = Path(tempfile.mkdtemp(prefix=prefix, dir=site.parent))
        descriptor = os.open(scratch, os.O_RDONLY)
        fcntl.flock(descriptor, fcntl.LOCK_EX)
    try:
        yield scratch
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        os.close(descriptor)


def _remove_abandoned(folder: Path, prefix: str) -> None:
    for path in folder.glob(prefix + "*"):
        try:
            descriptor = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
        except OSError:
            continue
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            continue  # a build is running in it
        else:
            shutil.rmtree(path, ignore_errors=True)
        finally:
            os.close(descriptor)


@contextmanager
def _exclusive(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on `folder` (a lock on the directory itself: no lock file)."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def _swap_in(fresh: Path, site: Path) -> None:
    if not site.exists():
        fresh.rename(site)
        return
    if _exchange(fresh, site):
        return  # `fresh` now holds the old site and goes away with the scratch folder
    old = fresh.with_name(site.name + ".old")
    site.rename(old)
    fresh.rename(site)
    shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    if ctypes.get_errno() in (errno.EINVAL, errno.ENOSYS, errno.EXDEV, errno.ENOTSUP):
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(b))
