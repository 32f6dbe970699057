"""schema.org JSON-LD in the pages: a DefinedTerm per term page, the DefinedTermSet on the A-Z index."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from conftest import REPO
from sourcing_glossary.mkdocs import material
from sourcing_glossary.render.structured_data import script
from sourcing_glossary.urls import PLACEHOLDER_URL

SITE_URL = PLACEHOLDER_URL  # mkdocs.yml's site_url when GLOSSARY_SITE_URL is not set, as in the tests
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)
TERM_COUNT = len(list((REPO / "glossary" / "terms").glob("*.yml")))


def json_ld(built_site: Path, page: str) -> list[dict]:
    html = (built_site / page / "index.html").read_text(encoding="utf-8")
    return [json.loads(block) for block in JSON_LD.findall(html)]


def test_term_page_describes_its_term_as_a_defined_term(built_site: Path) -> None:
    source = yaml.safe_load((REPO / "glossary" / "terms" / "offshoring.yml").read_text(encoding="utf-8"))
    [data] = json_ld(built_site, "terms/offshoring")
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "DefinedTerm"
    assert data["name"] == source["term"]
    assert data["alternateName"] == source["aliases"]
    assert data["description"] == source["summary"]
    assert data["url"] == SITE_URL + "terms/offshoring/"
    assert data["inDefinedTermSet"] == {
        "@type": "DefinedTermSet",
        "@id": SITE_URL + "terms/",
        "name": "Sourcing Glossary",
        "url": SITE_URL + "terms/",
    }


def test_az_index_describes_the_glossary_as_a_defined_term_set(built_site: Path) -> None:
    [data] = json_ld(built_site, "terms")
    assert data["@type"] == "DefinedTermSet"
    assert data["url"] == SITE_URL + "terms/"
    terms = data["hasDefinedTerm"]
    assert len(terms) == TERM_COUNT
    assert {t["@type"] for t in terms} == {"DefinedTerm"}
    assert {t["url"] for t in terms} == {f"{SITE_URL}terms/{p.stem}/" for p in (REPO / "glossary" / "terms").glob("*.yml")}


def test_pages_that_define_no_term_carry_no_structured_data(built_site: Path) -> None:
    assert json_ld(built_site, "categories/economics") == []
    assert json_ld(built_site, "") == []


def test_structured_data_stays_out_of_the_search_index(built_site: Path) -> None:
    index = (built_site / material.DOCS_FILE).read_text(encoding="utf-8")
    assert "@context" not in index and "inDefinedTermSet" not in index


def test_text_in_structured_data_cannot_end_its_script_element() -> None:
    data = {"name": "</script><script>alert(1)</script> & <!-- more"}
    element = script(data)
    inner = element.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in inner and ">" not in inner
    assert json.loads(inner) == data
