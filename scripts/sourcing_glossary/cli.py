"""The `glossary` command: validate, build, serve and scaffold, acting on the project whose
mkdocs.yml is in the current folder (or given with -f)."""

from __future__ import annotations

import argparse
import datetime
import logging
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .checks.validate import validate
from .exports import formats
from .model import Glossary
from .render import handout
from .render.site_pages import generated_pages
from .report import FORMATS, RENDERERS, format_problems, render_text
from .source.load import Layout, load_glossary
from .tools import checklinks, importer, lookup, portable, printing, review_status, urllock
from .tools.scaffold import ScaffoldError, scaffold_entry
from .urls import Publication

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A mistake in how the command was called (exit status 2)."""


def _layout(config_file: Path) -> Layout:
    return _project(config_file)[1]


def _project(config_file: Path) -> tuple[MkDocsConfig, Layout]:
    """The site's configuration and the glossary folder named by the plugin's `glossary_dir`
    option, without building anything (loading the configuration sets up the plugins)."""
    if not config_file.is_file():
        raise UsageError(f"{config_file}: no such file (run the command in the project folder or pass -f mkdocs.yml)")
    from mkdocs.exceptions import MkDocsException

    from .mkdocs.build import load_site_config

    try:
        config = load_site_config(config_file)
    except MkDocsException as error:  # broken YAML or options in mkdocs.yml: MkDocs logged the details
        raise UsageError(f"{config_file}: {error}") from None
    plugin = config.plugins.get(portable.PLUGIN)
    if plugin is None:
        raise UsageError(f"{config_file}: the '{portable.PLUGIN}' plugin is not enabled under 'plugins:'")
    return config, Layout(root=config_file.resolve().parent, data=Path(plugin.config.glossary_dir))


def _valid_glossary(layout: Layout) -> Glossary:
    """The glossary, or a UsageError when it has errors: URLs computed from a broken glossary
    would be wrong (an unreadable entry has no page)."""
    result = validate(layout)
    if result.errors:
        sys.stdout.write(render_text(result.errors, result.files_checked))
        raise UsageError("the glossary has errors (listed above): fix them first")
    return result.glossary


def _docs_pages(config: MkDocsConfig) -> dict[str, str]:
    """The hand-written pages of docs/ that MkDocs would publish: src_uri -> Markdown."""
    from mkdocs.structure.files import get_files

    return {file.src_uri: file.content_string for file in get_files(config).documentation_pages()}


def cmd_validate(args: argparse.Namespace) -> int:
    result = validate(_layout(args.config_file))
    sys.stdout.write(RENDERERS[args.format](result.problems, result.files_checked))
    return EXIT_PROBLEMS if result.failed(strict=args.strict) else EXIT_OK


def _build(config_file: Path, *, strict: bool = False) -> Path | None:
    """Build the site; None (after saying why) when the build failed."""
    from mkdocs.exceptions import MkDocsException

    from .mkdocs.build import build_site

    try:
        site = build_site(config_file, strict=strict)
    except MkDocsException as error:
        print(f"error: {error}\nThe previous site was left as it was.", file=sys.stderr)
        return None
    print(f"Site written to {site}")
    return site


def cmd_build(args: argparse.Namespace) -> int:
    return EXIT_OK if _build(args.config_file, strict=args.strict) else EXIT_PROBLEMS


def cmd_serve(args: argparse.Namespace) -> int:
    from .mkdocs.preview import Refused, serve

    if not args.config_file.is_file():
        raise UsageError(f"{args.config_file}: no such file (run the command in the project folder or pass -f mkdocs.yml)")
    try:
        serve(args.config_file, args.dev_addr, poll=args.poll)
    except Refused as refused:  # mkdocs.yml cannot be read: MkDocs has said why
        print(f"error: {refused}", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


def cmd_urls(args: argparse.Namespace) -> int:
    config, layout = _project(args.config_file)
    glossary = _valid_glossary(layout)
    generated = [page.src_uri for page in generated_pages(glossary, _publication(config))]
    status = _lock_status(config, layout, glossary, generated)
    if args.update:
        lock_file = urllock.lock_path(layout.data)
        lock_file.write_text(status.updated_text(), encoding="utf-8")
        added = len(status.new)
        print(f"{status.shown}: recorded {added} new URL{'s' * (added != 1)}")
        status = _lock_status(config, layout, glossary, generated)
    print(status.describe())
    return EXIT_PROBLEMS if status.removed else EXIT_OK


def _lock_status(config: MkDocsConfig, layout: Layout, glossary: Glossary, generated: list[str]) -> urllock.LockStatus:
    """The URL lock against the site's pages: `generated` (their src_uris) and those of docs/."""
    current = urllock.published_urls(glossary, generated + list(_docs_pages(config)))
    lock_file = urllock.lock_path(layout.data)
    return urllock.lock_status(lock_file, layout.shown(lock_file), current)


def cmd_check_links(args: argparse.Namespace) -> int:
    config, layout = _project(args.config_file)
    if not config.site_url:
        raise UsageError(f"{args.config_file}: set site_url to the address where the glossary is published")
    site = checklinks.site_map(_valid_glossary(layout), _docs_pages(config), _publication(config))
    try:
        result = checklinks.check_links(args.paths, site, Path.cwd())
    except checklinks.UnsupportedTarget as error:
        raise UsageError(str(error)) from error
    sys.stdout.write(RENDERERS[args.format](result.problems, result.files_checked))
    return EXIT_PROBLEMS if result.problems else EXIT_OK


def _publication(config: MkDocsConfig) -> Publication:
    return Publication(config.site_name, config.site_url or "")


def cmd_export(args: argparse.Namespace) -> int:
    config, layout = _project(args.config_file)
    text = formats.EXPORTERS[args.format](_valid_glossary(layout), _publication(config), None)
    if args.output is None:
        sys.stdout.buffer.write(text.encode("utf-8"))  # bytes as exported: BOM and CRLF rows kept
    else:
        args.output.write_text(text, encoding="utf-8", newline="")
        print(f"Wrote {args.output}", file=sys.stderr)
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    layout = _layout(args.config_file)
    if not args.file.is_file():
        raise UsageError(f"{args.file}: no such file")
    result = importer.import_csv(args.file, layout, skip_invalid=args.skip_invalid)
    if result.problems:
        sys.stdout.write("\n".join(format_problems(result.problems)) + "\n")
    print(result.describe(layout))
    return EXIT_PROBLEMS if result.failed else EXIT_OK


def cmd_pdf(args: argparse.Namespace) -> int:
    site = _build(args.config_file)
    if site is None:
        return EXIT_PROBLEMS
    try:
        printing.print_pdf(site / handout.PRINT_DIR / "index.html", args.output, paper=args.paper)
    except printing.PrintError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"Wrote {args.output}")
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    config, layout = _project(args.config_file)
    glossary, _ = load_glossary(layout)  # show what can be read, even while other entries have problems
    found = lookup.find_term(glossary, args.term)
    if found.entry is None:
        sys.stderr.write(lookup.describe_miss(args.term, found, _publication(config)))
        return EXIT_PROBLEMS
    if not found.exact:
        print(f"(closest match for '{args.term}')", file=sys.stderr)
    width = min(shutil.get_terminal_size().columns, 100)
    sys.stdout.write(
        lookup.render_term(
            found.entry, glossary, _publication(config), width, render=_markdown(config), styled=sys.stdout.isatty()
        )
    )
    return EXIT_OK


def _markdown(config: MkDocsConfig) -> Callable[[str], str]:
    """Markdown -> HTML with the site's Markdown extensions."""
    from markdown import Markdown

    markdown = Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    return lambda text: markdown.reset().convert(text)


def cmd_render(args: argparse.Namespace) -> int:
    config, layout = _project(args.config_file)
    result = validate(layout)
    if result.problems:
        sys.stdout.write(render_text(result.problems, result.files_checked))
    if result.errors:
        return EXIT_PROBLEMS
    from mkdocs.utils.yaml import yaml_load

    with args.config_file.open("rb") as stream:  # as written, for the folder's own mkdocs.yml
        written = yaml_load(stream)
    project = portable.Project(written, args.config_file.resolve().parent, Path(config.docs_dir), layout.data)
    output = portable.project_files(result.glossary, _publication(config), project, _markdown(config))
    if output.clashes:
        print(
            f"error: {', '.join(output.clashes)} in {config.docs_dir} clash with generated pages; move or rename them",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    status = _lock_status(config, layout, result.glossary, output.pages)
    if status.removed:  # as the plugin refuses to build
        print(status.describe())
        return EXIT_PROBLEMS
    refusal = portable.refusal(args.out, output.files, protected=(project.docs_dir, layout.data))
    if refusal:
        raise UsageError(f"{refusal}; nothing was written")
    portable.write(args.out, output.files)
    print(f"Rendered {len(output.files)} files into {args.out}: build the site there with 'zensical build'")
    return EXIT_OK


def cmd_status(args: argparse.Namespace) -> int:
    glossary, _ = load_glossary(_layout(args.config_file))  # a status report is useful while entries have problems
    statuses = review_status.entry_statuses(glossary, args.today)
    render = review_status.render_json if args.format == "json" else review_status.render_text
    sys.stdout.write(render(statuses, args.due_days))
    return EXIT_OK


def _day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date in the form YYYY-MM-DD") from None


def cmd_new(args: argparse.Namespace) -> int:
    layout = _layout(args.config_file)
    try:
        path = scaffold_entry(layout, args.slug, term=args.term, category=args.category)
    except ScaffoldError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    print(f"Created {layout.shown(path)}: fill in the summary and definition, then run 'glossary validate'.")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="glossary", description="Validate, build and serve the Sourcing Glossary.")
    parser.add_argument(
        "-f", "--config-file", type=Path, default=Path("mkdocs.yml"), help="the project's mkdocs.yml (default: ./mkdocs.yml)"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, handler: Callable[[argparse.Namespace], int], text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=text, description=text)
        sub.set_defaults(handler=handler)
        return sub

    sub = command("validate", cmd_validate, "Check every entry and report all problems.")
    sub.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    sub.add_argument("--strict", action="store_true", help="fail on warnings too")
    sub = command("build", cmd_build, "Validate, then build the site into site/ atomically.")
    sub.add_argument("--strict", action="store_true", help="fail on MkDocs and glossary warnings too")
    sub = command(
        "render",
        cmd_render,
        "Write every page as Markdown, with the data files and hand-written pages, "
        "into a folder that Zensical builds without the glossary plugin.",
    )
    sub.add_argument(
        "--out", type=Path, required=True, metavar="DIR", help="the folder: new, empty, or written by an earlier render"
    )
    sub = command("serve", cmd_serve, "Serve the site with live reload while you edit.")
    sub.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", metavar="IP:PORT")
    sub.add_argument(
        "--poll",
        action="store_true",
        help="notice changes by looking at the files twice a second: for folders in a container or "
        "on a network drive, where change events may not arrive",
    )
    sub = command("new", cmd_new, "Create a new entry file from a template (never overwrites).")
    sub.add_argument("slug", help="the new term's slug, e.g. 'near-term-sourcing'")
    sub.add_argument("--term", help="display name (default: from the slug)")
    sub.add_argument("--category", help="category key (default: the first in categories.yml)")
    sub = command("urls", cmd_urls, "Compare the published URLs with glossary/urls.lock; fail if one would disappear.")
    sub.add_argument("--update", action="store_true", help="record new URLs in the lock (never removes any)")
    sub = command(
        "check-links",
        cmd_check_links,
        "Report links into the glossary that lead nowhere, in Markdown, HTML, text, .docx and .pptx files.",
    )
    sub.add_argument("paths", nargs="+", type=Path, metavar="FILE_OR_DIR", help="files, or folders to search recursively")
    sub.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    sub = command("export", cmd_export, "Write the whole glossary as JSON, CSV (for spreadsheets) or SKOS (Turtle).")
    sub.add_argument("--format", choices=tuple(formats.EXPORTERS), default="json", help="format (default: json)")
    sub.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE (default: standard output)")
    sub = command(
        "import",
        cmd_import,
        "Create entry files from a spreadsheet saved as CSV (the columns of the "
        "CSV export); writes nothing unless every row is valid, never overwrites an entry.",
    )
    sub.add_argument("file", type=Path, metavar="FILE.csv")
    sub.add_argument("--skip-invalid", action="store_true", help="write the valid rows and list the others")
    sub = command("pdf", cmd_pdf, "Build the site, then print the handout of all terms to PDF with headless Chromium.")
    sub.add_argument(
        "-o", "--output", type=Path, default=Path("glossary.pdf"), metavar="FILE", help="the PDF to write (default: glossary.pdf)"
    )
    sub.add_argument("--paper", choices=tuple(printing.PAPER_FORMATS), default="a4", help="paper size (default: a4)")
    sub = command("status", cmd_status, "List entries by status (draft, reviewed, deprecated) and those due for review.")
    sub.add_argument(
        "--due-days",
        type=int,
        default=review_status.DEFAULT_DUE_DAYS,
        metavar="DAYS",
        help=f"a review older than DAYS is due (default: {review_status.DEFAULT_DUE_DAYS})",
    )
    sub.add_argument(
        "--today", type=_day, default=datetime.date.today(), metavar="YYYY-MM-DD", help="report as of this day (default: today)"
    )
    sub.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    sub = command("show", cmd_show, "Print a term in the terminal, found by slug, name or alias (typos forgiven).")
    sub.add_argument("term", help="slug, name or alias, e.g. 'BPO' or 'offshorring'")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(levelname)-7s -  %(message)s", level=logging.INFO)
    try:
        return args.handler(args)
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
