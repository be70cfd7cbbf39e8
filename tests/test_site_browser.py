"""The review site in a real headless browser (Debian's chromium, driven by Playwright): every
chapter page loads with its headings, tables and charts, code is hidden by default and the button
shows it, and no link is broken. Screenshots go to reports/screenshots/."""

import json
import os
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import nbformat
import pytest

from helpers import paths, run

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None and not os.environ.get("CI"):
    pytest.skip("chromium is not installed (.ci/run installs it)", allow_module_level=True)

NOTEBOOKS = run.notebooks()
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    run.render_site(NOTEBOOKS, out)
    return out


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert CHROMIUM, "chromium is required in CI"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def _outputs(notebook: Path) -> list[dict]:
    nb = nbformat.read(notebook, as_version=4)
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]


def test_every_chapter_page_loads_with_headings_tables_and_charts(site, browser):
    shots = paths.REPORTS / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 1600})
    for notebook in NOTEBOOKS:
        outputs = _outputs(notebook)
        page.goto((site / f"{notebook.stem}.html").as_uri())
        name = notebook.stem
        assert page.locator("h1").count() >= 1, name
        tables = sum("<table" in o.get("data", {}).get("text/html", "") for o in outputs)
        charts = sum("image/png" in o.get("data", {}) for o in outputs)
        assert page.locator(".jp-OutputArea table").count() >= tables, name
        assert page.locator(".jp-OutputArea img").count() >= charts, name
        assert not any(o["output_type"] == "error" for o in outputs), name
        assert page.evaluate("document.body.classList.contains('grip-hide-code')"), name
        code = page.locator(".jp-CodeCell .jp-InputArea").first
        assert not code.is_visible(), f"{name}: code is shown by default"
        assert page.locator(".jp-MarkdownCell").first.is_visible(), f"{name}: narrative is hidden"
        page.screenshot(path=shots / f"{name}.png")
        page.click("#grip-toggle")
        assert code.is_visible(), f"{name}: 'Toon code' shows no code"
    page.close()


def test_every_notebook_has_a_chart_or_a_table(site):
    for notebook in NOTEBOOKS:
        kinds = json.dumps([o.get("data", {}) for o in _outputs(notebook)])
        assert "image/png" in kinds or "<table" in kinds, notebook.stem


def test_index_lists_every_chapter_and_no_link_is_broken(site, browser):
    page = browser.new_page()
    page.goto((site / "index.html").as_uri())
    links = page.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert {f"{nb.stem}.html" for nb in NOTEBOOKS} <= set(links)
    page.close()
    for html_page in site.glob("*.html"):
        for href in re.findall(r'href="([^"#]+)"', html_page.read_text("utf-8")):
            if urlparse(href).scheme in ("http", "https", "mailto", "data"):
                continue
            assert (html_page.parent / unquote(href)).exists(), (
                f"{html_page.name}: broken link {href}"
            )
