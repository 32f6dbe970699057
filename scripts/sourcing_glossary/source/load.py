"""Load the glossary folder into the model, collecting every problem on the way."""

from __future__ import annotations

import os
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from ..model import RESERVED_SLUGS, Category, Comparison, Entry, Facet, Glossary, SourceRecord, SourceRef
from ..names import is_slug, slugify
from ..problems import Mark, Problem, display_path
from .records import record_field_problems
from .schema import SchemaChecker
from .yamltree import Node, ReadResult, parse_yaml_bytes, parse_yaml_text, read_bytes, read_yaml

_T = TypeVar("_T")


@dataclass(frozen=True)
class Layout:
    """Where the glossary's files are. `root` is the project folder (messages are relative to it)."""

    root: Path
    data: Path

    @property
    def terms(self) -> Path:
        return self.data / "terms"

    @property
    def categories(self) -> Path:
        return self.data / "categories.yml"

    @property
    def comparisons(self) -> Path:
        return self.data / "comparisons.yml"

    @property
    def sources(self) -> Path:
        return self.data / "sources.yml"

    def shown(self, path: Path) -> str:
        return display_path(path, self.root)

    def term_path(self, slug: str) -> Path:
        return self.terms / f"{slug}.yml"

    def existing_entry(self, slug: str) -> Path | None:
        """The entry file a new `slug` would clash with: the same name but for case (two such
        files cannot live side by side on Windows or macOS)."""
        return next((p for p in sorted(self.terms.glob("*.yml")) if p.stem.casefold() == slug.casefold()), None)


class FileCache:
    """What was made of each file read so far, by the file's bytes and the schema it was checked
    against. Given to load_glossary, a file whose bytes and schema have not changed since is
    neither parsed nor checked again, and an entry file keeps its Entry object (`glossary serve`
    rebuilds the pages of the entries that changed and reuses what it made of the others).

    A file is not even read again while its status (times, size, inode) is the same, unless it
    was changed shortly before it was read: a file's time has a coarse grain, so a second save
    within the same tick would leave the status as it was (git's "racy clean" rule)."""

    SETTLED_NS = 2_000_000_000  # changed this long before it was read, a file's status tells its bytes

    def __init__(self) -> None:
        self._made: dict[str, tuple[bytes, str, Any, tuple[int, ...] | None]] = {}
        self._seen: set[str] = set()

    def made(
        self, name: str, path: str | Path, shown: str, schema: SchemaChecker, make: Callable[[bytes | ReadResult], _T]
    ) -> _T:
        """What `make` makes of the file `name` at `path`: of its bytes (or why they are unread)."""
        self._seen.add(name)
        known = self._made.get(name)
        status = _status(path)
        if known is not None and status is not None and known[3] == status and known[1] == schema.text:
            return known[2]  # type: ignore[no-any-return]
        read_at = time.time_ns()
        data = read_bytes(Path(path), shown)
        if not isinstance(data, bytes):
            return make(data)
        if known is None or known[0] != data or known[1] != schema.text:
            known = (data, schema.text, make(data), None)
        settled = status is not None and status[1] < read_at - self.SETTLED_NS and status == _status(path)
        self._made[name] = (*known[:3], status if settled else None)
        return known[2]  # type: ignore[no-any-return]

    def forget_unseen(self) -> None:
        """Forget the files not asked for since the last call (deleted ones)."""
        for name in self._made.keys() - self._seen:
            del self._made[name]
        self._seen.clear()


def _status(path: str | Path) -> tuple[int, ...] | None:
    """What changes when a file is written: its modification and change times, size and inode."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_mtime_ns, found.st_ctime_ns, found.st_size, found.st_ino


def load_glossary(layout: Layout, known: FileCache | None = None) -> tuple[Glossary, list[Problem]]:
    problems: list[Problem] = []
    known = known or FileCache()
    categories, facets = _load_categories(layout, problems)
    entries, unreadable = _load_entries(layout, problems, known)
    comparisons = _load_comparisons(layout, problems)
    sources = _load_sources(layout, problems, known)
    known.forget_unseen()
    glossary = Glossary(dict(sorted(entries.items())), categories, facets, comparisons, sources, unreadable)
    return glossary, problems


def forget_sources(glossary: Glossary) -> None:
    """Drop the files' text the entries keep for locating problems (10 MB for 5,000 entries),
    and the trees parsed again to place the problems found, once those are reported: pages
    and exports read the values only."""
    for entry in glossary.entries.values():
        entry.forget_file()


def _read_checked(path: Path, layout: Layout, schema_name: str, problems: list[Problem]) -> ReadResult:
    result = read_yaml(path, layout.shown(path))
    problems.extend(result.problems)
    if result.root is not None:
        found = SchemaChecker(layout.data / schema_name).check(result.root)
        problems.extend(found)
        if any(p.is_error for p in found):
            return ReadResult(None, [], result.text)
    return result


def _load_categories(layout: Layout, problems: list[Problem]) -> tuple[dict[str, Category], dict[str, Facet]]:
    if not layout.categories.is_file():
        problems.append(
            Mark(layout.shown(layout.categories), 0, 0).problem(
                "missing-file", "the categories file is missing", "create it: see the editors' guide"
            )
        )
        return {}, {}
    result = _read_checked(layout.categories, layout, "categories.schema.json", problems)
    if result.root is None:
        return {}, {}
    data = result.root.plain()
    categories = {key: Category(key, value["title"], value["description"]) for key, value in data["categories"].items()}
    facets = {key: Facet(key, value["title"], dict(value["values"])) for key, value in data.get("facets", {}).items()}
    return categories, facets


def _load_comparisons(layout: Layout, problems: list[Problem]) -> list[Comparison]:
    if not layout.comparisons.is_file():
        return []
    result = _read_checked(layout.comparisons, layout, "comparisons.schema.json", problems)
    if result.root is None:
        return []
    section = result.root.value["comparisons"]
    comparisons = []
    for slug, node in section.value.items():
        terms = node.value["terms"].value
        comparisons.append(
            Comparison(
                slug,
                node.value["title"].value,
                tuple(item.value for item in terms),
                node.value["intro"].value,
                section.keys[slug].mark,
                tuple(item.mark for item in terms),
            )
        )
    return comparisons


def _load_sources(layout: Layout, problems: list[Problem], known: FileCache) -> dict[str, SourceRecord]:
    """The source registry; without the file, no source is known (and every citation says so).
    A record with a mistake is still known by its id, so its citations do not fail as well."""
    if not layout.sources.is_file():
        return {}
    shown = layout.shown(layout.sources)
    checker = SchemaChecker(layout.data / "sources.schema.json")
    records, found = known.made(
        layout.sources.name, layout.sources, shown, checker, partial(_read_sources, shown=shown, checker=checker)
    )
    problems.extend(found)
    return records


def _read_sources(data: bytes | ReadResult, shown: str, checker: SchemaChecker) -> tuple[dict[str, SourceRecord], list[Problem]]:
    result = data if isinstance(data, ReadResult) else parse_yaml_bytes(data, shown)
    problems = list(result.problems)
    if result.root is None:
        return {}, problems
    problems.extend(checker.check(result.root))
    section = result.root.value.get("sources") if result.root.kind == "map" else None
    if section is None or section.kind != "map":
        return {}, problems
    records = {}
    for key, node in section.value.items():
        if node.kind != "map":
            continue
        values = {name: item.value for name, item in node.value.items() if item.kind in ("str", "bool", "date")}
        problems.extend(record_field_problems(key, values, section.keys[key].mark, partial(_field_mark, node)))
        text = partial(_stripped_text, values)
        records[key] = SourceRecord(
            id=key,
            title=text("title") or key,
            publisher=text("publisher") or "",
            kind=text("kind") or "",
            mark=section.keys[key].mark,
            author=text("author"),
            date=None if values.get("undated") is True else text("date"),
            url=text("url"),
            accessed=text("accessed"),
            note=text("note"),
        )
    return records, problems


def _field_mark(record: Node, name: str) -> Mark:
    return record.value[name].mark


def _stripped_text(values: dict[str, Any], name: str) -> str | None:
    value = values.get(name)
    return value.strip() if isinstance(value, str) else None


def _load_entries(layout: Layout, problems: list[Problem], known: FileCache) -> tuple[dict[str, Entry], set[str]]:
    if not layout.terms.is_dir():
        problems.append(
            Mark(layout.shown(layout.terms), 0, 0).problem(
                "missing-file", "the folder of term files is missing", f"create {layout.shown(layout.terms)}/"
            )
        )
        return {}, set()
    checker = SchemaChecker(layout.data / "schema.json")
    entries: dict[str, Entry] = {}
    unreadable: set[str] = set()
    listed = _listing(layout.terms, layout)
    problems.extend(_file_name_problems(listed))
    for item in listed:
        if item.suffix != ".yml" or not item.is_file_or_link:
            continue
        entry, found = known.made(
            f"terms/{item.name}", item.path, item.shown, checker, partial(_read_entry, item.stem, item.shown, checker=checker)
        )
        problems.extend(found)
        if entry is None:
            unreadable.add(item.stem)
        else:
            entries[item.stem] = entry
    return entries, unreadable


def _read_entry(slug: str, shown: str, data: bytes | ReadResult, checker: SchemaChecker) -> tuple[Entry | None, list[Problem]]:
    """The entry in a file's bytes (None when they do not parse) and the file's problems."""
    result = data if isinstance(data, ReadResult) else parse_yaml_bytes(data, shown)
    if result.root is None:
        return None, result.problems
    return _entry(slug, shown, result), result.problems + checker.check(result.root)


@dataclass(frozen=True)
class _Listed:
    """A file (or folder) of the terms folder: its name split as pathlib splits it, how it is
    shown in messages, and what it is."""

    path: str
    name: str
    stem: str
    suffix: str
    shown: str
    is_link: bool
    is_file: bool  # a regular file, or a link to one

    @property
    def is_file_or_link(self) -> bool:
        """Regular files, and symbolic links (even broken ones), which read_yaml refuses with a message."""
        return self.is_link or self.is_file


def _listing(folder: Path, layout: Layout) -> list[_Listed]:
    """The folder's files and folders, sorted by name, with what each is: read from the folder
    itself, without asking the file system (or pathlib) about each file one by one (5,000
    entries, at every rebuild of `glossary serve`). layout.shown() resolves the folder, whatever
    the file name, so it is asked once for the folder."""
    probe = "x"
    shown = layout.shown(folder / probe)[: -len(probe)]
    with os.scandir(folder) as found:
        items = sorted((item.name, item.path, item.is_symlink(), _is_file(item)) for item in found)
    return [_Listed(path, name, *_split(name), shown + name, is_link, is_file) for name, path, is_link, is_file in items]


def _split(name: str) -> tuple[str, str]:
    """(stem, suffix) as PurePath.stem and PurePath.suffix give them."""
    dot = name.rfind(".")
    return (name[:dot], name[dot:]) if 0 < dot < len(name) - 1 else (name, "")


def file_count(folder: Path) -> int:
    """How many files (or links to files) the folder holds."""
    with os.scandir(folder) as found:
        return sum(_is_file(item) for item in found)


def _is_file(item: os.DirEntry[str]) -> bool:
    try:
        return item.is_file()
    except OSError:  # a link that loops: Path.is_file says False too
        return False


def _file_name_problems(listed: list[_Listed]) -> list[Problem]:
    problems = []
    by_folded: dict[str, list[_Listed]] = defaultdict(list)
    for item in listed:
        shown = item.shown
        if item.name.startswith("."):
            continue
        if item.suffix != ".yml" and item.is_file:
            problems.append(
                Mark(shown, 0, 0).problem(
                    "bad-file-name",
                    f"'{item.name}' is not read: term files end in '.yml'",
                    f"rename it to '{slugify(item.stem) or 'term-name'}.yml'",
                )
            )
            continue
        if not item.is_file_or_link:
            continue
        slug = item.stem
        by_folded[unicodedata.normalize("NFKC", slug).casefold()].append(item)
        if not is_slug(slug):
            suggestion = slugify(slug)
            problems.append(
                Mark(shown, 0, 0).problem(
                    "bad-file-name",
                    f"the file name '{item.name}' is not a valid slug; it becomes the URL /terms/{slug}/",
                    f"use lowercase ASCII words joined by single hyphens, e.g. '{suggestion}.yml'"
                    if suggestion
                    else "use lowercase ASCII words joined by single hyphens",
                )
            )
        elif slug in RESERVED_SLUGS:
            problems.append(
                Mark(shown, 0, 0).problem(
                    "reserved-slug",
                    f"the slug '{slug}' is reserved for a page of the site",
                    "spell the slug from the full term instead",
                )
            )
    for clashing in by_folded.values():
        if len(clashing) > 1:
            composed = {unicodedata.normalize("NFC", item.name) for item in clashing}
            message = (
                f"the file name '{composed.pop()}' exists {len(clashing)} times, its accented letters "
                "written with different Unicode characters (composed and combining accents)"
                if len(composed) == 1
                else "the files " + ", ".join(f"'{p.name}'" for p in clashing) + " differ only in letter case"
            )
            for item in clashing:
                problems.append(Mark(item.shown, 0, 0).problem("slug-collision", message, "keep one file per term: merge them"))
    return problems


def _entry(slug: str, shown: str, result: ReadResult) -> Entry:
    """Build an entry from a parsed file, keeping only values of the right type (the schema
    check has reported the rest), so later checks run on whatever is usable."""
    root = result.root
    assert root is not None
    fields: dict[str, Node] = root.value

    def text(name: str) -> str:
        node = fields.get(name)
        return node.value.strip() if node is not None and node.kind == "str" else ""

    def texts(name: str) -> tuple[str, ...]:
        node = fields.get(name)
        if node is None or node.kind != "seq":
            return ()
        return tuple(item.value.strip() for item in node.value if item.kind == "str")

    def text_map(name: str) -> dict[str, str]:
        node = fields.get(name)
        if node is None or node.kind != "map":
            return {}
        return {key: item.value.strip() for key, item in node.value.items() if item.kind == "str"}

    def date(name: str) -> str | None:
        node = fields.get(name)
        return str(node.value) if node is not None and node.kind in ("str", "date") else None

    return Entry(
        slug=slug,
        path=shown,
        term=text("term"),
        category=text("category"),
        summary=text("summary"),
        definition=text("definition"),
        aliases=texts("aliases"),
        search_phrases=texts("search_phrases"),
        examples=texts("examples"),
        pros=texts("pros"),
        cons=texts("cons"),
        related=texts("related"),
        contrast=text_map("contrast"),
        usage_notes=text("usage_notes"),
        facets=text_map("facets"),
        sources=_sources(fields.get("sources")),
        previous_slugs=texts("previous_slugs"),
        updated=date("updated"),
        status=text("status") or "draft",
        reviewed=date("reviewed"),
        replaced_by=text("replaced_by") or None,
        file_text=result.text,
        reparse=_root,
    )


def _root(text: str, shown: str) -> Node | None:
    return parse_yaml_text(text, shown).root


def _sources(node: Node | None) -> tuple[SourceRef, ...]:
    if node is None or node.kind != "seq":
        return ()
    sources = []
    for item in node.value:
        if item.kind != "map":
            continue
        values: dict[str, Any] = {key: value.value for key, value in item.value.items() if value.kind == "str"}
        if "ref" in values:
            note = values.get("note")
            sources.append(SourceRef(values["ref"].strip(), note.strip() if note else None))
    return tuple(sources)
