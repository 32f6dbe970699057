"""Finds sentences of glossary files that share 8 or more consecutive words with a source article.

The glossary's text must be its own: facts may come from the articles in ../shared/sources/,
sentences may not. Usage:

    python scripts/check_source_overlap.py [--sources DIR] [FILE.yml ...]

Without files it reads glossary/terms/*.yml and glossary/comparisons.yml. Exit status 1 when
an overlap is found. tests/test_source_overlap.py runs the same check.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

WINDOW = 8
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCES = ROOT.parent / "shared" / "sources"

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_LINK = re.compile(r"\[\[([a-z0-9-]+)(?:\|([^\]]*))?\]\]")
_CITATION = re.compile(r"\[@[^\]]*\]")
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+|\n\s*\n|\n\s*[-*]\s+")


@dataclass(frozen=True)
class Overlap:
    path: Path
    sentence: str
    source: str
    words: str


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def windows(tokens: list[str]) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + WINDOW]) for i in range(len(tokens) - WINDOW + 1)}


def source_windows(folder: Path) -> dict[tuple[str, ...], str]:
    """Every 8-word window of every article, mapped to the article's file name."""
    found: dict[tuple[str, ...], str] = {}
    for article in sorted(folder.glob("*.txt")):
        for window in windows(words(article.read_text(encoding="utf-8", errors="replace"))):
            found.setdefault(window, article.name)
    return found


def texts(value: object) -> list[str]:
    """Every string inside a loaded YAML value (keys of mappings excluded)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in texts(item)]
    if isinstance(value, list):
        return [text for item in value for text in texts(item)]
    return []


def sentences(text: str) -> list[str]:
    plain = _CITATION.sub("", _LINK.sub(lambda m: m.group(2) or m.group(1).replace("-", " "), text))
    return [part.strip() for part in _SENTENCE_END.split(plain) if part.strip()]


def overlaps(paths: list[Path], known: dict[tuple[str, ...], str]) -> list[Overlap]:
    found = []
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for text in texts(data):
            for sentence in sentences(text):
                for window in sorted(windows(words(sentence))):
                    if window in known:
                        found.append(Overlap(path, sentence, known[window], " ".join(window)))
                        break
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=DEFAULT_SOURCES)
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args(argv)
    if not args.sources.is_dir():
        print(f"no source articles at {args.sources}: nothing to compare with")
        return 0
    paths = args.files or sorted((ROOT / "glossary" / "terms").glob("*.yml")) + [ROOT / "glossary" / "comparisons.yml"]
    found = overlaps(paths, source_windows(args.sources))
    for overlap in found:
        print(f"{overlap.path}: shares '{overlap.words}' with {overlap.source}\n    in: {overlap.sentence}")
    print(f"{len(found)} sentence(s) share {WINDOW} or more consecutive words with a source article")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
