"""What the site needs to know about a chapter: its title, its source, its findings and its
sections, read from a (executed) notebook.

Conventions (notebooks/README.md): the first markdown cell starts with `# Title`; a notebook named
`<published package>_…` belongs to that source, any other notebook is an analysis across the
sources; the code cell tagged `bevindingen` prints the chapter's key findings, one per line.
"""

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from xml.etree import ElementTree

from helpers import paths

FINDINGS_TAG = "bevindingen"
ANALYSES = (9999, "Analyses over de bronnen heen")


@dataclass(frozen=True)
class Section:
    level: int
    text: str
    anchor: str


@dataclass(frozen=True)
class Chapter:
    name: str
    title: str
    group: tuple[int, str]
    findings: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)

    @property
    def source(self) -> str:
        return self.group[1]


@cache
def _sources(root: Path) -> dict[str, tuple[int, str]]:
    found = {}
    for path in root.glob("*/datapackage.json"):
        descriptor = json.loads(path.read_text(encoding="utf-8"))
        found[path.parent.name] = (descriptor["sources"][0]["year"], descriptor["title"])
    return found


def group(name: str, root: Path = paths.DATA_PUBLISHED) -> tuple[int, str]:
    """(year, title) of the source a notebook belongs to, by its name's prefix; sources are
    ordered by year of publication and the analyses across the sources come last."""
    for package, source in sorted(_sources(root).items(), key=lambda kv: -len(kv[0])):
        if name == package or name.startswith(package + "_"):
            return source
    return ANALYSES


def _source(cell) -> str:
    return "".join(cell.source) if isinstance(cell.source, list) else cell.source


def title(nb, default: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in _source(cell).splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return default


def findings(nb) -> list[str]:
    """The lines printed by the cell tagged `bevindingen` (a leading bullet is dropped)."""
    lines = []
    for cell in nb.cells:
        if cell.cell_type == "code" and FINDINGS_TAG in cell.metadata.get("tags", []):
            for output in cell.get("outputs", []):
                if output.get("output_type") == "stream" and output.get("name") == "stdout":
                    text = "".join(output["text"])
                    lines += [ln.strip().lstrip("•").strip() for ln in text.splitlines()]
    return [line for line in lines if line]


def heading(line: str) -> Section | None:
    """A markdown heading with the text and anchor nbconvert gives it on the page."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    level = len(line) - len(line.lstrip("#"))
    if not 1 <= level <= 6 or not line[level:].startswith(" "):
        return None
    element = ElementTree.fromstring(markdown2html_mistune(line))
    for link in element.findall("a"):  # nbconvert's "¶" anchor link
        element.remove(link)
    text = " ".join("".join(element.itertext()).split())
    return Section(level, text, element.get("id", ""))


def sections(nb, levels: tuple[int, ...] = (2, 3)) -> list[Section]:
    """The headings of the chapter at the given levels, in order (fenced code is skipped)."""
    found = []
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        fenced = False
        for line in _source(cell).splitlines():
            fenced ^= line.lstrip().startswith("```")
            if not fenced and line.startswith("#"):
                section = heading(line)
                if section and section.level in levels:
                    found.append(section)
    return found


def chapter(nb, name: str) -> Chapter:
    return Chapter(name, title(nb, name), group(name), findings(nb), sections(nb))
