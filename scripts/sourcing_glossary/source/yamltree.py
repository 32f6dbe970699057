"""Read one YAML file safely into a tree of located values.

libyaml (through PyYAML's C parser) turns the text into events; this module builds the tree
itself instead of letting PyYAML construct objects, so that it can refuse what an entry never
needs and an attacker might use: tags (`!!python/object` never executes here), anchors and
aliases ("billion laughs"), deep nesting, duplicate keys (PyYAML silently keeps the last one),
and non-UTF-8 bytes. Every value keeps the line and column it starts at.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..problems import Mark, Problem

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 6  # an entry needs 3 (entry -> sources -> source); leave room, refuse abuse
# libyaml takes time quadratic in the nesting of [ and { (85 s for 100,000 '['), so deeper
# bracket nesting is refused before parsing. Brackets in text count too: the limit is far
# above anything prose or an entry needs.
MAX_BRACKET_DEPTH = 64

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = yaml.resolver.Resolver()
# The resolver looks a plain scalar up by its first character; one that starts with any other
# character is text, and most values are, so they skip the resolver (same answer, faster).
_IMPLICIT_FIRST = frozenset(key for key in _RESOLVER.yaml_implicit_resolvers if key is not None)
_IMPLICIT_ANY = None in _RESOLVER.yaml_implicit_resolvers
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_BOM = b"\xef\xbb\xbf"
_DISCARD = object()  # stands for a key whose value is dropped (duplicate or complex key)
# Refused: the characters YAML refuses (control characters); the invisible line separators YAML
# counts as line breaks, which would shift every later line number away from what the editor
# shows; and the text-direction controls that make text display differently from what it says
# ("Trojan Source").
_BAD_CHARACTER = re.compile("[^\t\n\r\x20-\x7e\xa0-\u2027\u202f-\u2065\u206a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_LINE_SEPARATORS = "\x85\u2028\u2029"
_DIRECTION_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@dataclass(slots=True)  # a large glossary holds hundreds of thousands of these
class Node:
    """A YAML value with where it starts. `kind` is one of:
    str, int, float, bool, null, date, seq, map."""

    kind: str
    value: Any  # scalars: the Python value; seq: list[Node]; map: dict[str, Node]
    path: str  # the file, as messages show it
    line: int
    column: int
    keys: dict[str, Node] = field(default_factory=dict)  # map only: each key as written, to say where it is
    # scalars: the text YAML read (escapes decoded: "te\x72m" gives term), before it is taken as
    # a number, date or null (0x10: text "0x10", value 16); a key's text names its field
    text: str = ""
    style: str | None = None  # scalars: "" (plain; None from PyYAML's pure-Python parser), "'", '"', '|' or '>'
    _written: _Written | None = field(default=None, init=False, repr=False, compare=False)  # see mark_at

    @property
    def mark(self) -> Mark:
        """Where the value starts; made when asked, since few of the values ever need one."""
        return Mark(self.path, self.line, self.column)

    def plain(self) -> Any:
        """The value as plain Python data (dates stay ISO strings)."""
        if self.kind == "seq":
            return [item.plain() for item in self.value]
        if self.kind == "map":
            return {key: item.plain() for key, item in self.value.items()}
        return self.value

    def mark_at(self, offset: int, lines: list[str]) -> Mark:
        """The file position of character `offset` of this text value (`lines`: the file's).
        Exact in every style, over folded lines too, one column per character (a tab is one).
        A character written as an escape ('\\x72', '\\"', "''") is placed where its backslash
        or first quote is; a line break of the value, or the space a line break was folded
        into, at the end of the line it ends. A value that is not text gives where it starts.

        Where the characters are written is worked out the first time it is asked (only a
        value with a problem is ever asked), then kept with the node."""
        if not isinstance(self.value, str):
            return self.mark
        if self._written is None:
            self._written = _where_written(self.value, self.style or None, lines, self.line - 1, self.column - 1)
        starts, places = self._written
        if not starts:
            return self.mark
        index = max(bisect.bisect_right(starts, offset) - 1, 0)
        line, column = places[index]
        return Mark(self.path, line + 1, column + 1 + offset - starts[index])

    def locate(self, path: list[Any], *, key: bool = False) -> Mark:
        """The mark of the value at `path` (keys and indexes), or of its key with key=True.
        Stops at the deepest node that exists."""
        node = self
        for index, step in enumerate(path):
            if node.kind == "map" and step in node.value:
                if key and index == len(path) - 1:
                    return node.keys[step].mark
                node = node.value[step]
            elif node.kind == "seq" and isinstance(step, int) and step < len(node.value):
                node = node.value[step]
            else:
                break
        return node.mark

    def at(self, path: list[Any]) -> Node | None:
        """The node at `path` (keys and indexes), or None when the path leads nowhere."""
        node: Node | None = self
        for step in path:
            if node is not None and node.kind == "map":
                node = node.value.get(step)
            elif node is not None and node.kind == "seq" and isinstance(step, int) and step < len(node.value):
                node = node.value[step]
            else:
                return None
        return node


def _position(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of character `offset` of `text`."""
    starts = _line_starts(text)
    index = bisect.bisect_right(starts, offset) - 1
    return index + 1, offset - starts[index] + 1


@functools.lru_cache(maxsize=16)
def _line_starts(text: str) -> tuple[int, ...]:
    """Offsets where the lines of `text` start; cached, since one text may hold thousands of findings."""
    return (0, *(match.end() for match in re.finditer("\n", text)))


# Where the characters of a scalar are written: the offsets in the value where runs of
# characters start, and the 0-based line and column where each run is written. Empty when the
# written text does not give the value (parsing the same text rules that out).
_Written = tuple[list[int], list[tuple[int, int]]]
# A piece of the written value: the text it gives (None: one character written as an escape
# such as \x72), and the 0-based line and column where it is written.
_Piece = tuple[str | None, int, int]
# In double quotes: the escapes, each of which gives one character, except a \ that ends its
# line (the line break is left out); and the quote that closes the value.
_DOUBLE_QUOTED = re.compile(r'\\x[0-9A-Fa-f]{2}|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}|\\.?|"')
_SINGLE_QUOTED = re.compile("''|'")  # '' is one quote; ' alone closes the value
_ESCAPE = {'"': "\\", "'": "'"}  # what starts an escape in each kind of quotes
_BLANKS = " \t"


def _where_written(value: str, style: str | None, lines: list[str], line: int, column: int) -> _Written:
    """Where the characters of `value` (written in `style`, starting at 0-based `line` and
    `column`) are in `lines`."""
    if line >= len(lines):
        return [], []
    source = lines[line]
    if style is None and source.startswith(value, column):
        # most values: written as they are on their first line (one that goes on to the next
        # line cannot fit there: the break adds a space or a line break that the line does not have)
        return [0], [(line, column)]
    if (
        style in _ESCAPE
        and source[column : column + 1] == style
        and _ESCAPE[style] not in value
        and source.startswith(value, column + 1)
    ):
        return [0], [(line, column + 1)]  # in quotes, without anything written as an escape
    line, column = _after_tag(lines, line, column)
    pieces = _block_pieces(value, style == ">", lines, line) if style in ("|", ">") else _flow_pieces(style, lines, line, column)
    starts: list[int] = []
    places: list[tuple[int, int]] = []
    offset = 0
    for text, piece_line, piece_column in pieces:
        if offset >= len(value):
            break
        if text is not None and not value.startswith(text, offset):
            if style is not None or not text.startswith(value[offset:]):
                return [], []
            # a plain value may end before its last line does: ' # comment', or ',' in [...]
        starts.append(offset)
        places.append((piece_line, piece_column))
        offset += 1 if text is None else len(text)
    return (starts, places) if starts and offset >= len(value) else ([], [])


def _after_tag(lines: list[str], line: int, column: int) -> tuple[int, int]:
    """Where the value starts when it is written after a '!' (the one tag allowed)."""
    if lines[line][column : column + 1] != "!":
        return line, column
    column += 1
    while line < len(lines):
        rest = lines[line][column:].lstrip(_BLANKS)
        if rest and not rest.startswith("#"):
            return line, len(lines[line]) - len(rest)
        line, column = line + 1, 0
    return len(lines) - 1, 0


def _block_pieces(value: str, folded: bool, lines: list[str], header: int) -> Iterator[_Piece]:
    """The pieces of a '|' or '>' block whose header is on line `header`."""
    leading = len(value) - len(value.lstrip("\n"))  # empty lines before the text: one break each
    first = header + 1 + leading
    for number in range(header + 1, min(first, len(lines))):
        yield "\n", number, len(lines[number])
    if leading == len(value) or first >= len(lines):
        return
    # The block's indentation, whether set by an indicator ('|2') or by its first line of text:
    # that line as written is the indentation, then the text of the value.
    indent = _spaces(lines[first]) - _spaces(value[leading:])
    number = first
    while True:
        text = lines[number][indent:]
        yield text, number, indent
        following = number + 1
        while following < len(lines) and not lines[following].strip(" ") and len(lines[following]) <= indent:
            following += 1  # empty lines
        goes_on = following < len(lines) and lines[following].startswith(" " * indent)
        # '>' folds the break between two lines of text that do not start with a blank into a
        # space, or drops it before empty lines; '|' keeps every break, and so does the end
        if folded and goes_on and not text.startswith((" ", "\t")) and not lines[following][indent:].startswith((" ", "\t")):
            if following == number + 1:
                yield " ", number, len(lines[number])
        else:
            yield "\n", number, len(lines[number])
        for empty in range(number + 1, following):
            yield "\n", empty, len(lines[empty])
        if not goes_on:
            return
        number = following


def _flow_pieces(style: str | None, lines: list[str], line: int, column: int) -> Iterator[_Piece]:
    """The pieces of a plain or quoted value that starts at `line`, `column` (its quote)."""
    tokens = _DOUBLE_QUOTED if style == '"' else _SINGLE_QUOTED if style == "'" else None
    start = column if style is None else column + 1
    while True:
        source = lines[line]
        escaped_break = False
        if tokens is None:
            yield source[start:].rstrip(_BLANKS), line, start
        else:
            for match in tokens.finditer(source, start):
                if match.start() > start:
                    yield source[start : match.start()], line, start
                token = match.group()
                if token == style:
                    return  # the closing quote
                escaped_break = token == "\\"
                if not escaped_break:
                    yield ("'" if style == "'" else None), line, match.start()
                start = match.end()
            rest = source[start:].rstrip(_BLANKS)  # the break drops the blanks before it
            if rest:
                yield rest, line, start
        following = line + 1
        while following < len(lines) and not lines[following].strip(_BLANKS):
            following += 1  # empty lines
        if following == len(lines):
            return
        # one break becomes a space, or, before empty lines, is dropped (as an escaped one is)
        if following == line + 1 and not escaped_break:
            yield " ", line, len(source)
        for empty in range(line + 1, following):
            yield "\n", empty, len(lines[empty])
        line = following
        start = len(lines[line]) - len(lines[line].lstrip(_BLANKS))


def _spaces(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


@dataclass
class ReadResult:
    root: Node | None
    problems: list[Problem]
    text: str = ""


def read_yaml(path: Path, shown: str) -> ReadResult:
    """Read `path` (reported as `shown`). Never raises for bad content."""
    data = read_bytes(path, shown)
    return data if isinstance(data, ReadResult) else parse_yaml_bytes(data, shown)


def read_bytes(path: Path, shown: str) -> bytes | ReadResult:
    """The bytes of `path`, or (as a result without a tree) why they are not read."""
    if path.is_symlink():  # a link could show (and publish) any file of the machine that builds
        return ReadResult(
            None,
            [
                Mark(shown, 0, 0).problem(
                    "unreadable-file",
                    "the file is a symbolic link; glossary files must be ordinary files",
                    "replace the link with a copy of the file it points to",
                )
            ],
        )
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return ReadResult(
                None,
                [
                    Mark(shown, 0, 0).problem(
                        "file-too-large",
                        f"the file is {size // 1024} KiB; an entry file may be at most {MAX_FILE_BYTES // 1024} KiB",
                        "split the text or remove pasted material",
                    )
                ],
            )
        return path.read_bytes()
    except OSError as error:
        return ReadResult(
            None, [Mark(shown, 0, 0).problem("unreadable-file", f"the file cannot be read: {error.strerror or error}")]
        )


def parse_yaml_bytes(data: bytes, shown: str) -> ReadResult:
    text, problems = _decode(data, shown)
    if text is None:
        return ReadResult(None, problems)
    return parse_yaml_text(text, shown)


def parse_yaml_text(text: str, shown: str) -> ReadResult:
    """Parse decoded text (reported as `shown`). Never raises for bad content."""
    problems = _character_problems(text, shown) or _bracket_problems(text, shown)
    if problems:
        return ReadResult(None, problems, text)
    builder = _TreeBuilder(shown)
    try:
        for event in yaml.parse(text, Loader=_Parser):
            builder.feed(event)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if error.context_mark and any(needle in (error.problem or "") for needle in _UNCLOSED):
            mark = error.context_mark  # where the quote or bracket opens, not the end of the file
        line = mark.line + 1 if mark else 0
        source_line = text.split("\n")[line - 1] if 0 < line <= text.count("\n") + 1 else ""
        problems.append(_syntax_problem(error, Mark(shown, line, mark.column + 1 if mark else 0), source_line))
        return ReadResult(None, problems, text)
    except yaml.YAMLError:  # pragma: no cover - _character_problems refuses what the reader would
        problems.append(
            Mark(shown, 0, 0).problem(
                "yaml-syntax", "invalid YAML: the file contains characters YAML cannot read", "save it again as plain UTF-8 text"
            )
        )
        return ReadResult(None, problems, text)
    problems += builder.problems
    root = builder.root
    if any(problem.code in ("yaml-tag", "yaml-anchor") for problem in builder.problems):
        # the tree holds placeholders where the refused values were: checking it further would
        # only report them again in other words ("'summary' is empty")
        return ReadResult(None, problems, text)
    if root is None:
        problems.append(
            Mark(shown, 0, 0).problem("empty-file", "the file is empty", "run 'glossary new SLUG' for a starting point")
        )
    elif root.kind != "map":
        problems.append(
            root.mark.problem(
                "not-a-mapping",
                f"the file must be a mapping of fields (term: ..., summary: ...), not {_KIND_WORDS[root.kind]}",
                "start each field on its own line as 'name: value'",
            )
        )
        root = None
    return ReadResult(root, problems, text)


def _decode(data: bytes, shown: str) -> tuple[str | None, list[Problem]]:
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        return None, [
            Mark(shown, line, column).problem(
                "not-utf8",
                f"byte 0x{data[error.start]:02x} is not valid UTF-8 text",
                "save the file as UTF-8 (most editors: 'Save with encoding')",
            )
        ]


def _character_problems(text: str, shown: str) -> list[Problem]:
    """One problem per line that holds a character YAML refuses or reads as a line break."""
    problems = []
    reported: set[int] = set()
    for match in _BAD_CHARACTER.finditer(text):
        line, column = _position(text, match.start())
        if line in reported:
            continue
        reported.add(line)
        char = match.group()
        what = (
            "an invisible line separator"
            if char in _LINE_SEPARATORS
            else "an invisible text-direction control, which makes text show differently from what it says"
            if char in _DIRECTION_CONTROLS
            else "an invisible control character"
        )
        problems.append(
            Mark(shown, line, column).problem(
                "bad-character",
                f"the text contains {what} (U+{ord(char):04X}), which is not allowed here",
                "delete it: it usually comes with text pasted from a word processor or a web page",
            )
        )
    return problems


def _bracket_problems(text: str, shown: str) -> list[Problem]:
    if text.count("[") + text.count("{") <= MAX_BRACKET_DEPTH:
        return []  # too few openers to nest that deep: the usual case, decided without a scan
    depth = 0
    for match in re.finditer(r"[\[\]{}]", text):
        depth = depth + 1 if match.group() in "[{" else max(depth - 1, 0)
        if depth > MAX_BRACKET_DEPTH:
            return [
                Mark(shown, *_position(text, match.start())).problem(
                    "too-deep",
                    f"brackets [ and {{ are nested more than {MAX_BRACKET_DEPTH} levels deep here; no entry needs that",
                    "check that every bracket is closed",
                )
            ]
    return []


_SYNTAX_HINTS = {
    "mapping values are not allowed": (
        "a value contains ': ' (colon and space), which YAML reads as a new field",
        "put the whole value in double quotes, or use a block: 'field: |' and the text indented below",
    ),
    "could not find expected ':'": (
        "a line is neither 'name: value' nor part of the value above it",
        "check the indentation and that every quote is closed",
    ),
    "did not find expected key": (
        "the indentation does not match the field above",
        "align the line with its siblings using spaces",
    ),
    "found unexpected end of stream": (
        "the quote that opens here is never closed",
        "close it at the end of the value; write a quote inside the value as '' (in '...') or \\\" (in \"...\")",
    ),
    "did not find expected '-' indicator": (
        "a list item is not aligned with the items before it",
        "start every item of a list with '- ' at the same column",
    ),
    "found undefined tag handle": ("a '!' tag is used; tags are not allowed", "remove the '!...' before the value"),
    "block sequence entries are not allowed": (
        "a list item ('- ') must start on a line of its own",
        "put each '- item' on its own line, indented under the field name",
    ),
    "found unknown escape character": (
        "a backslash in double quotes starts an escape such as \\n, and this one is not valid",
        "use single quotes around the value, or write a backslash as \\\\",
    ),
    "did not find expected ',' or ']'": (
        "the list in square brackets [...] that opens here is not closed",
        "close it with ']', or put the whole value in double quotes if the brackets are part of the text",
    ),
    "did not find expected ',' or '}'": (
        "the mapping in curly braces {...} that opens here is not closed",
        "close it with '}', or put the whole value in double quotes if the braces are part of the text",
    ),
}
_UNCLOSED = ("found unexpected end of stream", "did not find expected ',' or")  # reported where they open
_CLOSERS = {'"': "closing quote", "'": "closing quote", "]": "closing bracket ']'", "}": "closing brace '}'"}

_KIND_WORDS = {
    "seq": "a list",
    "str": "a single text",
    "int": "a number",
    "float": "a number",
    "bool": "true/false",
    "null": "an empty value",
    "date": "a date",
}


def _syntax_problem(error: yaml.MarkedYAMLError, mark: Mark, source_line: str) -> Problem:
    """libyaml's complaint, said in an editor's words where we know the usual cause."""
    problem = (error.problem or str(error)).strip()
    if source_line[mark.column - 1 : mark.column] == "\t" and not source_line[: mark.column - 1].strip(" "):
        # A tab in a line's indentation, reported where libyaml stops at it (it reads no further).
        # The tabs it reads past are allowed: text in a value (pasted code in a '|' block, a
        # quoted value going on after a line break) or space inside [...].
        return mark.problem(
            "tab-indent",
            "a tab is used for indentation; YAML allows only spaces",
            "replace the tab with spaces (set your editor to insert spaces)",
        )
    before = source_line[: max(mark.column - 1, 0)].rstrip()
    if "did not find expected key" in problem and before[-1:] in _CLOSERS:
        return mark.problem(
            "yaml-syntax",
            f"invalid YAML: the value ends at its {_CLOSERS[before[-1]]}, but more text follows on the line",
            "put the whole value in single quotes (write a ' inside as ''), or in double quotes (write a \" inside as \\\")",
        )
    if "cannot start any token" in problem and 0 < mark.column <= len(source_line):
        return mark.problem(
            "yaml-syntax",
            f"invalid YAML: a value cannot start with '{source_line[mark.column - 1]}'",
            "put the whole value in double quotes",
        )
    for needle, (message, hint) in _SYNTAX_HINTS.items():
        if needle in problem:
            return mark.problem("yaml-syntax", f"invalid YAML: {message}", hint)
    context = f" {error.context}" if error.context else ""
    return mark.problem("yaml-syntax", f"invalid YAML: {problem}{context}", "check quotes, colons and indentation here")


class _TreeBuilder:
    """Turns parser events into Nodes, refusing tags, anchors, aliases and deep nesting."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.root: Node | None = None
        self.problems: list[Problem] = []
        self.stack: list[tuple[Node, object]] = []  # (collection, pending map key: its text, _DISCARD or None)
        self.documents = 0
        self.skip_depth = 0  # >0 while inside a subtree that is too deep to keep
        self.reported_aliases: set[str] = set()

    def _where(self, event: Any) -> tuple[str, int, int]:
        """File, line and column of the event: a Node's position, or Mark(*where) for a problem."""
        start = event.start_mark
        return self.shown, start.line + 1, start.column + 1

    def feed(self, event: Any) -> None:
        if (
            type(event) is yaml.ScalarEvent
            and self.documents == 1
            and not self.skip_depth
            and event.anchor is None
            and event.tag in (None, "!")
        ):
            self._attach(_scalar(event, self._where(event)))  # nearly every event: the plain case first
            return
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents == 2:
                self.problems.append(
                    Mark(*self._where(event)).problem(
                        "multiple-documents",
                        "the file holds more than one YAML document ('---')",
                        "keep one entry per file and remove the second '---'",
                    )
                )
            return
        if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
            return
        if self.documents > 1:
            return
        if self.skip_depth:
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                self.skip_depth += 1
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                self.skip_depth -= 1
            return
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            node, _ = self.stack.pop()
            self._attach(node)
            return
        where = self._where(event)
        if isinstance(event, yaml.AliasEvent):
            if event.anchor not in self.reported_aliases:  # once per name: "billion laughs" repeats them
                self.reported_aliases.add(event.anchor)
                self.problems.append(
                    Mark(*where).problem(
                        "yaml-anchor",
                        f"the alias '*{event.anchor}' repeats another value; aliases are not allowed",
                        "write the value out in full",
                    )
                )
            self._attach(Node("null", None, *where))
            return
        if event.anchor is not None:
            self.problems.append(
                Mark(*where).problem(
                    "yaml-anchor",
                    f"the anchor '&{event.anchor}' is not allowed",
                    "remove '&" + event.anchor + "' and write repeated values out in full",
                )
            )
        if event.tag is not None and event.tag != "!":
            self.problems.append(
                Mark(*where).problem(
                    "yaml-tag",
                    f"the YAML tag '{_short_tag(event.tag)}' is not allowed",
                    "remove the tag; write the value as plain text",
                )
            )
        if isinstance(event, yaml.ScalarEvent):
            self._attach(_scalar(event, where))
            return
        if len(self.stack) >= MAX_DEPTH:
            self.problems.append(
                Mark(*where).problem(
                    "too-deep",
                    f"values are nested more than {MAX_DEPTH} levels deep; no entry field needs that",
                    "check the indentation of this block",
                )
            )
            self.skip_depth = 1
            self._attach(Node("null", None, *where))
            return
        if isinstance(event, yaml.MappingStartEvent):
            self.stack.append((Node("map", {}, *where), None))
        else:
            self.stack.append((Node("seq", [], *where), None))

    def _attach(self, node: Node) -> None:
        if not self.stack:
            self.root = node
            return
        parent, key = self.stack[-1]
        if parent.kind == "seq":
            parent.value.append(node)
        elif key is None:
            self.stack[-1] = (parent, self._key(parent, node))
        else:
            if key is not _DISCARD:
                parent.value[key] = node
            self.stack[-1] = (parent, None)

    def _key(self, parent: Node, node: Node) -> object:
        """The key's text, or _DISCARD when the value that follows must be dropped."""
        if node.kind in ("map", "seq"):
            self.problems.append(
                node.mark.problem(
                    "bad-key",
                    "a field name must be plain text, not a list or mapping",
                    "check the indentation: a value may have moved left",
                )
            )
            return _DISCARD
        key = node.text
        if key in parent.keys:
            first = parent.keys[key]
            self.problems.append(
                node.mark.problem(
                    "duplicate-key",
                    f"the field '{key}' appears twice in this mapping (first on line {first.line})",
                    "YAML would silently keep only one of them: merge the two or delete one",
                )
            )
            return _DISCARD
        parent.keys[key] = node
        return key


def _short_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _scalar(event: yaml.ScalarEvent, where: tuple[str, int, int]) -> Node:
    plain, _ = event.implicit
    value = event.value
    if not plain or (value and value[0] not in _IMPLICIT_FIRST and not _IMPLICIT_ANY):
        return Node("str", value, *where, text=value, style=event.style)
    tag = _RESOLVER.resolve(yaml.ScalarNode, value, (plain, False))
    kind = tag.rsplit(":", 1)[-1]
    if kind == "null":
        return Node("null", None, *where, text=event.value, style=event.style)
    if kind == "timestamp":
        return Node("date", event.value, *where, text=event.value, style=event.style)
    if kind in ("int", "float", "bool"):
        try:
            value = _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, yaml.ScalarNode(tag, event.value))
        except ValueError:  # Python refuses integers of more than 4,300 digits; still a number
            value = math.inf
        return Node(kind, value, *where, text=event.value, style=event.style)
    # str, and rarities such as merge keys ('<<') that are kept as their text
    return Node("str", event.value, *where, text=event.value, style=event.style)
