"""helpers.microdata.reading_report: the row balance and the rejection reasons."""

import pandas as pd
import pytest

from helpers.microdata import reading_report


def test_row_balance_counts_distinct_rejected_rows():
    rejected = pd.DataFrame({"rij": [3, 3, 7], "kolom": ["kosten", "jaar", "kosten"]})
    balance = reading_report.row_balance(10, 8, rejected)
    assert balance.to_dict() == {"rijen in bestand": 10, "gebruikt": 8, "afgewezen": 2}
    with pytest.raises(ValueError, match="10 in het bestand, 7 gebruikt en 2 afgewezen"):
        reading_report.row_balance(10, 7, rejected)


def test_rejection_reasons_count_rows_per_reason():
    rejected = pd.DataFrame(
        {
            "rij": [3, 4, 4, 7],
            "kolom": ["kosten", "kosten", "kosten", "jaar"],
            "reden": ["negatief", "negatief", "negatief", "geen geheel getal"],
        }
    )
    reasons = reading_report.rejection_reasons(rejected)
    assert reasons.to_dict("records") == [
        {"kolom": "kosten", "reden": "negatief", "rijen": 2},
        {"kolom": "jaar", "reden": "geen geheel getal", "rijen": 1},
    ]
