"""Find mentions of glossary names in running text.

One set of rules for every place that links terms: the site's own term pages (mentions.py), the
Markdown extension for training material (glossary_links.py) and, ported rule for rule, the
embed script for other sites (docs/assets/embed/glossary-links.js).

A mention is a name's words in order, joined by spaces (at most one line break) or a hyphen,
its last word perhaps inflected: a plural (centres, processes, agencies) and, for a word ending
in -ing or -ed, the other of the two (offshoring, offshored). A name in capitals (BPO) matches
only in capitals. At each place the longest name wins, and each target is found once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container

_WORD = re.compile(r"[A-Za-z0-9]+")
_JOINER = re.compile(r"[^\S\n]*\n?[^\S\n]*|-")  # between a name's words; the gap is never empty
MIN_NAME_LENGTH = 3  # shorter names (AI, IT) are words of too many other things


def inflections(word: str, capitals: bool) -> list[str]:
    """The forms of a name's last word that count as the name, the word itself first."""
    if capitals:
        return [word, word + "s"]  # SLAs
    forms = [word]
    if re.search(r"(ss|x|z|ch|sh)$", word):
        forms.append(word + "es")
    elif re.search(r"[^aeiou]y$", word):
        forms.append(word[:-1] + "ies")
    elif not word.endswith("s"):
        forms.append(word + "s")
    if len(word) > 5 and word.endswith("ing"):
        forms.append(word[:-3] + "ed")
    elif len(word) > 4 and word.endswith("ed"):
        forms.append(word[:-2] + "ing")
    return forms


class NameMatcher:
    def __init__(self, names: list[tuple[str, str]]) -> None:
        """`names`: (name, target) pairs. A name as written beats another's inflected form,
        and an earlier name the same later one."""
        self._capitals: dict[tuple[str, ...], str] = {}
        self._folded: dict[tuple[str, ...], str] = {}
        self._longest_from: dict[str, int] = {}  # a name's (or inflected name's) first word -> most words from it
        inflected = []
        for name, target in names:
            words = _WORD.findall(name)
            if not words or len(name) < MIN_NAME_LENGTH:
                continue
            capitals = name.isupper()
            table = self._capitals if capitals else self._folded
            if not capitals:
                words = [word.lower() for word in words]
            table.setdefault(tuple(words), target)
            inflected += [(table, (*words[:-1], form), target) for form in inflections(words[-1], capitals)[1:]]
            self._longest_from[words[0]] = max(len(words), self._longest_from.get(words[0], 0))
        for table, key, target in inflected:
            table.setdefault(key, target)
            self._longest_from[key[0]] = max(len(key), self._longest_from.get(key[0], 0))  # one-word names

    def find(self, text: str, found: set[str], skipped: Container[int] = ()) -> list[tuple[int, int, str]]:
        """(start, end, target) of the first mention of each target not in `found`, in order;
        adds their targets to `found`. Words starting inside `skipped` are not read. A longer
        name hides the shorter ones inside it even when its own target is found already: the
        'outsourcing' of a second 'business process outsourcing' is no mention of Outsourcing."""
        tokens = [m for m in _WORD.finditer(text) if m.start() not in skipped]
        mentions = []
        index = 0
        while index < len(tokens):
            length, target = self._longest_at(text, tokens, index)
            if target is None:
                index += 1
                continue
            if target not in found:
                found.add(target)
                mentions.append((tokens[index].start(), tokens[index + length - 1].end(), target))
            index += length
        return mentions

    def _longest_at(self, text: str, tokens: list[re.Match[str]], index: int) -> tuple[int, str | None]:
        first = tokens[index].group()
        most = max(self._longest_from.get(first, 0), self._longest_from.get(first.lower(), 0))
        if not most:  # no name starts with this word: most words of a text
            return 0, None
        words = [first]
        while len(words) < most and index + len(words) < len(tokens):
            before, after = tokens[index + len(words) - 1], tokens[index + len(words)]
            if not _JOINER.fullmatch(text, before.end(), after.start()):
                break
            words.append(after.group())
        for length in range(len(words), 0, -1):
            key = tuple(words[:length])
            target = self._capitals.get(key) or self._folded.get(tuple(word.lower() for word in key))
            if target is not None:
                return length, target
        return 0, None

    def differing_words(self, other: NameMatcher) -> set[str]:
        """The first words (in lower case) of the names this matcher and `other` read
        differently: in a text with none of these words, both find the same mentions."""
        words: set[str] = set()
        for mine, theirs in ((self._capitals, other._capitals), (self._folded, other._folded)):
            words.update(key[0].lower() for key in mine.keys() | theirs.keys() if mine.get(key) != theirs.get(key))
        longest, other_longest = self._longest_from, other._longest_from
        words.update(
            word.lower() for word in longest.keys() | other_longest.keys() if longest.get(word) != other_longest.get(word)
        )
        return words


def word_finder(words: set[str]) -> Callable[[str], bool]:
    """A test of whether a text holds one of `words` (in lower case) as a word, as mentions are read."""
    if not words:
        return lambda text: False
    alternatives = "|".join(re.escape(word) for word in sorted(words))
    pattern = re.compile(rf"(?<![A-Za-z0-9])(?:{alternatives})(?![A-Za-z0-9])", re.IGNORECASE | re.ASCII)
    return lambda text: pattern.search(text) is not None
