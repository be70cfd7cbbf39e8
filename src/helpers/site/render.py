"""Render executed notebooks as the review site in reports/: one page per chapter, a landing page
that summarises the report (per chapter its source, key findings and a link), and one document of
all chapters (rapport.html) that `make pdf` prints.

Cells are rendered by nbconvert with the template templates/grip/article.html.j2 (it extends
JupyterLab's HTML template); the page around them by Jinja templates in templates/. Everything a
page needs is inline: it works offline and loads nothing from a CDN.
"""

import json
import os
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path

import jinja2
import nbformat
from markupsafe import Markup
from nbconvert import HTMLExporter, TemplateExporter
from nbconvert.filters.highlight import Highlight2HTML
from nbconvert.preprocessors import Preprocessor
from nbformat.v4 import new_output
from pygments.formatters import HtmlFormatter

from helpers.site import chapters

TEMPLATES = Path(__file__).parent / "templates"
NOTE_PREFIX = "Bron:"
REPORT = "rapport.html"
CHAPTERS = "rapport-hoofdstukken.json"  # the report's chapters in order, for the PDF's contents
PAGE_NUMBERS = "rapport-paginas.js"  # written by `make pdf`


def _exhibit(output) -> bool:
    data = output.get("data", {})
    return "image/png" in data or "<table" in data.get("text/html", "")


def _note(text: str):
    note = new_output("stream", name="stdout", text=text.strip())
    note["grip_note"] = True
    return note


def notes_under_tables(outputs: list) -> list:
    """Printed source lines (`Bron: …`) become notes placed under the table or figure that
    follows them in the same cell (at the end of the cell when none follows)."""
    result, pending = [], []
    for output in outputs:
        if output.get("output_type") == "stream" and output.get("name") == "stdout":
            lines = output.text.splitlines(keepends=True)
            text = "".join(line for line in lines if not line.startswith(NOTE_PREFIX))
            pending += [_note(line) for line in lines if line.startswith(NOTE_PREFIX)]
            if text.strip():
                result.append(new_output("stream", name="stdout", text=text))
        else:
            result.append(output)
            if _exhibit(output):
                result += pending
                pending = []
    return result + pending


class Prepare(Preprocessor):
    """Number the figures and caption them with the section they are in, move source lines
    under their tables, and mark the title cell, after which the table of contents goes."""

    def preprocess(self, nb, resources):
        figure = 0
        caption = resources["grip"]["title"]
        title_cell = next((c for c in nb.cells if c.cell_type == "markdown"), None)
        if title_cell is not None:
            title_cell.metadata["grip_toc"] = True
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                for line in cell.source.splitlines():
                    section = chapters.heading(line) if line.startswith("#") else None
                    caption = section.text if section else caption
            elif cell.cell_type == "code":
                cell.outputs = notes_under_tables(cell.outputs)
                for output in cell.outputs:
                    if "image/png" in output.get("data", {}):
                        figure += 1
                        output.metadata["grip"] = {"figuur": figure, "bijschrift": caption}
        return nb, resources


class ArticleExporter(HTMLExporter):
    """nbconvert's HTML exporter without its BeautifulSoup pass over the finished page (it adds
    default alt texts and tab stops, and takes a third of the time): the template writes the
    alt texts of the figures itself."""

    def from_notebook_node(self, nb, resources=None, **kw):
        language = nb.metadata.get("language_info", {})
        lexer = language.get("pygments_lexer", language.get("name"))
        self.register_filter("highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self))
        return TemplateExporter.from_notebook_node(self, nb, resources, **kw)


@cache
def _exporter() -> HTMLExporter:
    exporter = ArticleExporter(
        template_name="grip",
        template_file="article.html.j2",
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    exporter.register_preprocessor(Prepare, enabled=True)
    return exporter


@cache
def _pages() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    css = (TEMPLATES / "site.css").read_text(encoding="utf-8")
    env.globals["css"] = Markup(css + HtmlFormatter().get_style_defs(".highlight"))
    env.globals["js"] = Markup((TEMPLATES / "site.js").read_text(encoding="utf-8"))
    return env


@dataclass(frozen=True)
class Run:
    """One notebook run as the site shows it: the executed notebook (or a committed one, shown
    as it is), where its page goes, the parameters given for it, and the error if it failed."""

    executed: Path
    page: Path
    parameters: dict = field(default_factory=dict)
    error: str = ""

    @property
    def name(self) -> str:
        return self.executed.stem


@dataclass
class Entry:
    run: Run
    chapter: chapters.Chapter
    when: str
    article: Markup = Markup("")
    href: str = ""  # the page, relative to the site's folder (empty when there is none)

    @property
    def anchor(self) -> str:
        return _anchor(self.href)

    @property
    def label(self) -> str:
        """The parameters given for this run, for the reader (none for the default run)."""
        return ", ".join(f"{k.replace('_', ' ')} = {v}" for k, v in self.run.parameters.items())


def _when(nb) -> str:
    started = nb.metadata.get("papermill", {}).get("start_time")
    if not started:
        return "Opgeslagen uitvoer van de standaardrun"
    return f"Uitgevoerd op {datetime.fromisoformat(started):%d-%m-%Y om %H:%M}"


def _anchor(href: str) -> str:
    """The id of a chapter in the report document: its page's path without `.html`."""
    return href.removesuffix(".html").replace("/", "--")


def _entry(run: Run, out_dir: Path) -> Entry:
    if not run.executed.exists():
        return Entry(run, chapters.Chapter(run.name, run.name, chapters.group(run.name)), "")
    nb = nbformat.read(run.executed, as_version=4)
    chapter = chapters.chapter(nb, run.name)
    href = run.page.relative_to(out_dir).as_posix()
    grip = {"title": chapter.title, "sections": chapter.sections, "anchor": _anchor(href)}
    article, _ = _exporter().from_notebook_node(nb, resources={"grip": grip})
    return Entry(run, chapter, _when(nb), Markup(article), href)


def _root(page: Path, out_dir: Path) -> str:
    """The way from a page back to the site's folder, as a prefix for links ("" or "../")."""
    up = Path(os.path.relpath(out_dir, page.parent)).as_posix()
    return "" if up == "." else up + "/"


def _groups(entries: list[Entry]) -> list[tuple[str, list[Entry]]]:
    groups: dict[tuple[int, str], list[Entry]] = {}
    for entry in entries:
        groups.setdefault(entry.chapter.group, []).append(entry)
    return [(title, items) for (_year, title), items in sorted(groups.items())]


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def site(runs: list[Run], out_dir: Path) -> Path:
    """Write every chapter's page, the landing page and the report document (rapport.html);
    returns the landing page."""
    entries = sorted(
        (_entry(run, out_dir) for run in runs),
        key=lambda e: (e.chapter.group, e.run.name, sorted(map(str, e.run.parameters.items()))),
    )
    groups = _groups(entries)
    pages = _pages()
    for entry in entries:
        if entry.href:
            root = _root(entry.run.page, out_dir)
            html = pages.get_template("page.html.j2").render(entry=entry, groups=groups, root=root)
            _write(entry.run.page, html)
    made = f"{datetime.now():%d-%m-%Y}"
    in_report = [{"anchor": e.anchor, "title": e.chapter.title} for e in entries if e.href]
    _write(out_dir / CHAPTERS, json.dumps(in_report, ensure_ascii=False, indent=1))
    _write(out_dir / REPORT, pages.get_template("rapport.html.j2").render(groups=groups, made=made))
    pdf = (out_dir / "rapport.pdf").exists()
    html = pages.get_template("index.html.j2").render(groups=groups, root="", pdf=pdf)
    return _write(out_dir / "index.html", html)
