"""Write an entry file in the house style of glossary/terms/: the schema's field order,
Markdown fields as literal blocks (|), one list item per line, plain scalars unless YAML
needs quotes. Every field is read back with the loader's own parser; a field that would not
read back exactly is written with double quotes instead, which always does.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from .yamltree import parse_yaml_bytes

HEADER = "# yaml-language-server: $schema=../schema.json"
BLOCK_FIELDS = frozenset({"definition", "usage_notes"})  # Markdown prose: always a literal block
_INDENT = "  "
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: 20 times faster


def entry_yaml(data: dict[str, Any], field_order: list[str]) -> tuple[str, list[tuple[int, str]]]:
    """The file text for `data` (empty fields left out) and, for each field written, the
    1-based line it starts on, in order, so a problem's line can be traced to its field."""
    lines = [HEADER]
    starts = []
    for name in field_order:
        value = data.get(name)
        if not value:
            continue
        starts.append((len(lines) + 1, name))
        lines += _field(name, value)
    return "\n".join(lines) + "\n", starts


def _field(name: str, value: Any) -> list[str]:
    for quoted in (False, True):
        lines = _render(name, value, quoted)
        if _reads_back(lines, name, value):
            return lines
    return [f"{name}: {json.dumps(value, ensure_ascii=True)}"]  # JSON is YAML: the last resort


def _render(name: str, value: Any, quoted: bool) -> list[str]:
    if isinstance(value, str):
        block = name in BLOCK_FIELDS and not quoted
        head, *rest = _scalar(value, _INDENT, quoted, block=block)
        return [f"{name}: {head}", *rest]
    lines = [f"{name}:"]
    if isinstance(value, dict):
        for key, text in value.items():
            head, *rest = _scalar(text, _INDENT * 2, quoted)
            lines += [f"{_INDENT}{key}: {head}", *rest]
        return lines
    for item in value:
        if isinstance(item, dict):  # a source: its registry id, then the note
            pairs = [(key, item[key]) for key in ("ref", "note") if item.get(key)]
            for index, (key, text) in enumerate(pairs):
                lead = f"{_INDENT}- " if index == 0 else _INDENT * 2
                lines.append(f"{lead}{key}: {_scalar(text, '', quoted)[0]}")
        else:
            head, *rest = _scalar(item, _INDENT * 2, quoted)
            lines += [f"{_INDENT}- {head}", *rest]
    return lines


def _scalar(text: str, indent: str, quoted: bool, *, block: bool = False) -> list[str]:
    """The value's first line (after 'key: ' or '- ') and any lines that follow it."""
    if quoted:
        return [json.dumps(text, ensure_ascii=False)]
    if block or "\n" in text:
        return ["|", *(indent + line if line else "" for line in text.split("\n"))]
    return [text] if _plain_is_exact(text) else [json.dumps(text, ensure_ascii=False)]


def _plain_is_exact(text: str) -> bool:
    try:
        return yaml.load(f"k: {text}", Loader=_LOADER) == {"k": text}
    except yaml.YAMLError:
        return False


def _reads_back(lines: list[str], name: str, value: Any) -> bool:
    result = parse_yaml_bytes(("\n".join(lines) + "\n").encode("utf-8"), name)
    if result.root is None or result.problems:
        return False
    return _stripped(result.root.plain()) == {name: value}


def _stripped(value: Any) -> Any:
    """What the loader keeps: text without surrounding white space (a block ends in a newline)."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list):
        return [_stripped(item) for item in value]
    if isinstance(value, dict):
        return {key: _stripped(item) for key, item in value.items()}
    return value
