"""Sourcing Glossary engine: YAML entries -> checked model -> pages and exports.

Nothing in this package imports MkDocs except the two adapters, `mkdocs_plugin` and
`sitebuild`, so the engine can move to another site generator.
"""
