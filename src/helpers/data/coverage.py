"""How much of each source document has been transcribed into ``data/published/``, and what is
still missing (the ``known_gaps`` of each descriptor).

``python -m helpers.data.coverage`` rewrites ``data/published/COVERAGE.md``; a test asserts that the
committed file equals what this module generates, so it cannot go stale.
"""

from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.data import published
from helpers.display import fmt

COVERAGE_PATH = paths.DATA_PUBLISHED / "COVERAGE.md"
REGENERATE = "PYTHONPATH=src .venv/bin/python -m helpers.data.coverage"


def per_table(root: Path = paths.DATA_PUBLISHED) -> pd.DataFrame:
    """One row per published table: where it was printed, its rows, the rows holding a figure
    (a numeric value; text tables have none), and its declared checks and documented exceptions.
    Counted from the CSV files as committed; their validation is tests/test_published.py's job."""
    rows = []
    for table_id in published.table_ids(root):
        package, resource = published.descriptor(table_id, root)
        values = pd.read_csv(
            root / package["name"] / resource["path"],
            dtype=str,
            usecols=["waarde"],
            encoding="utf-8",
        )["waarde"]
        types = {f["name"]: f["type"] for f in resource["schema"]["fields"]}
        figures = values.notna().sum() if types["waarde"] in ("number", "integer") else 0
        rows.append(
            {
                "bron": package["name"],
                "tabel": resource["name"],
                "sectie": str(resource.get("section", "")),
                "label": resource.get("label", ""),
                "eenheid": resource.get("unit", ""),
                "rijen": len(values),
                "cijfers": int(figures),
                "controles": len(resource.get("checks", [])),
                "uitzonderingen": len(resource.get("exceptions", [])),
            }
        )
    return pd.DataFrame(rows)


def known_gaps(root: Path = paths.DATA_PUBLISHED) -> pd.DataFrame:
    """What each source prints but the text extraction does not hold (images, attachments)."""
    gaps = [
        published.known_gaps(name, root=root).assign(bron=name) for name in published.packages(root)
    ]
    return (
        pd.concat(gaps, ignore_index=True)
        .rename(columns={"paragraaf": "sectie", "ontbreekt": "wat"})
        .reindex(columns=["bron", "sectie", "wat"])
    )


def per_document(root: Path = paths.DATA_PUBLISHED) -> pd.DataFrame:
    """Per source document: tables, rows, figures, checks, exceptions and known gaps."""
    tables = per_table(root)
    counts = tables.groupby("bron").agg(
        tabellen=("tabel", "size"),
        rijen=("rijen", "sum"),
        cijfers=("cijfers", "sum"),
        controles=("controles", "sum"),
        uitzonderingen=("uitzonderingen", "sum"),
    )
    packages = [published.package(name, root) for name in published.packages(root)]
    documents = pd.DataFrame(
        {
            "bron": [p["name"] for p in packages],
            "document": [p["title"] for p in packages],
            "sha256": [p["sources"][0]["text_sha256"] for p in packages],
        }
    ).set_index("bron")
    gaps = known_gaps(root).groupby("bron").size().rename("ontbrekend")
    out = documents.join(counts).join(gaps).fillna({"ontbrekend": 0})
    return out.astype({"ontbrekend": int}).reset_index()


def _markdown_table(df: pd.DataFrame) -> str:
    """A DataFrame as a GitHub markdown table; numbers in Dutch format."""
    shown = df.map(lambda v: fmt.number(v) if isinstance(v, int | float) else str(v))
    shown = shown.map(lambda v: v.replace("|", "\\|").replace("\n", " "))
    header = "| " + " | ".join(df.columns) + " |"
    rule = (
        "|" + "|".join("---:" if pd.api.types.is_numeric_dtype(df[c]) else "---" for c in df) + "|"
    )
    body = ["| " + " | ".join(row) + " |" for row in shown.itertuples(index=False)]
    return "\n".join([header, rule, *body])


def markdown(root: Path = paths.DATA_PUBLISHED) -> str:
    """The coverage report: a summary per document, then per document its tables and gaps."""
    documents = per_document(root)
    tables = per_table(root)
    gaps = known_gaps(root)
    totals = documents[
        ["tabellen", "rijen", "cijfers", "controles", "uitzonderingen", "ontbrekend"]
    ]
    lines = [
        "# Dekking van de gepubliceerde cijfers",
        "",
        f"<!-- Gegenereerd door src/helpers/coverage.py; niet met de hand bewerken. Opnieuw maken: "
        f"`{REGENERATE}` -->",
        "",
        "Per brondocument: hoeveel tabellen en gedrukte cijfers (rijen) zijn overgenomen, hoeveel "
        "rekenkundige controles ze hebben, hoeveel inconsistenties van de bron als uitzondering zijn "
        "gedocumenteerd, en wat ontbreekt omdat het in de pdf een afbeelding of bijlage was "
        "(`known_gaps`). *Cijfers* zijn rijen met een getal; teksttabellen hebben er geen.",
        "",
        _markdown_table(documents.drop(columns=["sha256"])),
        "",
        f"Totaal: {fmt.number(totals['tabellen'].sum())} tabellen, "
        f"{fmt.number(totals['rijen'].sum())} rijen, {fmt.number(totals['cijfers'].sum())} cijfers, "
        f"{fmt.number(totals['uitzonderingen'].sum())} gedocumenteerde inconsistenties, "
        f"{fmt.number(totals['ontbrekend'].sum())} bekende lacunes.",
    ]
    for document in documents.itertuples(index=False):
        lines += [
            "",
            f"## {document.bron} — {document.document}",
            "",
            f"Tekst (sha256): `{document.sha256}`.",
            "",
            _markdown_table(tables[tables["bron"] == document.bron].drop(columns=["bron"])),
            "",
            "Bekende lacunes:",
            "",
        ]
        own_gaps = gaps[gaps["bron"] == document.bron]
        lines += [f"- **{g.sectie}**: {g.wat}" for g in own_gaps.itertuples()] or ["- geen"]
    return "\n".join(lines) + "\n"


def write(path: Path = COVERAGE_PATH, root: Path = paths.DATA_PUBLISHED) -> Path:
    path.write_text(markdown(root), encoding="utf-8")
    return path


if __name__ == "__main__":
    print(f"Geschreven: {write()}")
