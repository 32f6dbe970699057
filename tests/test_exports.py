"""The published exports: JSON against its JSON Schema, CSV for spreadsheets, SKOS in Turtle."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
import rdflib
import yaml
from rdflib.namespace import RDF, SKOS

from conftest import REPO, run_glossary, run_glossary_process, write_entry
from sourcing_glossary.exports.csvformat import COLUMNS
from sourcing_glossary.urls import PLACEHOLDER_URL

SITE_URL = PLACEHOLDER_URL  # mkdocs.yml's site_url when GLOSSARY_SITE_URL is not set, as in the tests
SCHEMA = json.loads((REPO / "glossary" / "export.schema.json").read_text(encoding="utf-8"))
TERM_COUNT = len(list((REPO / "glossary" / "terms").glob("*.yml")))
FORMULA_ENTRY = """\
term: "=HYPERLINK(\\"http://evil.example\\")"
aliases:
  - "+cmd"
  - "-2+3"
  - "@SUM(A1)"
  - "'quoted"
category: sourcing-models
summary: "=1+1 is what a spreadsheet would compute."
definition: |
  A term whose cells would run as formulas if nothing stopped them.
"""


def exported(built_site: Path, name: str) -> str:
    return (built_site / "exports" / name).read_bytes().decode("utf-8")


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


@pytest.fixture(scope="module")
def skos(built_site: Path) -> rdflib.Graph:
    return rdflib.Graph().parse(data=exported(built_site, "glossary.ttl"), format="turtle")


def test_json_export_is_valid_against_the_published_schema(built_site: Path) -> None:
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    data = json.loads(exported(built_site, "glossary.json"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in jsonschema.Draft7Validator(SCHEMA).iter_errors(data)]
    assert errors == []


def test_json_schema_is_published_beside_the_exports(built_site: Path) -> None:
    published = json.loads(exported(built_site, "export.schema.json"))
    assert published == SCHEMA
    assert json.loads(exported(built_site, "glossary.json"))["$schema"] == SITE_URL + "exports/export.schema.json"


def test_json_export_has_every_field_of_every_term_with_its_canonical_url(built_site: Path) -> None:
    terms = {t["slug"]: t for t in json.loads(exported(built_site, "glossary.json"))["terms"]}
    assert len(terms) == TERM_COUNT
    source = yaml.safe_load((REPO / "glossary" / "terms" / "offshoring.yml").read_text(encoding="utf-8"))
    offshoring = terms["offshoring"]
    assert offshoring["url"] == SITE_URL + "terms/offshoring/"
    for field in ("term", "aliases", "category", "summary", "examples", "pros", "cons", "related", "contrast", "facets"):
        assert offshoring[field] == source[field], field
    assert offshoring["definition"] == source["definition"].strip()
    assert offshoring["sources"] == [{"ref": item["ref"], "note": item.get("note")} for item in source["sources"]]
    assert (offshoring["status"], offshoring["reviewed"]) == (source["status"], source["reviewed"])
    assert set(offshoring["cited_sources"]) >= {item["ref"] for item in source["sources"]}


def test_exports_are_byte_identical_from_the_build_and_the_command(built_site: Path, tmp_path: Path) -> None:
    root = built_site.parent  # the project the site was built from
    for name, file_name in (("json", "glossary.json"), ("csv", "glossary.csv"), ("skos", "glossary.ttl")):
        built = (built_site / "exports" / file_name).read_bytes()
        # the first run in a process of its own (its own hash seed: no set order may show), the second in this one
        for attempt, run in (("first", run_glossary_process), ("second", run_glossary)):
            run("export", "--format", name, "-o", str(tmp_path / attempt), cwd=root, check=True)
            assert (tmp_path / attempt).read_bytes() == built, f"{name}, {attempt} run"


def test_export_refuses_a_glossary_with_errors(project: Path) -> None:
    write_entry(project, "broken", "term: Broken\ncategory: no-such-category\nsummary: x\ndefinition: x\n")
    result = run_glossary("export", "--format", "json", cwd=project)
    assert result.returncode == 2
    assert "unknown-category" in result.stdout


def test_csv_export_opens_in_a_spreadsheet_as_one_row_per_term(built_site: Path) -> None:
    raw = (built_site / "exports" / "glossary.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark: Excel then reads accents right
    rows = csv_rows(raw.decode("utf-8"))
    assert len(rows) == TERM_COUNT
    assert tuple(rows[0]) == COLUMNS


def test_csv_lists_are_written_one_item_per_line_as_documented(built_site: Path) -> None:
    row = next(r for r in csv_rows(exported(built_site, "glossary.csv")) if r["slug"] == "offshoring")
    source = yaml.safe_load((REPO / "glossary" / "terms" / "offshoring.yml").read_text(encoding="utf-8"))
    assert row["aliases"] == "\n".join(source["aliases"])
    assert row["pros"] == "\n".join("* " + item for item in source["pros"])
    assert row["contrast"] == "\n".join(f"{slug}: {text}" for slug, text in source["contrast"].items())
    assert row["facets"] == "ownership: any\nlocation: distant-country"
    first = source["sources"][0]
    assert row["sources"].splitlines()[:2] == [f"* {first['ref']}", f"  note: {first['note']}"]


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_neutralised(project: Path) -> None:
    write_entry(project, "formula", FORMULA_ENTRY)
    text = run_glossary("export", "--format", "csv", cwd=project, check=True).stdout
    row = csv_rows(text)[0]
    assert row["term"] == '\'=HYPERLINK("http://evil.example")'
    assert row["summary"] == "'=1+1 is what a spreadsheet would compute."
    assert row["aliases"] == "'+cmd\n-2+3\n@SUM(A1)\n'quoted"  # only a cell's start can begin a formula
    starts = {cell[:1] for r in csv_rows(text) for cell in r.values() if cell}
    assert not starts & set("=+-@\t\r")


def test_skos_has_one_concept_per_term_in_one_scheme(skos: rdflib.Graph) -> None:
    schemes = list(skos.subjects(RDF.type, SKOS.ConceptScheme))
    concepts = set(skos.subjects(RDF.type, SKOS.Concept))
    assert schemes == [rdflib.URIRef(SITE_URL + "terms/")]
    assert len(concepts) == TERM_COUNT
    assert all((c, SKOS.inScheme, schemes[0]) in skos for c in concepts)


def test_skos_concepts_carry_labels_and_definitions(skos: rdflib.Graph) -> None:
    concept = rdflib.URIRef(SITE_URL + "terms/offshoring/")
    assert list(skos.objects(concept, SKOS.prefLabel)) == [rdflib.Literal("Offshoring", lang="en")]
    assert {str(a) for a in skos.objects(concept, SKOS.altLabel)} == {"offshore", "off-shoring", "offshored"}
    definition = str(next(skos.objects(concept, SKOS.definition)))
    source = yaml.safe_load((REPO / "glossary" / "terms" / "offshoring.yml").read_text(encoding="utf-8"))
    assert definition.startswith(source["definition"][:40])
    assert "[[" not in definition and "[@" not in definition and "offshore outsourcing" in definition.lower()


def test_skos_related_links_point_to_concepts_of_the_scheme(skos: rdflib.Graph) -> None:
    concepts = set(skos.subjects(RDF.type, SKOS.Concept))
    links = list(skos.subject_objects(SKOS.related))
    assert len(links) > TERM_COUNT
    assert all(source in concepts and target in concepts for source, target in links)
    offshoring = rdflib.URIRef(SITE_URL + "terms/offshoring/")
    assert (offshoring, SKOS.related, rdflib.URIRef(SITE_URL + "terms/nearshoring/")) in skos


def test_skos_categories_are_collections_of_their_terms(skos: rdflib.Graph) -> None:
    categories = yaml.safe_load((REPO / "glossary" / "categories.yml").read_text(encoding="utf-8"))["categories"]
    collections = set(skos.subjects(RDF.type, SKOS.Collection))
    assert collections == {rdflib.URIRef(f"{SITE_URL}categories/{key}/") for key in categories}
    members = list(skos.subject_objects(SKOS.member))
    assert len(members) == TERM_COUNT  # every term in exactly one category
    location = rdflib.URIRef(SITE_URL + "categories/location-models/")
    assert (location, SKOS.member, rdflib.URIRef(SITE_URL + "terms/offshoring/")) in skos


def test_reuse_page_documents_the_csv_columns_in_order() -> None:
    page = (REPO / "docs" / "reuse.md").read_text(encoding="utf-8")
    documented = page.split("in this order:")[1].split(".\n")[0]
    assert tuple(column.strip(" `\n") for column in documented.split(",")) == COLUMNS


def test_reuse_page_links_lead_to_terms_sections_and_exports_that_exist(built_site: Path) -> None:
    result = run_glossary("check-links", "docs/reuse.md", cwd=REPO)
    assert result.returncode == 0, result.stdout
    page = (built_site / "reuse" / "index.html").read_text(encoding="utf-8")
    for name in ("glossary.json", "glossary.csv", "glossary.ttl", "export.schema.json"):
        assert f'href="../exports/{name}"' in page
        assert (built_site / "exports" / name).is_file()
