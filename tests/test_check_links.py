"""`glossary check-links`: links into the glossary from training material, checked without a built site."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx
import pptx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from conftest import REPO, run_glossary, write_entry
from sourcing_glossary.problems import Problem
from sourcing_glossary.render.pages import SECTIONS
from sourcing_glossary.source.load import Layout, load_glossary
from sourcing_glossary.tools.checklinks import SiteMap, check_links, site_map
from sourcing_glossary.urls import Publication

FIXTURES = Path(__file__).parent / "fixtures" / "check_links"
SITE = "https://sourcing-glossary.example.org/"  # the site_url of mkdocs.yml
PUBLICATION = Publication("Sourcing Glossary", SITE)

ALPHA = """\
term: Alpha
aliases: [AL]
category: sourcing-models
summary: A test term called Alpha.
definition: The definition of Alpha.
pros:
  - Cheap.
"""


@pytest.fixture
def glossary_project(project: Path) -> Path:
    """Alpha (with pros, alias AL) and Beta (no pros or cons)."""
    write_entry(project, "alpha", ALPHA)
    write_entry(project, "beta")
    return project


@pytest.fixture
def site(glossary_project: Path) -> SiteMap:
    glossary, _ = load_glossary(Layout(glossary_project, glossary_project / "glossary"))
    guide = "---\ntitle: Guide\n---\n# Guide\n\n## Before you start\n\n```\n# not a heading\n```\n"
    return site_map(glossary, {"index.md": "# Home\n", "guide.md": guide}, PUBLICATION)


def _check(site: SiteMap, *paths: Path) -> list[tuple[str, int, int, str]]:
    result = check_links(list(paths), site, paths[0].parent)
    return sorted((p.path, p.line, p.column, p.code) for p in result.problems)


def _only(site: SiteMap, path: Path) -> Problem:
    [problem] = check_links([path], site, path.parent).problems
    return problem


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_markdown_links_are_reported_by_line_and_column(site: SiteMap) -> None:
    assert _check(site, FIXTURES / "module.md") == [("module.md", 5, 17, "broken-link"), ("module.md", 6, 20, "broken-link")]


def test_a_missing_term_gets_a_did_you_mean(site: SiteMap, tmp_path: Path) -> None:
    problem = _only(site, _write(tmp_path, "a.md", f"[x]({SITE}terms/alpah/)\n"))

    assert problem.message == f"{SITE}terms/alpah/ is not a page of the glossary"
    assert problem.hint.startswith(f"did you mean {SITE}terms/alpha/?")


def test_a_missing_card_gets_a_did_you_mean(site: SiteMap, tmp_path: Path) -> None:
    problem = _only(site, _write(tmp_path, "course.html", f'<iframe src="{SITE}cards/alpah/" title="Alpha"></iframe>\n'))

    assert problem.message == f"{SITE}cards/alpah/ is not a page of the glossary"
    assert problem.hint == f"did you mean {SITE}cards/alpha/? (the A-Z index lists every term)"


def test_a_section_the_term_does_not_have_is_broken(site: SiteMap, tmp_path: Path) -> None:
    problem = _only(site, _write(tmp_path, "a.md", f"{SITE}terms/beta/#pros\n"))

    assert problem.message == f"{SITE}terms/beta/#pros: the page /terms/beta/ has no section #pros"
    assert "#definition" in problem.hint and "#pros" not in problem.hint


def test_pages_redirects_sections_and_headings_resolve(site: SiteMap, tmp_path: Path) -> None:
    links = [
        "",
        "terms/",
        "terms/alpha/#pros",
        "terms/al/#pros",
        "terms/alpha",
        "terms/alpha/index.html#definition",
        "terms/alpha/?from=deck#definition",
        "cards/alpha/",
        "cards/beta",
        "categories/sourcing-models/",
        "guide/#before-you-start",
    ]
    text = "\n".join(f"{SITE}{link}" for link in links) + "\nhttp://SOURCING-GLOSSARY.example.org/terms/beta/\n"

    assert _check(site, _write(tmp_path, "ok.md", text)) == []


def test_a_heading_inside_a_code_block_is_no_anchor(site: SiteMap, tmp_path: Path) -> None:
    problem = _only(site, _write(tmp_path, "a.md", f"{SITE}guide/#not-a-heading\n"))

    assert problem.code == "broken-link"


def test_links_to_other_sites_are_ignored(site: SiteMap, tmp_path: Path) -> None:
    text = "https://example.com/terms/nope/\nhttps://sourcing-glossary.example.org.evil.test/terms/nope/\n"

    assert _check(site, _write(tmp_path, "a.md", text)) == []


def test_html_links_are_reported_by_line(site: SiteMap) -> None:
    problem = _only(site, FIXTURES / "handout.html")

    assert (problem.path, problem.line, problem.message) == (
        "handout.html",
        3,
        f"{SITE}terms/gamma/#definition is not a page of the glossary",
    )


def test_plain_text_urls_end_before_sentence_punctuation(site: SiteMap) -> None:
    problem = _only(site, FIXTURES / "notes.txt")

    assert (problem.line, problem.message) == (3, f"{SITE}categories/sourcing-model/ is not a page of the glossary")
    assert problem.hint == f"did you mean {SITE}categories/sourcing-models/?"


def _docx_hyperlink(paragraph: docx.text.paragraph.Paragraph, url: str, text: str) -> None:
    """python-docx reads hyperlinks but cannot add them: add the relationship and the run by hand."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True))
    run, shown = OxmlElement("w:r"), OxmlElement("w:t")
    shown.text = text
    run.append(shown)
    link.append(run)
    paragraph._p.append(link)


def test_docx_hyperlinks_and_typed_urls_are_reported_by_paragraph(site: SiteMap, tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Week 1")
    _docx_hyperlink(document.add_paragraph("Read "), f"{SITE}terms/alpha/#pros", "the pros of Alpha")
    _docx_hyperlink(document.add_paragraph("Then "), f"{SITE}terms/betta/", "Beta")
    typed = document.add_paragraph(f"Typed: {SITE}terms/")
    typed.add_run("beta/#cons")  # Word splits typed text into runs
    document.save(tmp_path / "handbook.docx")

    problems = check_links([tmp_path / "handbook.docx"], site, tmp_path).problems

    assert sorted((p.path, p.message.split(" ")[0]) for p in problems) == [
        ("handbook.docx:paragraph 3", f"{SITE}terms/betta/"),
        ("handbook.docx:paragraph 4", f"{SITE}terms/beta/#cons:"),
    ]


def test_pptx_hyperlinks_and_typed_urls_are_reported_by_slide(site: SiteMap, tmp_path: Path) -> None:
    deck = pptx.Presentation()
    for text, link in (("Agenda", None), ("Alpha", f"{SITE}terms/alpha/"), ("Beta", f"{SITE}terms/bta/")):
        slide = deck.slides.add_slide(deck.slide_layouts[5])
        run = slide.shapes.title.text_frame.paragraphs[0].add_run()
        run.text = text
        run.hyperlink.address = link
    box = deck.slides[0].shapes.add_textbox(0, 0, 100, 100)
    box.text_frame.text = f"Glossary: {SITE}terms/gamma/"
    deck.save(tmp_path / "deck.pptx")

    problems = check_links([tmp_path / "deck.pptx"], site, tmp_path).problems

    assert sorted((p.path, p.message.split(" ")[0]) for p in problems) == [
        ("deck.pptx:slide 1", f"{SITE}terms/gamma/"),
        ("deck.pptx:slide 3", f"{SITE}terms/bta/"),
    ]


def test_folders_are_searched_recursively_for_readable_files(site: SiteMap, tmp_path: Path) -> None:
    material = tmp_path / "material"
    (material / "week1" / "day2").mkdir(parents=True)
    (material / ".git").mkdir()
    for name in ("week1/day2/slides.md", "week1/page.htm", ".git/notes.md", "week1/data.csv"):
        _write(material, name, f"{SITE}terms/nope/\n")
    _write(material, "week1/~$deck.pptx", "an Office lock file")

    result = check_links([material], site, material)

    assert sorted(p.path for p in result.problems) == ["week1/day2/slides.md", "week1/page.htm"]
    assert result.files_checked == 2


def test_a_damaged_office_file_is_reported_not_fatal(site: SiteMap, tmp_path: Path) -> None:
    problem = _only(site, _write(tmp_path, "deck.pptx", "not a zip file"))

    assert (problem.path, problem.code) == ("deck.pptx", "unreadable-file")


def _material(project: Path) -> Path:
    folder = project / "material"
    shutil.copytree(FIXTURES, folder)
    return folder


def test_check_links_command_prints_each_broken_link_and_exits_1(glossary_project: Path) -> None:
    _material(glossary_project)

    result = run_glossary("check-links", "material", cwd=glossary_project)

    assert result.returncode == 1
    assert "material/module.md:5:17: error[broken-link]: " in result.stdout
    assert "3 files checked: 4 errors, 0 warnings in 3 files" in result.stdout


def test_check_links_command_exits_0_when_every_link_resolves(glossary_project: Path) -> None:
    _write(glossary_project, "ok.md", f"{SITE}terms/al/#pros\n{SITE}editors/\n")

    result = run_glossary("check-links", "ok.md", cwd=glossary_project)

    assert (result.returncode, result.stdout) == (0, "1 files checked: no problems\n")


@pytest.mark.parametrize("target", ["missing.md", "mkdocs.yml"])
def test_check_links_command_exits_2_on_a_path_it_cannot_read(glossary_project: Path, target: str) -> None:
    result = run_glossary("check-links", target, cwd=glossary_project)

    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {target}: ")


def test_check_links_command_needs_site_url(glossary_project: Path) -> None:
    config = glossary_project / "mkdocs.yml"
    config.write_text(
        "".join(
            line for line in config.read_text(encoding="utf-8").splitlines(keepends=True) if not line.startswith("site_url:")
        ),
        encoding="utf-8",
    )

    result = run_glossary("check-links", "docs", cwd=glossary_project)

    expected = "error: mkdocs.yml: set site_url to the address where the glossary is published\n"
    assert (result.returncode, result.stderr) == (2, expected)


def test_check_links_command_refuses_a_glossary_with_errors(glossary_project: Path) -> None:
    write_entry(glossary_project, "broken", "term: [unclosed\n")

    result = run_glossary("check-links", "docs", cwd=glossary_project)

    assert result.returncode == 2
    assert "glossary/terms/broken.yml" in result.stdout and "fix them first" in result.stderr


def test_the_trainers_guide_lists_every_section_anchor() -> None:
    guide = (REPO / "docs" / "linking.md").read_text(encoding="utf-8")

    assert [anchor for anchor in SECTIONS if f"| `#{anchor}` |" not in guide] == []


def test_anchors_computed_from_the_glossary_match_the_built_site(built_site: Path) -> None:
    """check-links needs no built site: this guards that its idea of each page's anchors (headings,
    and the numbered source lines) is what the built pages have."""
    root = built_site.parent
    pages_docs = {
        str(p.relative_to(root / "docs")): p.read_text(encoding="utf-8")
        for p in (root / "docs").rglob("*.md")
        if "overrides" not in p.parts
    }
    glossary, _ = load_glossary(Layout(root, root / "glossary"))

    site = site_map(glossary, pages_docs, PUBLICATION)

    for path, anchors in site.pages.items():
        html = (built_site / path.lstrip("/") / "index.html").read_text(encoding="utf-8")
        assert set(re.findall(r'<(?:h[1-6]|li)[^>]* id="([^"]+)"', html)) == set(anchors), path


def test_docx_headers_and_footers_are_read_too(site: SiteMap, tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Body")
    section = document.sections[0]
    section.header.paragraphs[0].text = f"Glossary: {SITE}terms/alpa/"
    _docx_hyperlink(section.footer.paragraphs[0], f"{SITE}terms/gamma/", "Gamma")
    document.save(tmp_path / "handbook.docx")

    problems = check_links([tmp_path / "handbook.docx"], site, tmp_path).problems

    assert sorted((p.path, p.message.split(" ")[0]) for p in problems) == [
        ("handbook.docx:footer 1, paragraph 1", f"{SITE}terms/gamma/"),
        ("handbook.docx:header 1, paragraph 1", f"{SITE}terms/alpa/"),
    ]


def test_pptx_speaker_notes_are_read_too(site: SiteMap, tmp_path: Path) -> None:
    deck = pptx.Presentation()
    deck.slides.add_slide(deck.slide_layouts[5])
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    notes = slide.notes_slide.notes_text_frame
    notes.text = f"Read {SITE}terms/bta/ before class."
    run = notes.add_paragraph().add_run()
    run.text = "Gamma"
    run.hyperlink.address = f"{SITE}terms/gamma/"
    deck.save(tmp_path / "deck.pptx")

    problems = check_links([tmp_path / "deck.pptx"], site, tmp_path).problems

    assert sorted((p.path, p.message.split(" ")[0]) for p in problems) == [
        ("deck.pptx:slide 2 notes", f"{SITE}terms/bta/"),
        ("deck.pptx:slide 2 notes", f"{SITE}terms/gamma/"),
    ]
