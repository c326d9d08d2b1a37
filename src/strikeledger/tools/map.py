"""``strikeledger plot map``: where the events happened (needs matplotlib).

One circle per place with coordinates, its area proportional to the number of events
there, attacks and U.S. strikes in two colours (a place with both gets both circles), the
busiest places named. Longitude and latitude are drawn on equal degrees (no projection:
the area spans a few degrees). The title says how many events have no coordinates and
are left out.
"""

from __future__ import annotations

from pathlib import Path

from ..reader import ReleaseLike, open_release
from .plot import ATTACK, STRIKE

_NAMED = 12  # how many of the busiest places get a label


def event_map(out: Path, *, release: ReleaseLike = None) -> Path:
    """Draw the map of a release's events (default: the bundled release) into ``out``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    opened = open_release(release)
    events = opened.load("events")
    locations = opened.load("locations").set_index("location_id")
    placed = events["location_id"].map(locations["latitude"]).notna()
    per_place = (events[placed].groupby(["location_id", "event_type"], observed=True)
                 .size().rename("n").reset_index())
    per_place["latitude"] = per_place["location_id"].map(locations["latitude"]).astype(float)
    per_place["longitude"] = per_place["location_id"].map(locations["longitude"]).astype(float)

    fig, ax = plt.subplots(figsize=(10, 8), layout="constrained")
    for kind, colour, label in (("attack_on_us_forces", ATTACK, "attacks on U.S./coalition forces"),
                                ("us_strike", STRIKE, "U.S. strikes")):
        rows = per_place[per_place["event_type"] == kind]
        ax.scatter(rows["longitude"], rows["latitude"], s=40 * rows["n"], color=colour,
                   alpha=0.45, edgecolors=colour, linewidths=1, label=label)
    totals = per_place.groupby("location_id")["n"].sum().sort_values(ascending=False)
    for location_id, n in totals.head(_NAMED).items():
        place = locations.loc[location_id]
        name = place["name"] if len(place["name"]) <= 28 else place["name"][:27] + "…"
        ax.annotate(f"{name} ({n})", (place["longitude"], place["latitude"]),
                    xytext=(6, 4), textcoords="offset points", fontsize=8)
    ax.set_xlim(per_place["longitude"].min() - 1, per_place["longitude"].max() + 2.5)
    ax.set_ylim(per_place["latitude"].min() - 1, per_place["latitude"].max() + 1)
    ax.set_aspect("equal", adjustable="box")
    ax.grid(color="#dddddd", linewidth=0.5)
    ax.set_xlabel("longitude (°E)")
    ax.set_ylabel("latitude (°N)")
    left_out = int((~placed).sum())
    ax.set_title(f"StrikeLedger {opened.version}: {int(placed.sum())} events at "
                 f"{per_place['location_id'].nunique()} places with coordinates\n"
                 f"({left_out} events at places without coordinates are not drawn)",
                 fontsize=10)
    ax.legend(loc="lower left", fontsize=8, markerscale=0.5)
    out.parent.mkdir(parents=True, exist_ok=True)
    # Fixed metadata: the PNG's bytes depend on the release, not on the clock.
    fig.savefig(out, dpi=110, metadata={"Software": None,
                                        "Title": f"StrikeLedger {opened.version} map"})
    plt.close(fig)
    return out
