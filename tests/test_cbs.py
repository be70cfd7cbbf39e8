"""CBS StatLine access on recorded responses: paging, parsing, cache, offline, name→code.

The HTTP session is replaced by a fake that serves files from tests/fixtures/cbs/; no test
touches the network.
"""

import json
from pathlib import Path

import pandas as pd
import pytest
import requests

from helpers.data import cbs

FIXTURES = Path(__file__).parent / "fixtures" / "cbs"


class FakeResponse:
    def __init__(self, payload: dict, status: int = 200, url: str = ""):
        self._payload = payload
        self.status_code = status
        self.url = url

    def json(self) -> dict:
        return self._payload

    def raise_for_status(self) -> None:
        if self.status_code >= 400:
            raise requests.HTTPError(response=self)


class RecordedSession:
    """Serves ``<BASE_URL>/<table>/<entity>[?$skip=N]`` from the fixture files."""

    def __init__(self):
        self.calls: list[tuple[str, dict | None]] = []

    def get(self, url: str, params=None, timeout=None):
        assert timeout is not None, "every request needs a timeout"
        self.calls.append((url, params))
        path = url.removeprefix(cbs.BASE_URL + "/")
        path, _, query = path.partition("?$skip=")
        name = f"{path}.skip{query}.json" if query else f"{path}.json"
        return FakeResponse(json.loads((FIXTURES / name).read_text(encoding="utf-8")), url=url)


class OfflineSession:
    def get(self, url, params=None, timeout=None):
        raise requests.ConnectionError("Name or service not known")


@pytest.fixture
def session():
    return RecordedSession()


def test_paging_follows_next_link_and_parses_types(session, tmp_path):
    frame = cbs.fetch("70072ned", {"Perioden": "2019JJ00"}, cache_dir=tmp_path, session=session)
    assert [url for url, _ in session.calls] == [
        f"{cbs.BASE_URL}/70072ned/Observations",
        f"{cbs.BASE_URL}/70072ned/Observations?$skip=3",
    ]
    assert session.calls[0][1] == {"$filter": "Perioden eq '2019JJ00'"}
    assert session.calls[1][1] is None  # the next link carries the query
    assert len(frame) == 7
    # Padded keys are stripped; the string "120000" became a number.
    maastricht = frame[(frame["RegioS"] == "GM0935") & (frame["Measure"] == "M000001")]
    assert maastricht["Value"].tolist() == [120_000.0]
    assert frame["Value"].dtype == "float64"


def test_null_value_keeps_its_value_attribute(session, tmp_path):
    frame = cbs.fetch("85099NED", cache_dir=tmp_path, session=session)
    heerlen = frame[frame["RegioS"] == "GM0917"].iloc[0]
    assert pd.isna(heerlen["Value"]) and heerlen["ValueAttribute"] == "Confidential"


def test_value_that_is_no_number_is_an_error_naming_row_and_column():
    rows = [{"Measure": "M1", "Value": 1}, {"Measure": "M2", "Value": "x"}]
    with pytest.raises(ValueError, match=r"bron: rij 1, kolom Value: 'x'.*M2"):
        cbs.parse(rows, "bron")


def test_second_call_is_served_from_the_cache(session, tmp_path):
    first = cbs.fetch("70072ned", {"Perioden": "2019JJ00"}, cache_dir=tmp_path, session=session)
    calls = len(session.calls)
    second = cbs.fetch(
        "70072ned", {"Perioden": "2019JJ00"}, cache_dir=tmp_path, session=OfflineSession()
    )
    assert len(session.calls) == calls
    pd.testing.assert_frame_equal(first, second)
    sidecars = list((tmp_path / "70072ned").glob("*.json"))
    meta = json.loads(sidecars[0].read_text())
    assert meta["table_id"] == "70072ned"
    assert meta["url"] == f"{cbs.BASE_URL}/70072ned/Observations"
    assert meta["filter"] == "Perioden eq '2019JJ00'" and meta["rows"] == 7
    assert "fetched_at" in meta


def test_refresh_fetches_again(session, tmp_path):
    cbs.fetch("83454NED", cache_dir=tmp_path, session=session)
    cbs.fetch("83454NED", cache_dir=tmp_path, session=session, refresh=True)
    assert len(session.calls) == 2


def test_different_filters_are_cached_separately(tmp_path):
    a = cbs.cache_path(tmp_path, "T", "Observations", cbs.odata_filter({"Perioden": "2019JJ00"}))
    b = cbs.cache_path(tmp_path, "T", "Observations", cbs.odata_filter({"Perioden": "2018JJ00"}))
    assert a != b and a.parent == b.parent == tmp_path / "T"


def test_offline_gives_the_dutch_message(tmp_path):
    with pytest.raises(cbs.CbsOfflineError, match="CBS StatLine is niet bereikbaar.*data/cbs/"):
        cbs.fetch("70072ned", cache_dir=tmp_path, session=OfflineSession())


def test_offline_flag_never_calls_the_network(session, tmp_path):
    with pytest.raises(cbs.CbsCacheMissError, match="70072ned"):
        cbs.fetch("70072ned", cache_dir=tmp_path, session=session, offline=True)
    assert session.calls == []


def test_http_error_is_reported_with_status(tmp_path):
    class Failing:
        def get(self, url, params=None, timeout=None):
            return FakeResponse({}, status=503, url=url)

    with pytest.raises(cbs.CbsOfflineError, match="HTTP 503"):
        cbs.fetch("70072ned", cache_dir=tmp_path, session=Failing())


def test_session_retries_with_backoff_on_server_errors():
    retry = cbs.session_with_retries().get_adapter("https://datasets.cbs.nl").max_retries
    assert retry.total == 4 and retry.backoff_factor == 1.0
    assert {429, 503} <= set(retry.status_forcelist)


def test_odata_filter_ors_codes_of_one_column_and_escapes_quotes():
    text = cbs.odata_filter({"RegioS": ["GM0935", "GM0917"], "Perioden": "2019JJ00"})
    assert text == "Perioden eq '2019JJ00' and (RegioS eq 'GM0935' or RegioS eq 'GM0917')"
    assert cbs.odata_filter({"X": "a'b"}) == "X eq 'a''b'"
    assert cbs.odata_filter({}) is None


@pytest.fixture
def regions(session, tmp_path):
    return cbs.codes("70072ned", "RegioS", cache_dir=tmp_path, session=session)


@pytest.mark.parametrize(
    ("given", "code"),
    [
        ("Maastricht", "GM0935"),
        ("maastricht ", "GM0935"),
        ("GM0935", "GM0935"),
        ("0935", "GM0935"),
        ("935", "GM0935"),
        ("Utrecht", "GM0344"),
    ],
)
def test_gemeente_name_or_code_to_gm_code(regions, given, code):
    assert cbs.gemeente_code(given, regions) == code


def test_unknown_gemeente_suggests_similar_names(regions):
    with pytest.raises(LookupError, match="Maastrich.*Maastricht"):
        cbs.gemeente_code("Maastrich", regions)
    with pytest.raises(LookupError, match="0999"):
        cbs.gemeente_code("0999", regions)


def test_province_is_not_a_gemeente(regions):
    with pytest.raises(LookupError, match="niet gevonden"):
        cbs.gemeente_code("Limburg (PV)", regions)


def test_unknown_measure_title_lists_available_titles(session, tmp_path):
    measures = cbs.codes("70072ned", "Measure", cache_dir=tmp_path, session=session)
    with pytest.raises(LookupError, match="Totale bevolking"):
        cbs.code_for_title(measures, "Bevolking totaal", "70072ned onderwerp")


def test_year_filter_resolves_titles_to_codes(session, tmp_path):
    filters = cbs.year_filters("wmo", 2019, cache_dir=tmp_path, session=session)
    assert filters == {
        "Perioden": "2019JJ00",
        "Measure": ["M100001"],
        "Persoonskenmerken": "T009",
        "Maatwerkvoorziening": "T001",
    }


def test_indicators_from_cache_hand_computed(session, tmp_path):
    cbs.gemeenten(2019, cache_dir=tmp_path, session=session)  # fills the cache
    result = cbs.indicators("Maastricht", 2019, cache_dir=tmp_path).set_index("indicator")
    waarde = result["waarde"]
    assert waarde["inwoners"] == 120_000
    assert waarde["omgevingsadressendichtheid"] == 2_300
    assert waarde["stedelijkheid"] == 2  # 1 500 <= 2 300 < 2 500: sterk stedelijk
    assert waarde["grootteklasse"] == 6  # 100 000 tot 150 000 inwoners
    # 60 000 (x 1 000 euro) / 120 000 inwoners = 500 euro per inwoner
    assert waarde["kosten jeugdzorg per inwoner"] == pytest.approx(500.0)
    assert waarde["Wmo-cliënten per 1000 inwoners"] == pytest.approx(100.0)  # 12 000 / 120
    assert waarde["bijstandsuitkeringen per 1000 inwoners"] == pytest.approx(5_000 / 120)
    assert waarde["jongeren met jeugdhulp per 1000 inwoners"] == pytest.approx(25.0)


def test_gemeenten_keeps_only_gm_codes_and_secret_cells_as_missing(session, tmp_path):
    frame = cbs.gemeenten(2019, cache_dir=tmp_path, session=session).set_index("gemeente_code")
    assert sorted(frame.index) == ["GM0344", "GM0917", "GM0935"]
    assert frame.loc["GM0344", "gemeente"] == "Utrecht (gemeente)"
    assert pd.isna(frame.loc["GM0917", "jongeren met jeugdhulp per 1000 inwoners"])


def test_indicators_without_cache_names_the_make_target(tmp_path):
    with pytest.raises(cbs.CbsCacheMissError, match="make data-cbs GEMEENTE=Maastricht"):
        cbs.indicators("Maastricht", 2019, cache_dir=tmp_path)


def test_indicators_for_a_year_not_in_the_cache(session, tmp_path):
    cbs.gemeenten(2019, cache_dir=tmp_path, session=session)
    with pytest.raises(cbs.CbsCacheMissError, match="JAAR=2018"):
        cbs.indicators("Maastricht", 2018, cache_dir=tmp_path)


def test_cli_fills_the_cache(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(cbs, "session_with_retries", RecordedSession)
    code = cbs.main(
        ["fetch", "--gemeente", "Maastricht", "--jaar", "2019", "--cache", str(tmp_path)]
    )
    assert code == 0
    assert "GM0935" in capsys.readouterr().out
    assert not cbs.indicators("GM0935", 2019, cache_dir=tmp_path).empty


def test_cli_offline_prints_the_dutch_message(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(cbs, "session_with_retries", OfflineSession)
    code = cbs.main(
        ["fetch", "--gemeente", "Maastricht", "--jaar", "2019", "--cache", str(tmp_path)]
    )
    assert code == 1
    assert "CBS StatLine is niet bereikbaar" in capsys.readouterr().err


def test_registry_documents_every_table():
    for key, table in cbs.TABLES.items():
        assert table.id and table.title and table.used_for and table.verified, key
    assert {t.id for t in cbs.TABLES.values()} >= {
        "83454NED",
        "85099NED",
        "85098NED",
        "85097NED",
        "85896NED",
        "82015NED",
        "70072ned",
    }
