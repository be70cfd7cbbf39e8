"""Client data never enters git: data/raw/ holds only its README, and caches/reports are ignored."""

import subprocess

import pytest

from helpers import paths


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=paths.ROOT, capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture(scope="module")
def tracked() -> list[str]:
    try:
        return _git("ls-files").splitlines()
    except (subprocess.CalledProcessError, FileNotFoundError):
        pytest.skip("not a git checkout")


def test_no_raw_export_is_tracked(tracked):
    raw = [p for p in tracked if p.startswith("data/raw/") and p != "data/raw/README.md"]
    assert raw == [], f"Ruwe cliëntdata staat in git: {raw}"


def test_no_cbs_cache_or_rendered_report_is_tracked(tracked):
    generated = [
        p
        for p in tracked
        if (p.startswith("data/cbs/") and p != "data/cbs/README.md")
        or (p.startswith("reports/") and p != "reports/README.md")
    ]
    assert generated == []


@pytest.mark.parametrize(
    "path",
    [
        "data/raw/export_2019.csv",
        "data/raw/sub/x.parquet",
        "data/cbs/85099NED/a.parquet",
        "reports/index.html",
    ],
)
def test_gitignore_covers_raw_data_caches_and_reports(path):
    result = subprocess.run(["git", "check-ignore", "-q", path], cwd=paths.ROOT)
    assert result.returncode == 0, f"{path} is not ignored by .gitignore"
