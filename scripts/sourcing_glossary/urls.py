"""The site's URL layout, a public contract: trainers link to these folders for years."""

TERMS_DIR = "terms"
CATEGORIES_DIR = "categories"
COMPARE_DIR = "compare"
SOURCES_DIR = "sources"
CARDS_DIR = "cards"  # one small page per term, to embed in other sites (cards.py)
