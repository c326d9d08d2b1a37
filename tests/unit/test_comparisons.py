"""The figure_comparisons rule on small figure tables made here."""

from __future__ import annotations

import datetime as dt
import itertools

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from strikeledger.schemas.figure_comparisons import FigureComparisons
from strikeledger.schemas.vocabularies import PEOPLE_METRICS

from strikeledger import parallel
from strikeledger.builder.comparisons import (
    GROWS,
    MAX_CLAIMS_LISTED,
    _figure_ids,
    _running_max,
    claim_ranges,
    compare,
)

DATE = pd.ArrowDtype(pa.date32())


def figures(*claims: tuple) -> pd.DataFrame:
    """claims: (value, qualifier, as_of day in Nov 2023, source, metric, victim group)."""
    rows = []
    for i, (value, qualifier, day, source, *what) in enumerate(claims, start=1):
        metric, group = [*what, None, None][:2] if what else ("injured", "us_personnel")
        if what and group is None and metric in PEOPLE_METRICS:
            group = "us_personnel"
        rows.append({
            "figure_id": f"FIG-{i:04d}", "source_id": source, "value": value,
            "qualifier": qualifier, "metric": metric, "victim_group": group,
            "area": "iraq_and_syria", "period_start": dt.date(2023, 10, 17),
            "as_of": dt.date(2023, 11, day) if day else None, "event_id": None,
            "operation_id": None, "wording": None, "claimant": None, "excludes": None,
        })
    return typed(rows)


def typed(rows: list[dict]) -> pd.DataFrame:
    """Figure rows as validation types them."""
    frame = pd.DataFrame(rows)
    frame["value"] = frame["value"].astype("Int64")
    for column in ("period_start", "as_of"):
        frame[column] = frame[column].astype(DATE)
    for column in ("figure_id", "source_id", "qualifier", "metric", "victim_group", "area",
                   "event_id", "operation_id", "wording", "claimant", "excludes"):
        frame[column] = frame[column].astype("str").where(frame[column].notna())
    return frame


@pytest.mark.parametrize(("value", "qualifier", "low", "high"), [
    (62, "exact", 62, 62), (70, "approximately", 63, 77), (62, "at_least", 62, None),
    (151, "more_than", 152, None), (7, "at_most", 0, 7), (10, "fewer_than", 0, 9),
    (None, "unquantified", 2, None),
])
def test_claim_ranges(value, qualifier, low, high):
    lo, hi = claim_ranges(pd.Series([value], dtype="Int64"), pd.Series([qualifier]))
    assert lo.iloc[0] == low
    assert (pd.isna(hi.iloc[0]) and high is None) or hi.iloc[0] == high


@pytest.mark.parametrize(("claims", "consistent", "consensus"), [
    ([(62, "at_least", 21, "SRC-0001"), (62, "exact", 21, "SRC-0002")], True, (62, 62)),
    ([(62, "exact", 21, "SRC-0001"), (70, "approximately", 20, "SRC-0002")], False, None),
    ([(66, "approximately", 21, "SRC-0001"), (66, "exact", 21, "SRC-0002")], True, (66, 66)),
    ([(1, "exact", 21, "SRC-0001"), (None, "unquantified", 21, "SRC-0002")], False, None),
    ([(151, "more_than", 21, "SRC-0001"), (150, "at_least", 21, "SRC-0002")], True,
     (152, None)),
])
def test_consistency(claims, consistent, consensus):
    out = compare(figures(*claims))
    assert len(out) == 1
    row = out.iloc[0]
    assert bool(row["consistent"]) is consistent
    assert row["n_figures"] == len(claims)
    if consensus:
        assert row["consensus_low"] == consensus[0]
        assert (pd.isna(row["consensus_high"]) and consensus[1] is None) or \
            row["consensus_high"] == consensus[1]
    else:
        assert pd.isna(row["consensus_low"]) and pd.isna(row["consensus_high"])


@pytest.mark.parametrize(("metric", "claims", "consistent"), [
    # Running counts may grow within a window...
    ("attacks_on_us_forces", [(10, "exact", 1), (12, "at_least", 3)], True),
    # ...but never fall below what an earlier claim established.
    ("attacks_on_us_forces", [(70, "approximately", 1), (62, "exact", 2)], False),
    # Claims of the same day must agree even for growing metrics.
    ("injured", [(25, "exact", 2), (34, "at_least", 2)], False),
    # Fixed quantities may not grow: every claim in the window must overlap.
    ("facilities_struck", [(17, "exact", 1), (27, "exact", 3)], False),
    ("facilities_struck", [(3, "exact", 1), (3, "exact", 3)], True),
])
def test_growing_and_fixed_metrics(metric, claims, consistent):
    rows = [(v, q, day, f"SRC-000{i}", metric) for i, (v, q, day) in enumerate(claims, start=1)]
    (row,) = compare(figures(*rows)).itertuples()
    assert bool(row.consistent) is consistent


def test_consensus_of_a_growing_count_is_that_of_its_last_day():
    (row,) = compare(figures((10, "exact", 1, "SRC-0001", "attacks_on_us_forces"),
                             (12, "at_least", 3, "SRC-0002", "attacks_on_us_forces"),
                             (13, "exact", 3, "SRC-0003", "attacks_on_us_forces"))).itertuples()
    assert (row.consistent, row.consensus_low, row.consensus_high) == (True, 13, 13)


def test_windows_are_anchored_at_their_first_date():
    # 1, 3, 4 fall in the window opened on 1 Nov (up to 4 Nov); 5 opens the next; so does 9.
    out = compare(figures(*[(60 + d, "exact", d, f"SRC-{d:04d}") for d in (1, 3, 4, 5, 9)]))
    assert out["figure_ids"].tolist() == ["FIG-0001;FIG-0002;FIG-0003", "FIG-0004", "FIG-0005"]
    assert out["as_of_from"].astype(str).tolist() == ["2023-11-01", "2023-11-05", "2023-11-09"]


def test_different_metrics_and_unknown_dates_are_kept_apart():
    out = compare(figures((8, "exact", 21, "SRC-0001"), (8, "exact", 21, "SRC-0002",
                                                          "killed", "militants"),
                          (8, "exact", 21, "SRC-0004", "injured", "militants"),
                          (8, "exact", None, "SRC-0003")))
    assert len(out) == 4  # injured U.S. troops and injured militants are not compared
    assert out["n_sources"].tolist() == [1, 1, 1, 1]


def test_output_matches_its_model():
    out = compare(figures((62, "exact", 21, "SRC-0001"), (70, "approximately", 20, "SRC-0002")))
    FigureComparisons.validate(out)
    assert out.loc[0, "claims"] == "SRC-0001: exact 62; SRC-0002: approximately 70"
    assert out.loc[0, "comparison_id"] == \
        "injured/us_personnel/iraq_and_syria/2023-10-17/-/-/2023-11-20"


def test_columns_in_several_arrow_chunks_give_the_same_result():
    """Columns read from large CSVs arrive in blocks (chunked Arrow arrays)."""
    frame = figures(*[(60 + d, "exact", d, f"SRC-{d:04d}") for d in (1, 3, 4, 5, 9)])
    chunked = frame.copy()
    for column in ("figure_id", "source_id", "qualifier", "metric"):
        values = frame[column].tolist()
        chunked[column] = pd.Series(pd.arrays.ArrowStringArray(
            pa.chunked_array([values[:2], values[2:]])))
    pd.testing.assert_frame_equal(compare(chunked), compare(frame))


def test_counts_from_nearby_start_days_are_compared_and_say_so():
    frame = figures((55, "exact", 14, "SRC-0001"), (73, "exact", 14, "SRC-0002"),
                    (9, "exact", 14, "SRC-0003"))
    frame["period_start"] = pd.Series([dt.date(2023, 10, 17), dt.date(2023, 10, 18),
                                       dt.date(2023, 10, 23)], dtype=DATE)
    out = compare(frame)
    assert len(out) == 2  # 17 and 18 Oct together; 23 Oct apart
    (together,) = out[out["n_figures"] == 2].itertuples()
    assert str(together.period_start) == "2023-10-17"
    assert together.claims == "SRC-0001: exact 55; SRC-0002: exact 73 [since 2023-10-18]"
    assert not together.consistent  # 73 and 55 on the same day cannot both be true


def test_a_claim_shows_its_wording_claimant_and_exclusions():
    frame = figures((70, "approximately", 14, "SRC-0001"), (None, "unquantified", 14, "SRC-0002"))
    frame["wording"] = pd.Series(["about 70", None], dtype="str").where([True, False])
    frame["claimant"] = pd.Series(["CENTCOM", "SOHR"], dtype="str")
    frame["excludes"] = pd.Series([None, "the wounded"], dtype="str").where([False, True])
    (row,) = compare(frame).itertuples()
    assert row.claims == ('SRC-0001: approximately 70 "about 70" (CENTCOM); '
                          "SRC-0002: unquantified (SOHR) [excludes: the wounded]")


def test_a_long_window_lists_its_first_claims_and_counts_the_rest():
    n = MAX_CLAIMS_LISTED + 5
    frame = figures(*[(i, "at_least", 14, f"SRC-{i:04d}") for i in range(1, n + 1)])
    frame = frame.iloc[::-1].reset_index(drop=True)  # listed in figure_id order all the same
    short = figures((1, "exact", 15, "SRC-0001")).assign(metric="killed",
                                                         victim_group="militants")
    short["figure_id"] = "FIG-9999"
    out = compare(pd.concat([frame, short], ignore_index=True))
    (long,) = out[out["n_figures"] == n].itertuples()
    listed = "; ".join(f"SRC-{i:04d}: at least {i}" for i in range(1, MAX_CLAIMS_LISTED + 1))
    assert long.claims == f"{listed}; and 5 more"
    assert long.figure_ids == ";".join(f"FIG-{i:04d}" for i in range(1, n + 1))
    assert out[out["n_figures"] == 1]["claims"].tolist() == ["SRC-0001: exact 1"]


# Parts that are prefixes of one another, followed by characters that sort before and
# after "/", and parts that contain "/": the rows still follow their ids' text order. (A
# part is never "-" alone, which an id writes for empty: ids and codes cannot be "-".)
PART = st.text(alphabet="-./0a", min_size=1, max_size=3).filter(lambda part: part != "-")


@given(st.lists(st.tuples(PART, st.one_of(st.none(), PART), st.integers(1, 9)),
                min_size=1, max_size=12))
@settings(max_examples=150, deadline=None)
def test_rows_are_in_the_text_order_of_their_ids(keys):
    frame = figures(*[(1, "exact", day, "SRC-0001") for _, _, day in keys])
    frame["event_id"] = pd.Series([event for event, _, _ in keys], dtype="str")
    frame["area"] = pd.Series([area for _, area, _ in keys], dtype="str").where(
        pd.Series([area is not None for _, area, _ in keys]))
    ids = compare(frame)["comparison_id"].tolist()
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)


# --- The whole rule, against a plain implementation of the module's docstring -----------

def _reference(frame: pd.DataFrame) -> dict[tuple[str, ...], dict]:
    """figure_comparisons by the rule as written, one figure and one window at a time:
    each window (its figure ids, in id order) with what it reports."""
    day = dt.timedelta(days=1)
    anchor, current = {}, None  # rule 1: the starts in order, each cluster's earliest
    for start in sorted({s for s in frame["period_start"] if not pd.isna(s)}):
        if current is None or start - current > 3 * day:
            current = start
        anchor[start] = current
    groups: dict[tuple, list[dict]] = {}
    for row in frame.to_dict("records"):
        row = {k: (None if v is None or v is pd.NA or v is pd.NaT or v != v else v)
               for k, v in row.items()}
        key = (row["metric"], row["victim_group"], row["area"], anchor.get(row["period_start"]),
               row["event_id"], row["operation_id"])
        groups.setdefault(key, []).append(row)
    result = {}
    for key, rows in groups.items():
        windows, opened = [], None  # rule 2
        for row in sorted((r for r in rows if r["as_of"] is not None), key=lambda r: r["as_of"]):
            if opened is None or row["as_of"] - opened > 3 * day:
                opened = row["as_of"]
                windows.append([])
            windows[-1].append(row)
        windows += [[r for r in rows if r["as_of"] is None]]
        for window in filter(None, windows):
            result[tuple(sorted(r["figure_id"] for r in window))] = _judged(key, window)
    return result


def _judged(key: tuple, window: list[dict]) -> dict:
    """Rule 4 for one window, day by day."""
    days: dict = {}
    for row in window:
        low, high = claim_ranges(pd.Series([row["value"]], dtype="Int64"),
                                 pd.Series([row["qualifier"]]))
        low, high = low.iloc[0], high.iloc[0]
        days.setdefault(row["as_of"], []).append(
            (low, float("inf") if pd.isna(high) else high))
    per_day = [(max(lo for lo, _ in claims), min(hi for _, hi in claims))
               for _, claims in sorted(days.items(), key=lambda d: (d[0] is None, d[0]))]
    if key[0] in GROWS:
        floor, consistent = -float("inf"), True
        for low, high in per_day:
            floor = max(floor, low)
            consistent &= floor <= high
        lowest, highest = floor, per_day[-1][1]
    else:
        lowest = max(lo for lo, _ in per_day)
        highest = min(hi for _, hi in per_day)
        consistent = lowest <= highest
    values = [r["value"] for r in window if r["value"] is not None]
    dated = [r["as_of"] for r in window if r["as_of"] is not None]
    listed = sorted(window, key=lambda r: r["figure_id"])
    claims = "; ".join(_claim(r, key[3]) for r in listed[:MAX_CLAIMS_LISTED])
    if len(listed) > MAX_CLAIMS_LISTED:
        claims += f"; and {len(listed) - MAX_CLAIMS_LISTED} more"
    return {"consistent": consistent, "claims": claims,
            "consensus_low": lowest if consistent else None,
            "consensus_high": highest if consistent and highest != float("inf") else None,
            "n_sources": len({r["source_id"] for r in window}),
            "value_low": min(values, default=None), "value_high": max(values, default=None),
            "as_of_from": min(dated, default=None), "as_of_to": max(dated, default=None),
            "period_start": key[3]}


def _claim(row: dict, period_start: dt.date | None) -> str:
    """One claim as the module's docstring of _claims describes it."""
    text = f"{row['source_id']}: {row['qualifier'].replace('_', ' ')}"
    if row["value"] is not None:
        text += f" {row['value']}"
    if row["wording"] is not None:
        text += f' "{row["wording"]}"'
    if row["claimant"] is not None:
        text += f" ({row['claimant']})"
    if row["period_start"] is not None and row["period_start"] != period_start:
        text += f" [since {row['period_start'].isoformat()}]"
    if row["excludes"] is not None:
        text += f" [excludes: {row['excludes']}]"
    return text


_QUANTIFIED = ["exact", "approximately", "at_least", "more_than", "at_most", "fewer_than"]
FIGURE = st.tuples(
    st.one_of(st.tuples(st.integers(0, 120), st.sampled_from(_QUANTIFIED)),
              st.just((None, "unquantified"))),
    st.one_of(st.none(), st.integers(0, 40)),  # as_of: days after 1 Nov 2023
    st.one_of(st.none(), st.integers(0, 12)),  # period_start: days after 10 Oct 2023
    st.sampled_from(["attacks_on_us_forces", "injured", "facilities_struck"]),
    st.sampled_from([None, "EV-0001", "EV-0002"]),
    st.integers(1, 4),  # the source
)


@given(st.lists(FIGURE, min_size=1, max_size=40))
@settings(max_examples=200, deadline=None)
# The edges: a figure on a window's last day, a start on a cluster's last day, a growing
# count that falls, fixed quantities that differ on different days.
@example([((60, "exact"), 1, 0, "injured", None, 1), ((61, "at_least"), 4, 0, "injured", None, 2),
          ((62, "exact"), 5, 0, "injured", None, 3)])
@example([((60, "exact"), 1, 0, "injured", None, 1), ((60, "exact"), 1, 3, "injured", None, 2),
          ((60, "exact"), 1, 4, "injured", None, 3), ((60, "exact"), 1, 7, "injured", None, 3)])
@example([((70, "approximately"), 1, None, "attacks_on_us_forces", "EV-0001", 1),
          ((60, "exact"), 2, None, "attacks_on_us_forces", "EV-0001", 2),
          ((3, "exact"), 1, None, "facilities_struck", None, 1),
          ((4, "at_least"), 3, None, "facilities_struck", None, 2),
          ((None, "unquantified"), None, None, "facilities_struck", None, 2)])
def test_the_derivation_is_the_rule_as_written(drawn):
    rows = []
    for i, ((value, qualifier), as_of, start, metric, event, source) in enumerate(drawn, 1):
        rows.append({
            "figure_id": f"FIG-{i:04d}", "source_id": f"SRC-{source:04d}", "value": value,
            "qualifier": qualifier, "metric": metric,
            "victim_group": "us_personnel" if metric == "injured" else None,
            "area": "iraq_and_syria",
            "period_start": None if start is None else dt.date(2023, 10, 10 + start),
            "as_of": None if as_of is None else dt.date(2023, 11, 1) + dt.timedelta(as_of),
            "event_id": event, "operation_id": None,
            # Every combination of the optional words over a few figures.
            "wording": f"about {value}" if i % 2 else None,
            "claimant": ["CENTCOM", "DoD", None][i % 3],
            "excludes": "Syria" if i % 5 == 0 else None})
    frame = typed(rows)
    expected = _reference(frame)
    out = compare(frame)
    with pytest.MonkeyPatch.context() as patch:  # as on a large table: pieces in threads
        patch.setattr(parallel, "SMALL_INPUT_BYTES", 0)
        assert compare(frame).equals(out)
    assert compare(frame[::-1].reset_index(drop=True)).equals(out)  # rows not in id order
    got = {}
    for row in out.to_dict("records"):
        ids = tuple(row["figure_ids"].split(";"))
        assert list(ids) == sorted(ids) and row["n_figures"] == len(ids)
        got[ids] = {k: (None if pd.isna(row[k]) else row[k]) for k in expected[ids]} \
            if ids in expected else row
    assert got == expected


@given(st.lists(st.tuples(st.integers(0, 3),
                          st.one_of(st.none(), st.integers(-50, 50), st.floats(-5, 5),
                                    st.sampled_from([float("inf"), -float("inf")]))),
                max_size=30))
@example([(0, 5.0), (0, None), (0, 3.0), (1, 1.0), (1, 4.0)])  # NaN kept, and skipped after
@example([(0, 7.0), (1, 1.0)])  # a run's maximum does not carry into the next
def test_the_running_maximum_is_pandas_cummax_within_runs(pairs):
    runs = np.array(sorted(r for r, _ in pairs), dtype=np.int64)
    values = np.array([np.nan if v is None else v for _, v in pairs], dtype=float)
    expected = pd.Series(values).groupby(runs).cummax().to_numpy()
    np.testing.assert_array_equal(_running_max(values, runs), expected)



def joined_by_hand(ids: list[str], order: list[int], starts: list[int]) -> list[str]:
    bounds = [*starts, len(order)]
    return [";".join(ids[i] for i in order[a:b]) for a, b in itertools.pairwise(bounds)]


def joined(ids: list[str], order: list[int], starts: list[int]) -> list[str]:
    return _figure_ids(pa.array(ids, pa.large_string()), np.asarray(order, dtype=np.int64),
                       np.asarray(starts, dtype=np.int64)).to_pylist()


numbers = st.lists(st.integers(0, 99_999), min_size=1, max_size=30, unique=True)


@settings(max_examples=100, deadline=None)
@given(st.one_of(numbers.map(lambda ns: [f"FIG-{n:05d}" for n in ns]),  # one length
                 numbers.map(lambda ns: [f"FIG-{n:04d}" for n in ns])),  # one or two
       st.data())
def test_figure_ids_are_joined_in_order_per_window(ids: list[str], data: st.DataObject
                                                   ) -> None:
    """A window's ids in the order given, joined by ';': moved as rows of bytes where all
    ids have one length, as texts otherwise."""
    order = data.draw(st.permutations(range(len(ids))))
    cuts = data.draw(st.sets(st.integers(1, len(ids)), max_size=len(ids)))
    starts = sorted({0, *(c for c in cuts if c < len(ids))})
    assert joined(ids, order, starts) == joined_by_hand(ids, order, starts)


@pytest.mark.parametrize("ids", [["FIG-0001", "FIG-0002", "FIG-0003"],
                                 ["FIG-9999", "FIG-10000", "FIG-0001"]])
def test_figure_ids_of_one_length_and_of_two(ids: list[str]) -> None:
    for starts in ([0], [0, 1], [0, 2], [0, 1, 2]):
        assert joined(ids, [2, 0, 1], starts) == joined_by_hand(ids, [2, 0, 1], starts)
