"""`glossary render --out DIR`: the glossary as a plain MkDocs project, which a site generator
builds without our plugin (Zensical reads mkdocs.yml but runs none of its plugins).

    DIR/mkdocs.yml   the project's mkdocs.yml without the glossary plugin
    DIR/docs/        the hand-written pages and assets, every generated page as Markdown, and
                     the files the site publishes besides its pages (redirects, data, exports)
    DIR/overrides/   the theme's custom_dir
    DIR/.glossary-render.json   every file the render wrote, with its checksum

What the plugin puts into a page once it is rendered (a handout's terms, a term's neighbourhood
map, the page's JSON-LD) is written into the Markdown as HTML, which Markdown keeps as it is.
Relative URLs in the pages' HTML are written as Zensical reads them (`_from_source`).

A render never overwrites a file it did not write, or one changed since it wrote it: a folder
that is not empty must hold the last render's record, and every file that the render would
write or remove must still be as recorded. Other files (a build's site/) are left alone.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import yaml

from ..exports import formats
from ..exports.site_files import site_files
from ..model import Glossary
from ..render import neighbourhood_map, structured_data
from ..render.handout import Handouts, Render
from ..render.pages import GeneratedPage, parts_in_markdown
from ..render.site_pages import generated_pages
from ..urls import Publication, site_path

PLUGIN = "glossary"  # the plugin's name in mkdocs.yml (its entry point in pyproject.toml)
RECORD = ".glossary-render.json"
DOCS, OVERRIDES, CONFIG = "docs", "overrides", "mkdocs.yml"
_URL_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")([^"]*)"')

_CONFIG_HEADER = """\
# Written by `glossary render`: every page of the glossary is plain Markdown in docs/, for a site
# generator that does not run the glossary plugin (`zensical build` here). Links in the pages' HTML
# are written as Zensical reads them, from the Markdown file's folder; MkDocs and ProperDocs read
# them from the page's, so build the glossary's project itself with those (the plugin does this).
# Edit the entries in the project and render again, rather than the files here.
"""


@dataclass(frozen=True)
class Project:
    """What a render takes from the project besides the glossary, read from its mkdocs.yml."""

    config: dict[str, Any]  # mkdocs.yml as loaded, environment variables resolved
    root: Path  # the folder of mkdocs.yml
    docs_dir: Path
    data_dir: Path  # the glossary's YAML

    @property
    def theme_dir(self) -> Path | None:
        theme = self.config.get("theme")
        custom = theme.get("custom_dir") if isinstance(theme, dict) else None
        return self.root / custom if custom else None


@dataclass(frozen=True)
class Output:
    files: dict[str, bytes]  # path in DIR -> content
    pages: list[str]  # the src_uri of every generated page
    clashes: list[str]  # hand-written pages in docs/ that a generated file would replace


def project_files(glossary: Glossary, site: Publication, project: Project, markdown: Render) -> Output:
    generated: dict[str, bytes] = {}
    handouts = Handouts(glossary, site, markdown)
    pages = generated_pages(glossary, site)
    for page in pages:
        generated[f"{DOCS}/{page.src_uri}"] = _from_source(_finished(page, glossary, site, handouts), page.src_uri).encode()
    for relative, text in site_files(glossary, site, project.data_dir / formats.SCHEMA_FILE):
        generated[f"{DOCS}/{relative}"] = text.encode()
    written = _copied(project.docs_dir, DOCS, leave_out=project.theme_dir)
    clashes = sorted(path.removeprefix(f"{DOCS}/") for path in written.keys() & generated.keys())
    if project.theme_dir:
        written |= _copied(project.theme_dir, OVERRIDES)
    written[CONFIG] = _config(project, pages).encode()
    return Output(written | generated, [page.src_uri for page in pages], clashes)


def _finished(page: GeneratedPage, glossary: Glossary, site: Publication, handouts: Handouts) -> str:
    """The page's Markdown with what the plugin adds to its HTML already in place."""
    text = neighbourhood_map.fill(page.src_uri, handouts.fill(page.src_uri, parts_in_markdown(page)), glossary)
    script = structured_data.page_script(page.src_uri, glossary, site)
    return f"{text}\n{script}\n" if script else text


def _from_source(markdown: str, src_uri: str) -> str:
    """The page's Markdown with every relative URL in its HTML read from the Markdown file's folder.
    The browser reads them from the page's folder, one deeper for terms/x.md (published at
    terms/x/), and MkDocs leaves HTML as it is; Zensical reads them as it reads Markdown links."""
    page, folder = site_path(src_uri), posixpath.dirname(f"/{src_uri}")

    def rebase(match: re.Match[str]) -> str:
        url = urlsplit(match[2])
        if url.scheme or url.netloc or not url.path or url.path.startswith("/"):
            return match[0]
        path = posixpath.relpath(posixpath.normpath(posixpath.join(page, url.path)), folder)
        return f'{match[1]}{urlunsplit(url._replace(path=path + "/" * url.path.endswith("/")))}"'

    return _URL_ATTRIBUTE.sub(rebase, markdown)


def _copied(folder: Path, prefix: str, *, leave_out: Path | None = None) -> dict[str, bytes]:
    """The files of `folder`, under `prefix`; the Markdown pages' HTML read from their files' folders."""
    files = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or (leave_out and path.is_relative_to(leave_out)):
            continue
        relative = path.relative_to(folder).as_posix()
        data = path.read_bytes()
        if path.suffix == ".md":
            data = _from_source(data.decode("utf-8"), relative).encode()
        files[f"{prefix}/{relative}"] = data
    return files


def _config(project: Project, pages: list[GeneratedPage]) -> str:
    """The project's mkdocs.yml for DIR: no glossary plugin; the generated pages that are not in
    the navigation said to be so, as the plugin tells MkDocs."""
    config = {**project.config, "docs_dir": DOCS, "site_dir": "site"}
    plugins = config.get("plugins", [])
    if isinstance(plugins, dict):
        config["plugins"] = {name: options for name, options in plugins.items() if name != PLUGIN}
    else:
        config["plugins"] = [item for item in plugins if (next(iter(item)) if isinstance(item, dict) else item) != PLUGIN]
    if isinstance(config.get("theme"), dict):
        # Zensical's "classic" variant keeps Material for MkDocs' look (Material ignores the key)
        config["theme"] = {**config["theme"], "variant": config["theme"].get("variant", "classic")}
    if project.theme_dir:
        config["theme"] = {**config["theme"], "custom_dir": OVERRIDES}
    folders = sorted({PurePosixPath(page.src_uri).parts[0] for page in pages if not page.in_nav})
    config["not_in_nav"] = "".join(f"/{folder}/\n" for folder in folders) + config.get("not_in_nav", "")
    return _CONFIG_HEADER + yaml.dump(config, Dumper=_ConfigDumper, sort_keys=False, allow_unicode=True, width=120)


class _ConfigDumper(yaml.SafeDumper):
    """Writes text of several lines as a block, as people write it in mkdocs.yml."""


_ConfigDumper.add_representer(
    str, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None)
)


def refusal(out: Path, files: Mapping[str, bytes], protected: Iterable[Path]) -> str | None:
    """Why the render must not write `files` into `out`; None when it may."""
    out = out.resolve()
    for folder in protected:
        folder = folder.resolve()
        if out.is_relative_to(folder) or folder.is_relative_to(out):
            return f"{out} would overlap {folder}: render into a folder of its own"
    if out.exists() and not out.is_dir():
        return f"{out} is not a folder"
    recorded = _record(out)
    if recorded is None:
        return f"{out} is not empty and was not written by 'glossary render': choose a new or empty folder"
    for path in sorted(recorded.keys() | files.keys()):
        target = out / path
        if target.exists() and (not target.is_file() or _digest(target.read_bytes()) != recorded.get(path)):
            return (
                f"{target} was not written by the last render, or was changed since: "
                "move it out of the folder, or choose another folder"
            )
    return None


def write(out: Path, files: Mapping[str, bytes]) -> None:
    """Replace the last render's files by `files` (check `refusal` first)."""
    recorded = _record(out) or {}
    for path in recorded.keys() - files.keys():
        (out / path).unlink(missing_ok=True)
        for folder in (out / path).parents:
            if folder == out or any(folder.iterdir()):
                break
            folder.rmdir()
    digests = {path: _digest(data) for path, data in sorted(files.items())}
    for path, data in files.items():
        if recorded.get(path) == digests[path] and (out / path).is_file():
            continue  # as it is: a generator's differential build skips it
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_bytes(data)
    record = {"written_by": "glossary render", "files": digests}
    (out / RECORD).write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")


def _record(out: Path) -> dict[str, str] | None:
    """The last render's files and checksums; {} for a new or empty folder, None for a folder
    that holds files but no readable record."""
    if not out.is_dir() or not any(out.iterdir()):
        return {}
    try:
        files = json.loads((out / RECORD).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return files if isinstance(files, dict) else None


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
