"""The project's folders, in one place."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
DATA = ROOT / "data"
DATA_PUBLISHED = DATA / "published"
DATA_RAW = DATA / "raw"
DATA_CBS = DATA / "cbs"
DATA_REFERENCE = DATA / "reference"
REPORTS = ROOT / "reports"
SEEDS = ROOT.parent / "shared" / "seeds"
DATA_EXTERNAL = DATA / "external"
BUILD = ROOT / ".build"
