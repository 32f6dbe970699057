"""Check a YAML tree against a JSON Schema and say what is wrong in an editor's words.

The schema files in glossary/ are the one description of the fields, for editors' YAML
language servers and for this validator alike. Valid documents (nearly all of them) go
through a compiled validator; only documents that fail are re-checked with jsonschema,
which lists every error instead of the first.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator
from functools import cached_property
from pathlib import Path
from typing import Any

import fastjsonschema
import jsonschema

from ..names import slugify
from ..problems import Mark, Problem
from ..suggest import did_you_mean
from .yamltree import Node

_TYPE_WORDS = {
    "string": "text",
    "array": "a list",
    "object": "a mapping of names to values",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
}
_KIND_WORDS = {
    "str": "text",
    "seq": "a list",
    "map": "a mapping",
    "int": "a number",
    "float": "a number",
    "bool": "true/false",
    "null": "empty",
    "date": "a date",
}
_TYPE_HINTS = {
    "array": "write each item on its own line, starting with '- '",
    "object": "write each pair on its own line as 'name: value', indented under the field",
    "string": "put the value in double quotes so YAML reads it as text",
}


class SchemaChecker:
    """One JSON Schema file, ready to check YAML trees."""

    def __init__(self, schema_path: Path) -> None:
        self.text = schema_path.read_text(encoding="utf-8")
        self.schema: dict[str, Any] = json.loads(self.text)

    @property
    def _fast(self) -> Callable[[Any], Any]:
        return _compile(self.text)

    @cached_property
    def _full(self) -> jsonschema.protocols.Validator:
        return _Draft7Validator(self.schema)

    @property
    def field_names(self) -> list[str]:
        return list(self.schema.get("properties", {}))

    def check(self, root: Node) -> list[Problem]:
        """Every problem of `root` against the schema, in the editor's words."""
        data = root.plain()
        try:
            self._fast(data)
            return []
        except fastjsonschema.JsonSchemaException:
            pass
        problems = []
        for error in self._full.iter_errors(data):
            problems.extend(self._explain(root, error))
        return problems

    def _explain(self, root: Node, error: jsonschema.ValidationError) -> list[Problem]:
        path = list(error.absolute_path)
        where = _describe(path)
        validator = error.validator
        if validator == "additionalProperties":
            allowed = list(error.schema.get("properties", {}))
            problems = []
            for key in (key for key in error.instance if key not in allowed):
                mark = root.locate(path + [key], key=True)
                hint = did_you_mean(key, allowed) or "allowed fields: " + ", ".join(allowed)
                scope = f" in {where}" if path else ""
                problems.append(mark.problem("unknown-field", f"unknown field '{key}'{scope}", hint))
            return problems
        mark = root.locate(path)
        if validator == "required":
            missing = [name for name in error.validator_value if name not in error.instance]
            scope = f" in {where}" if path else ""
            return [
                mark.problem("missing-field", f"the required field '{name}' is missing{scope}", f"add '{name}:' with a value")
                for name in missing
            ]
        if validator == "type":
            node = root.at(path)
            actual = _KIND_WORDS.get(node.kind, "something else") if node else "something else"
            expected = _TYPE_WORDS.get(error.validator_value, error.validator_value)
            if node is not None and node.kind == "null":
                return [mark.problem("empty-field", f"{where} is empty", "give it a value or remove the field")]
            return [
                mark.problem(
                    "wrong-type", f"{where} must be {expected}, but it is {actual}", _TYPE_HINTS.get(error.validator_value, "")
                )
            ]
        if validator == "minItems" and error.instance:
            return [
                mark.problem(
                    "too-few-items",
                    f"{where} lists {_items(len(error.instance))}; at least {error.validator_value} are needed",
                    "add the missing items",
                )
            ]
        if validator == "maxItems":
            return [
                mark.problem(
                    "too-many-items",
                    f"{where} lists {_items(len(error.instance))}; at most {error.validator_value} are allowed",
                    "remove items, or split them into two",
                )
            ]
        if validator in ("minLength", "minItems", "minProperties") or (validator == "pattern" and error.validator_value == "\\S"):
            return [mark.problem("empty-field", f"{where} is empty", "give it a value or remove the field")]
        if validator == "maxLength":
            code = "summary-too-long" if path == ["summary"] else "too-long"
            return [
                mark.problem(
                    code,
                    f"{where} is {len(error.instance)} characters long; at most {error.validator_value} are allowed",
                    "shorten it; longer explanations belong in the definition",
                )
            ]
        if validator == "uniqueItems":
            first: dict[str, int] = {}
            problems = []
            for index, item in enumerate(error.instance):
                key = json.dumps(item, sort_keys=True)
                if key in first:  # point at each repeat, not at the list
                    problems.append(
                        root.locate(path + [index]).problem(
                            "duplicate-item",
                            f"{where} lists '{item}' more than once (first as item {first[key] + 1})",
                            "remove the repeated item",
                        )
                    )
                first.setdefault(key, index)
            return problems
        if validator == "pattern":
            return [_pattern_problem(mark, path, where, error)]
        if validator == "enum":
            allowed = [str(value) for value in error.validator_value]
            hint = did_you_mean(str(error.instance), allowed)
            return [
                mark.problem(
                    "unknown-value",
                    f"{where} is '{error.instance}', which is not one of its values",
                    (hint + " " if hint else "") + "allowed: " + ", ".join(allowed),
                )
            ]
        # a rule the schema gained after this file was written: name it, without Python's repr
        return [
            mark.problem(
                "invalid-value",
                f"{where} breaks the schema rule '{validator}: {json.dumps(error.validator_value)}'",
                "see the description of this field in the schema file next to it",
            )
        ]


@functools.lru_cache(maxsize=8)
def _compile(schema_text: str) -> Callable[[Any], Any]:
    """Compiling takes most of a small glossary's validation time (serve and tests validate
    again and again); the same schema text compiles to the same function."""
    return fastjsonschema.compile(_inline_refs(json.loads(schema_text)))


_LOCAL_REF = "#/definitions/"
_DATA_KEYWORDS = frozenset({"enum", "const", "default", "examples"})  # values there are data, not schemas


def _inline_refs(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with every '#/definitions/<name>' reference replaced by that definition.
    fastjsonschema turns each reference into a function call that formats the item's path
    even when the item is valid; inlined, checking 5,000 entries takes 0.14 s instead of 0.55 s.
    The definition replaces the whole object, as draft 7 ignores keywords beside $ref.
    Recursive definitions and other references stay as they are (the definitions are kept)."""
    definitions = schema.get("definitions", {})

    def inline(node: Any, expanding: frozenset[str]) -> Any:
        if isinstance(node, list):
            return [inline(item, expanding) for item in node]
        if not isinstance(node, dict) or (node is not schema and "$id" in node):
            return node  # a nested $id would change what '#' refers to
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(_LOCAL_REF):
            name = ref[len(_LOCAL_REF) :]
            if name in definitions and name not in expanding:
                return inline(definitions[name], expanding | {name})
        return {key: value if key in _DATA_KEYWORDS else inline(value, expanding) for key, value in node.items()}

    return inline(schema, frozenset())


def _unique_items(validator: Any, unique: bool, instance: Any, schema: dict[str, Any]) -> Iterator[Any]:
    """jsonschema's own check compares every pair of items: 4 minutes for a list of 15,000
    slugs with one repeat. Comparing their JSON text is linear."""
    if unique and validator.is_type(instance, "array"):
        keys = [json.dumps(item, sort_keys=True) for item in instance]
        if len(set(keys)) < len(keys):
            yield jsonschema.ValidationError("has repeated items")


_Draft7Validator = jsonschema.validators.extend(jsonschema.Draft7Validator, {"uniqueItems": _unique_items})


def _pattern_problem(mark: Mark, path: list[Any], where: str, error: jsonschema.ValidationError) -> Problem:
    value = str(error.instance)
    last = path[-1] if path else ""
    if last == "url":
        return mark.problem(
            "bad-url",
            f"the source link '{value}' is not an http:// or https:// address",
            "use the full web address starting with https://",
        )
    if last in ("updated", "reviewed", "accessed"):
        return mark.problem("bad-date", f"'{value}' is not a date in the form YYYY-MM-DD", "write the date as e.g. 2026-11-23")
    if last == "date":
        return mark.problem(
            "bad-date",
            f"'{value}' is not a date in the form YYYY, YYYY-MM or YYYY-MM-DD",
            "write the publication date as e.g. 2017, 2017-06 or 2017-06-15",
        )
    if "\n" in value:  # also a trailing one from a block: "text\n\n" is not a single line
        return mark.problem(
            "multiline-text", f"{where} must be a single line", "write it on one line; use the definition for longer text"
        )
    if error.validator_value.startswith("^[a-z0-9]"):
        suggestion = slugify(value)
        return mark.problem(
            "bad-slug",
            f"'{value}' is not a valid slug",
            f"slugs are lowercase words joined by hyphens, e.g. '{suggestion}'"
            if suggestion
            else "slugs are lowercase words joined by hyphens",
        )
    if not value.strip():
        return mark.problem("empty-field", f"{where} is empty", "give it a value or remove the field")
    return mark.problem(
        "invalid-value",
        f"{where} has an invalid value '{value}'",
        "see the description of this field in the schema file next to it",
    )


def _items(count: int) -> str:
    return f"{count} item{'s' * (count != 1)}"


def _describe(path: list[Any]) -> str:
    """['sources', 0, 'url'] -> "'sources' item 1, field 'url'"."""
    if not path:
        return "the file"
    words = [f"'{path[0]}'"]
    for step in path[1:]:
        words.append(f"item {step + 1}" if isinstance(step, int) else f"field '{step}'")
    return ", ".join(words)
