"""Sourcing Glossary engine: YAML entries -> checked model -> pages and exports.

One folder per stage, in the order the data flows: source/ (reading) -> checks/ -> render/ ->
exports/ -> tools/ and training/ (commands) -> mkdocs/ and cli.py (adapters). Nothing imports
MkDocs except the adapters, so the engine can move to another site generator; the contracts
in pyproject.toml (`lint-imports`) keep it so.
"""
