"""The committed data card is what the release generates, and its headline numbers are
those of the data, recounted here from the tables."""

from __future__ import annotations

from helpers import ROOT

import strikeledger
from strikeledger.cli import main
from strikeledger.tools.datacard import datacard

CARD = ROOT / "docs" / "datacard.md"


def test_committed_datacard_is_current():
    assert CARD.read_text(encoding="utf-8") == datacard(), \
        "docs/datacard.md is stale: run `strikeledger datacard`"


def test_check_mode_fails_on_a_stale_card(tmp_path, capsys):
    stale = tmp_path / "datacard.md"
    stale.write_text(datacard().replace("33%", "34%"), encoding="utf-8")
    assert main(["datacard", "--check", "-o", str(stale)]) == 1
    assert "out of date" in capsys.readouterr().err
    assert main(["datacard", "-o", str(stale)]) == 0
    assert main(["datacard", "--check", "-o", str(stale)]) == 0


def test_the_share_of_the_official_count_is_recounted_from_events():
    events = strikeledger.load("events")
    final = strikeledger.official_count("2024-02-15")
    confirmed = events[(events.event_type == "attack_on_us_forces")
                       & (events.confirmation == "confirmed")
                       & (events.date_earliest <= final.as_of)]
    text = CARD.read_text(encoding="utf-8")
    share = f"**{len(confirmed) / final.value:.0%}** of the official count " \
        f"({len(confirmed)} of {final.value};"
    assert share in text
    assert "docs/datacard.md" in (ROOT / "README.md").read_text(encoding="utf-8")
