"""`make pdf`: every chapter in one PDF, reports/rapport.pdf, with a title page and a table of
contents with page numbers.

Headless Debian chromium prints reports/rapport.html (written by `make reports`) twice: the first
print tells on which page each chapter starts (from the PDF's outline, which chromium makes of
the headings), those numbers go into rapport-paginas.js, which the document reads, and the second
print is the report. Without chromium it stops with a message saying how to install it.
"""

import json
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

from helpers import cli, paths
from helpers.site import render

INSTALL = "apt-get install chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
    "--generate-pdf-document-outline",
]


class ChromiumMissing(RuntimeError):
    pass


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise ChromiumMissing(f"chromium ontbreekt; installeer het met: {INSTALL}")
    return found


def print_pdf(html: Path, pdf: Path) -> Path:
    """Print a page to PDF with headless chromium in a fresh profile."""
    with tempfile.TemporaryDirectory(prefix="chromium-") as profile:
        subprocess.run(
            [
                chromium(),
                *FLAGS,
                f"--user-data-dir={profile}",
                f"--print-to-pdf={pdf}",
                html.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=600,
        )
    return pdf


def squeezed(text: str) -> str:
    """Text as compared with a PDF's: without white space, ligatures (ﬁ) written out."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def chapter_pages(pdf: Path, chapters: list[dict]) -> dict[str, int]:
    """The page (1-based) on which each chapter starts, from the top-level entries of the PDF's
    outline (a chapter's title is its only level-1 heading), matched in order on the title."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    top = [item for item in reader.outline if not isinstance(item, list)]
    pages, entries = {}, iter(top)
    for chapter in chapters:
        for item in entries:
            if squeezed(item.title) == squeezed(chapter["title"]):
                pages[chapter["anchor"]] = reader.get_destination_page_number(item) + 1
                break
    return pages


def make(out_dir: Path = paths.REPORTS) -> Path:
    html = out_dir / render.REPORT
    if not html.exists():
        raise FileNotFoundError(f"{html} ontbreekt: draai eerst `make reports`.")
    chapters = json.loads((out_dir / render.CHAPTERS).read_text(encoding="utf-8"))
    numbers = out_dir / render.PAGE_NUMBERS
    numbers.unlink(missing_ok=True)
    pdf = out_dir / "rapport.pdf"
    pages = chapter_pages(print_pdf(html, pdf), chapters)
    numbers.write_text(f"window.GRIP_PAGINAS = {json.dumps(pages)};\n", encoding="utf-8")
    print_pdf(html, pdf)
    return pdf


def main() -> int:
    def make_and_count() -> str:
        from pypdf import PdfReader

        pdf = make()
        return f"{len(PdfReader(pdf).pages)} pagina's: {pdf}"

    return cli.exit_code(make_and_count, (ChromiumMissing, FileNotFoundError))


if __name__ == "__main__":
    sys.exit(main())
