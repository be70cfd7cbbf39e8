"""Recorded public data: every file described, byte-identical, and its origin inside the record."""

import json

import pytest

from helpers import paths
from helpers.data import external

REQUIRED = ("producer", "table", "title", "period", "recorded_from", "licence", "caveats", "sha256")
DESCRIPTION_FILES = {"snapshots.json", "README.md"}


def test_every_file_under_data_external_is_described_exactly_once():
    on_disk = {
        str(p.relative_to(paths.DATA_EXTERNAL))
        for p in paths.DATA_EXTERNAL.rglob("*")
        if p.is_file() and p.name not in DESCRIPTION_FILES
    }
    described = [f for s in external.snapshots().values() for f in s.sha256]
    assert sorted(described) == sorted(set(described)), "a file is described twice"
    assert set(described) == on_disk


@pytest.mark.parametrize("snapshot_id", sorted(external.snapshots()))
def test_snapshot_files_match_their_recorded_checksums(snapshot_id):
    entry = external.snapshot(snapshot_id)
    for relative, expected in entry.sha256.items():
        assert external.sha256(paths.DATA_EXTERNAL / relative) == expected, relative


@pytest.mark.parametrize("snapshot_id", sorted(external.snapshots()))
def test_snapshot_descriptor_is_complete_and_points_inside_the_repository(snapshot_id):
    entry = json.loads(external.DESCRIPTOR.read_text())["snapshots"]
    entry = next(e for e in entry if e["id"] == snapshot_id)
    for field in REQUIRED:
        assert entry[field] not in (None, "", {}), field
    origin = entry["recorded_from"]
    assert set(origin) == {"repository", "commit", "path"}
    assert len(origin["commit"]) == 40
    assert ".." not in entry["path"] and not entry["path"].startswith("/")


def test_a_changed_byte_is_refused(tmp_path, monkeypatch):
    copy = tmp_path / "external"
    (copy / "cbs").mkdir(parents=True)
    original = external.path("cbs/85098ned_2022")
    relative = original.relative_to(paths.DATA_EXTERNAL)
    data = original.read_bytes()
    (copy / relative).write_bytes(data.replace(b"13,2", b"13,3", 1))
    monkeypatch.setattr(paths, "DATA_EXTERNAL", copy)
    external._verified.cache_clear()
    try:
        with pytest.raises(external.SnapshotError, match="wijkt af"):
            external.path("cbs/85098ned_2022")
    finally:
        external._verified.cache_clear()


def test_unknown_snapshot_and_unknown_file_name_what_exists():
    with pytest.raises(external.SnapshotError, match="bekend: .*cbs/85098ned_2022"):
        external.snapshot("cbs/bestaat_niet")
    with pytest.raises(external.SnapshotError, match="observations-page-1.json"):
        external.path("cbs/03759ned_v4", "observations-page-2.json")


def test_citation_names_producer_table_period_and_licence():
    citation = external.snapshot("cbs/85098ned_2022").citation
    assert "CBS" in citation and "85098NED" in citation and "2022" in citation
    assert "CC BY 4.0" in citation
