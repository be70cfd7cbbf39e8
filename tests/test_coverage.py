"""The coverage report counts tables, rows, figures, checks, exceptions and known gaps per source
document, and the committed data/published/COVERAGE.md is exactly what it generates."""

import json

import pytest

from helpers.data import coverage, published


def _package(root, name, title, resources, gaps):
    folder = root / name
    folder.mkdir()
    descriptor = {
        "name": name,
        "title": title,
        "sources": [
            {"title": title, "publisher": "Uitgever", "year": 2019, "text_sha256": "0" * 64}
        ],
        "known_gaps": gaps,
        "resources": [],
    }
    for resource, spec in resources.items():
        descriptor["resources"].append(
            {
                "name": resource,
                "path": f"{resource}.csv",
                "title": resource,
                "section": spec["section"],
                "label": f"tabel {spec['section']}",
                "unit": spec["unit"],
                "schema": {"fields": [{"name": f, "type": t} for f, t in spec["fields"]]},
                "checks": spec.get("checks", []),
                "exceptions": spec.get("exceptions", []),
            }
        )
        (folder / f"{resource}.csv").write_text(spec["csv"], encoding="utf-8")
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")


@pytest.fixture
def root(tmp_path):
    _package(
        tmp_path,
        "monitor",
        "Monitor | 2018",
        {
            "financien": {
                "section": "2.3",
                "unit": "€ mln",
                "fields": [("post", "string"), ("waarde", "number")],
                "csv": "post,waarde\nA,1.0\nB,2.0\nTotaal,3.1\n",
                "checks": [{"id": "som", "kind": "sum"}],
                "exceptions": [{"check": "som", "key": {}, "verwacht": 3.0, "gedrukt": 3.1}],
            },
            "themas": {
                "section": "3",
                "unit": "tekst",
                "fields": [("thema", "string"), ("waarde", "string")],
                "csv": "thema,waarde\nwonen,\nwerk,\n",
            },
            "leeg_getal": {
                "section": "4",
                "unit": "aantal",
                "fields": [("wijk", "string"), ("waarde", "number")],
                "csv": "wijk,waarde\nNoord,12\nZuid,\n",
            },
        },
        [{"section": "2.1", "what": "grafiek per kwartaal"}, {"section": "5", "what": "kaart"}],
    )
    _package(
        tmp_path,
        "memo",
        "Memo",
        {
            "tekst": {
                "section": "inleiding",
                "unit": "aantal",
                "fields": [("grootheid", "string"), ("waarde", "number")],
                "csv": "grootheid,waarde\naanbieders,120\n",
            }
        },
        [],
    )
    return tmp_path


def test_per_table_counts_rows_and_figures(root):
    tables = coverage.per_table(root).set_index("tabel")
    assert tables.loc[
        "financien", ["rijen", "cijfers", "controles", "uitzonderingen"]
    ].tolist() == [
        3,
        3,
        1,
        1,
    ]
    # a text table has rows but no figures; an empty number is not a figure
    assert tables.loc["themas", ["rijen", "cijfers"]].tolist() == [2, 0]
    assert tables.loc["leeg_getal", ["rijen", "cijfers"]].tolist() == [2, 1]


def test_per_document_sums_tables_and_counts_gaps(root):
    documents = coverage.per_document(root).set_index("bron")
    assert documents.loc["monitor", "tabellen"] == 3
    assert documents.loc["monitor", "rijen"] == 3 + 2 + 2
    assert documents.loc["monitor", "cijfers"] == 3 + 0 + 1
    assert documents.loc["monitor", "uitzonderingen"] == 1
    assert documents.loc["monitor", "ontbrekend"] == 2
    assert documents.loc["memo", ["tabellen", "rijen", "ontbrekend"]].tolist() == [1, 1, 0]
    assert documents.loc["memo", "sha256"] == "0" * 64


def test_known_gaps_lists_each_gap_with_its_section(root):
    gaps = coverage.known_gaps(root)
    assert gaps.to_dict("records") == [
        {"bron": "monitor", "sectie": "2.1", "wat": "grafiek per kwartaal"},
        {"bron": "monitor", "sectie": "5", "wat": "kaart"},
    ]


def test_markdown_has_summary_tables_and_gaps(root):
    text = coverage.markdown(root)
    assert coverage.REGENERATE in text.splitlines()[2]
    assert "| memo | Memo | 1 | 1 | 1 | 0 | 0 | 0 |" in text
    assert "| monitor | Monitor \\| 2018 | 3 | 7 | 4 | 1 | 1 | 2 |" in text, "pipes are escaped"
    assert "Totaal: 4 tabellen, 8 rijen, 5 cijfers, 1 gedocumenteerde inconsistenties" in text
    assert "- **2.1**: grafiek per kwartaal" in text
    memo_section = text.split("## memo — Memo")[1].split("## ")[0]
    assert "- geen" in memo_section


def test_write_creates_the_report(root, tmp_path):
    path = coverage.write(tmp_path / "COVERAGE.md", root)
    assert path.read_text(encoding="utf-8") == coverage.markdown(root)


def test_committed_coverage_report_is_up_to_date():
    committed = coverage.COVERAGE_PATH.read_text(encoding="utf-8")
    assert committed == coverage.markdown(), (
        f"data/published/COVERAGE.md is verouderd; maak het opnieuw met: {coverage.REGENERATE}"
    )


def test_real_data_totals_agree_with_the_descriptors():
    documents = coverage.per_document()
    assert documents["tabellen"].sum() == len(published.table_ids())
    assert set(documents["bron"]) == set(published.packages())
    assert (documents["cijfers"] <= documents["rijen"]).all()
