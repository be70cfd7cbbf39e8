"""Every published table loads, matches its schema, and satisfies its declared arithmetic
except for the documented inconsistencies of the source."""

import hashlib
import json
import os
import re
from pathlib import Path

import pandas as pd
import pytest

from helpers import paths
from helpers.data import consistency, published
from helpers.data.schemas import PublishedDataError

TABLE_IDS = published.table_ids()
SOURCE_KEYS = {
    "title",
    "publisher",
    "year",
    "date",
    "published_in",
    "text",
    "text_sha256",
    "text_bytes",
}
REQUIRED_RESOURCE_KEYS = {"name", "path", "title", "section", "label", "unit", "schema"}


def test_there_are_published_tables():
    assert "monitor_2018/financien_pijlers" in TABLE_IDS


@pytest.mark.parametrize("name", published.packages())
def test_package_descriptor_is_complete(name):
    package = json.loads((paths.DATA_PUBLISHED / name / "datapackage.json").read_text("utf-8"))
    assert package["name"] == name
    source = package["sources"][0]
    assert SOURCE_KEYS <= source.keys()
    assert "path" not in source, "a source is described, not pointed at outside the repository"
    assert re.fullmatch(r"[0-9a-f]{64}", source["text_sha256"])
    assert source["text_bytes"] > 0 and len(source["published_in"]) > 20
    names = [r["name"] for r in package["resources"]]
    assert len(names) == len(set(names)), "resource names must be unique"
    csvs = {p.name for p in (paths.DATA_PUBLISHED / name).glob("*.csv")}
    assert csvs == {r["path"] for r in package["resources"]}, "every CSV has a descriptor entry"
    for resource in package["resources"]:
        assert REQUIRED_RESOURCE_KEYS <= resource.keys(), resource["name"]


@pytest.mark.parametrize("table_id", TABLE_IDS)
def test_table_matches_schema_and_has_values(table_id):
    table = published.load(table_id)
    assert len(table.data) > 0
    assert "waarde" in table.data.columns
    # a value may be empty only where the source prints no number ('–') and the schema allows it
    waarde = next(f for f in table.descriptor["schema"]["fields"] if f["name"] == "waarde")
    may_be_empty = not waarde.get("constraints", {}).get("required", False)
    assert (
        table.data["waarde"].notna().all()
        or table.descriptor.get("unit") == "tekst"
        or may_be_empty
    )
    dims = [c for c in table.data.columns if c != "waarde"]
    duplicated = table.data.duplicated(subset=dims, keep=False)
    assert not duplicated.any(), f"{table_id}: dubbele rijen\n{table.data[duplicated]}"


@pytest.mark.parametrize("table_id", TABLE_IDS)
def test_arithmetic_holds_except_documented_exceptions(table_id):
    table = published.load(table_id)
    new, stale = consistency.unexplained(table.data, table.descriptor)
    assert not new, f"{table_id}: onverklaarde afwijkingen {new}"
    assert not stale, f"{table_id}: gedocumenteerde afwijking komt niet meer voor {stale}"
    for exception in table.descriptor.get("exceptions", []):
        assert {"check", "key", "verwacht", "gedrukt", "reason"} <= exception.keys(), exception


def test_every_source_text_is_the_one_that_was_transcribed():
    """The texts of the sources are not in the repository; where they are at hand (beside the
    checkout, or in the folder named by GRIP_BRONTEKSTEN) their checksums must match the
    descriptors. Without them this test fails, unless GRIP_ZONDER_BRONTEKSTEN=1 says so on purpose."""
    folder = Path(os.environ.get("GRIP_BRONTEKSTEN", paths.SEEDS))
    if not folder.is_dir():
        assert os.environ.get("GRIP_ZONDER_BRONTEKSTEN") == "1", (
            f"De bronteksten staan niet in {folder}: zet GRIP_BRONTEKSTEN op de map met de teksten, "
            "of GRIP_ZONDER_BRONTEKSTEN=1 om bewust zonder deze controle te testen."
        )
        return
    found = {hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.glob("*.txt")}
    for name in published.packages():
        source = published.package(name)["sources"][0]
        assert source["text_sha256"] in found, f"{name}: geen brontekst met deze sha256 in {folder}"


def test_a_changed_figure_is_caught_by_the_checks(tmp_path):
    table = published.load("monitor_2018/financien_pijlers")
    data = table.data.copy()
    wmo_2017 = (data.pijler == "Wmo") & (data.jaar == 2017) & (data.grootheid == "lasten")
    data.loc[wmo_2017, "waarde"] = 65.9
    new, _ = consistency.unexplained(data, table.descriptor)
    assert {n["check"] for n in new} == {
        "resultaat_is_begroting_min_lasten",
        "totaal_is_som_pijlers",
    }


def test_bad_published_csv_names_file_row_and_column(tmp_path):
    _, resource = published.descriptor("monitor_2018/financien_pijlers")
    package = {
        "name": "demo",
        "sources": [{"title": "t", "path": "x/000_x.txt"}],
        "resources": [resource],
    }
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "datapackage.json").write_text(json.dumps(package), "utf-8")
    (tmp_path / "demo" / resource["path"]).write_text(
        "pijler,jaar,stand,grootheid,waarde\nJeugd,2017,realisatie,begroting,25.6\nJeugd,2017,realisatie,budget,x\n",
        "utf-8",
    )
    with pytest.raises(PublishedDataError) as err:
        published.load("demo/financien_pijlers", root=tmp_path)
    message = str(err.value)
    assert "financien_pijlers.csv" in message
    assert "rij 3" in message and "kolom 'grootheid'" in message and "kolom 'waarde'" in message


def test_unknown_table_names_what_is_available():
    with pytest.raises(KeyError, match="beschikbaar: .*financien_pijlers"):
        published.load("monitor_2018/bestaat_niet")


def test_values_are_as_printed_in_table_2_3():
    data = published.load("monitor_2018/financien_pijlers").data.set_index(
        ["pijler", "jaar", "stand", "grootheid"]
    )["waarde"]
    assert data[("Jeugd", 2017, "realisatie", "lasten")] == 34.2
    assert data[("Totaal", 2018, "realisatie", "resultaat")] == 2.3
    assert isinstance(data, pd.Series)


def test_exceptions_table_lists_the_sources_own_inconsistencies():
    table = published.load("monitor_2018/financien_pijlers")
    listed = published.exceptions(table)
    assert len(listed) == len(table.descriptor["exceptions"])
    footnote = listed[listed["waar"] == "jaar 2018, stand realisatie, grootheid resultaat"].iloc[0]
    assert (footnote["volgens_rekensom"], footnote["gedrukt"]) == (2.2, 2.3)


def test_value_and_select():
    table = published.load("monitor_2018/indicaties_kerncijfers")
    assert table.value(grootheid="unieke cliënten met indicatie", jaar=2018) == 20469
    with pytest.raises(KeyError, match="2 rijen"):
        table.value(grootheid="inwoners met ondersteuning")


def test_check_over_the_whole_table_reports_a_violation():
    data = pd.DataFrame({"deel": ["a", "b", "totaal"], "waarde": [1.0, 2.0, 4.0]})
    check = {
        "id": "som",
        "check": "sum",
        "total": {"deel": "totaal"},
        "parts": {"deel": ["a", "b"]},
        "by": [],
    }
    violations = consistency.run_check(data, check)
    assert violations.to_dict("records") == [{"key": {}, "verwacht": 3.0, "gedrukt": 4.0}]


def test_ratio_exception_matches_within_tolerance_only():
    data = pd.DataFrame({"x": ["deel", "geheel", "pct"], "waarde": [1.0, 3.0, 34.0]})
    check = {
        "id": "pct",
        "check": "ratio",
        "result": {"x": "pct"},
        "numerator": {"x": "deel"},
        "denominator": {"x": "geheel"},
        "factor": 100,
        "by": [],
        "tolerance": 0.5,
    }
    resource = {
        "checks": [check],
        "exceptions": [{"check": "pct", "key": {}, "verwacht": 33, "gedrukt": 34, "reason": "r"}],
    }
    assert consistency.unexplained(data, resource) == ([], [])
    data.loc[2, "waarde"] = 35.0
    new, stale = consistency.unexplained(data, resource)
    assert len(new) == 1 and len(stale) == 1


def test_known_gaps_of_a_chapter():
    gaps = published.known_gaps("monitor_2018", sections=("2.",))
    assert list(gaps.columns) == ["paragraaf", "ontbreekt"]
    assert len(gaps) >= 3 and gaps["paragraaf"].str.startswith("2.").all()
    assert len(published.known_gaps("monitor_2018")) > len(gaps)
