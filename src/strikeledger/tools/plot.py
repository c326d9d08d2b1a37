"""``strikeledger plot timeline``: the campaign on one time axis (needs matplotlib).

Top: every event, one row per place, attacks and U.S. strikes in two colours, each
drawn across its whole date range (a dot where the day is known). Bottom: the running
counts of attacks on U.S. forces in Iraq and Syria since 17 October 2023, as each
claimant gave them, so that diverging counts show up as diverging lines (an official
claimant's as the release's official_counts series: one point per day, the figure that
represents it, hollow where the number is a bound or an approximation), and in black the
release's reconciliation: the attacks it itemizes up to each official as-of date, all and
confirmed only.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..reader import ReleaseLike, open_release

ATTACK, STRIKE = "#c0392b", "#1f4e79"
_CLAIMANT_COLOURS = ["#1f4e79", "#d35400", "#27ae60", "#8e44ad", "#7f8c8d", "#b7950b",
                     "#c0392b", "#16a085"]
_COUNT_AREAS = ("iraq_and_syria", "iraq_syria_and_jordan")
# Days drawn before the campaign's first day and after its last.
_MARGINS = (pd.Timedelta(days=7), pd.Timedelta(days=1))


def campaign_window(fields: list[dict]) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The campaign's first and last day, as the release's events schema bounds its dates
    (declared once, in schemas/fields.py)."""
    (field,) = [f for f in fields if f["name"] == "date_earliest"]
    bounds = field["constraints"]
    return pd.Timestamp(bounds["minimum"]), pd.Timestamp(bounds["maximum"])


def _claimants(figures: pd.DataFrame, actors: pd.DataFrame) -> pd.Series:
    """Who gave each count: the organisation where recorded, else the claimant as worded."""
    names = actors.set_index("actor_id")["name"]
    # Claimants without an organisation are drawn together, to keep the legend readable.
    who = figures["claimant"].astype("object").where(figures["claimant"].isna(),
                                                     "claimants with no organisation recorded")
    who = who.fillna("source's own count")
    if "claimant_actor_id" in figures:
        organisation = figures["claimant_actor_id"].map(names)
        who = organisation.astype("object").where(organisation.notna(), who)
    return who


def timeline(out: Path, *, release: ReleaseLike = None) -> Path:
    """Draw the timeline of a release (default: the bundled one) into ``out`` (PNG)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    opened = open_release(release)
    events = opened.load("events")
    places = opened.load("locations").set_index("location_id")["name"]
    figures = opened.load("figures")
    actors = opened.load("actors")
    version = opened.version
    first_day, last_day = campaign_window(opened.fields("events"))

    events = events.assign(place=events["location_id"].map(places).astype(str))
    order = events.groupby("place")["date_earliest"].min().sort_values(ascending=False).index
    row = {place: i for i, place in enumerate(order)}

    counts = figures[(figures["metric"] == "attacks_on_us_forces")
                     & figures["area"].isin(_COUNT_AREAS) & figures["event_id"].isna()
                     & (figures["period_start"] == first_day)
                     & figures["value"].notna() & figures["as_of"].notna()].copy()
    counts["who"] = _claimants(counts, actors)
    official = None
    if "official_counts" in opened.names:
        # An official claimant's counts are drawn as its series of official_counts instead.
        official = opened.load("official_counts")
        official = official[official["whole_campaign"]].sort_values(["as_of", "minimum"])
        official = official.drop_duplicates(["claimant_actor_id", "as_of"], keep="last")
        counts = counts[~counts["claimant_actor_id"].isin(set(official["claimant_actor_id"]))]

    height = max(3.0, 0.32 * len(order) + 1.2)
    fig, (top, bottom) = plt.subplots(
        2, 1, figsize=(12, height + 4.2), sharex=True,
        gridspec_kw={"height_ratios": [height, 4.2]}, layout="constrained")

    for kind, colour, label in (("attack_on_us_forces", ATTACK, "attack on U.S./coalition forces"),
                                ("us_strike", STRIKE, "U.S. strike")):
        chosen = events[events["event_type"] == kind]
        y = chosen["place"].map(row) + (0.12 if kind == "us_strike" else -0.12)
        start = chosen["date_earliest"]
        end = chosen["date_latest"] + pd.Timedelta(days=1)
        # Ranges of a week or more are drawn faint: they say "some time in here".
        wide = (end - start) > pd.Timedelta(days=7)
        top.hlines(y[~wide], start[~wide], end[~wide], colors=colour, linewidth=5)
        top.hlines(y[wide], start[wide], end[wide], colors=colour, linewidth=2, alpha=0.3)
        exact = chosen["date_earliest"] == chosen["date_latest"]
        top.scatter(start[exact] + pd.Timedelta(hours=12), y[exact], color=colour, s=22,
                    zorder=3, label=label)
    labels = [p if len(p) <= 32 else p[:31] + "…" for p in order]
    top.set_yticks(range(len(order)), labels, fontsize=8)
    top.set_ylim(-0.7, len(order) - 0.3)
    top.grid(axis="x", color="#dddddd")
    top.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2, fontsize=8, frameon=False)
    top.set_title(f"StrikeLedger {version}: events by place. Bars span each event's possible "
                  "dates (faint: a week or more); dots mark a known day", fontsize=10,
                  loc="left", pad=22)

    names = actors.set_index("actor_id")["name"]
    drawn = 0
    if official is not None:
        for drawn, (actor, group) in enumerate(official.groupby("claimant_actor_id",
                                                                sort=True), start=1):
            colour = _CLAIMANT_COLOURS[(drawn - 1) % len(_CLAIMANT_COLOURS)]
            exact = (group["qualifier"] == "exact").to_numpy()
            bottom.plot(group["as_of"], group["value"].astype(float), linewidth=2,
                        color=colour, label=f"{names.get(actor, actor)}: official count "
                        f"({len(group)} days; hollow: a bound or 'about')")
            bottom.scatter(group["as_of"][exact], group["value"][exact].astype(float), s=14,
                           color=colour, zorder=3)
            bottom.scatter(group["as_of"][~exact], group["value"][~exact].astype(float),
                           s=14, facecolors="white", edgecolors=colour, zorder=3)
    for i, (who, group) in enumerate(counts.groupby("who", sort=True), start=drawn):
        group = group.sort_values("as_of")
        colour = _CLAIMANT_COLOURS[i % len(_CLAIMANT_COLOURS)]
        bottom.plot(group["as_of"], group["value"].astype(float), marker="o", markersize=3,
                    linewidth=1, color=colour, label=f"{who} ({len(group)})")
    if "reconciliation" in opened.names:
        # Beside the official counts: the attacks this release itemizes up to each date.
        rec = opened.load("reconciliation")
        rec = rec[rec["area"].isin(_COUNT_AREAS)].sort_values("as_of") \
            .drop_duplicates("as_of", keep="last")
        for column, style, label in (("itemized", "-", "itemized here, all"),
                                     ("itemized_confirmed", "--",
                                      "itemized here, confirmed by U.S. officials")):
            bottom.step(rec["as_of"], rec[column].astype(float), where="post", color="black",
                        linestyle=style, linewidth=1.4, label=label)
    bottom.set_ylabel("attacks since 17 Oct 2023")
    bottom.grid(color="#dddddd")
    bottom.set_title("Running counts of attacks since 17 Oct 2023: official counts, one per "
                     "day (bold), other claimants' figures, and the attacks this release "
                     "itemizes (black)", fontsize=10, loc="left")
    if not counts.empty or official is not None:
        bottom.legend(fontsize=7, frameon=False, ncol=2, loc="upper left")
    bottom.set_xlim(first_day - _MARGINS[0], last_day + _MARGINS[1])
    bottom.xaxis.set_major_locator(mdates.MonthLocator())
    bottom.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))

    out.parent.mkdir(parents=True, exist_ok=True)
    # No software version or time in the file: the same release draws the same image.
    fig.savefig(out, dpi=110, metadata={"Software": None,
                                        "Title": f"StrikeLedger {version} timeline"})
    plt.close(fig)
    return out
