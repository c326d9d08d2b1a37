"""What the data package says about itself (the top of datapackage.json)."""

NAME = "strikeledger"
TITLE = "StrikeLedger: Iran-aligned militia attacks on U.S. forces in Iraq and Syria, 2023-24"
DESCRIPTION = (
    "A hand-curated, source-cited record of the campaign of attacks by Iran-aligned armed "
    "groups on U.S. and coalition forces in Iraq and Syria that began on 17 October 2023, "
    "and of the U.S. strikes in response. Every event and every figure cites the source and "
    "paragraph it comes from; where sources disagree, each claim is kept as its own row."
)
LICENSES = [
    {
        "name": "CC-BY-4.0",
        "path": "https://creativecommons.org/licenses/by/4.0/",
        "title": "Creative Commons Attribution 4.0 International",
    }
]
CONTRIBUTORS = [{"title": "StrikeLedger maintainers", "roles": ["creator", "curator"]}]
KEYWORDS = [
    "Iraq", "Syria", "militia attacks", "U.S. strikes", "Islamic Resistance in Iraq",
    "conflict events", "casualty figures", "source-cited",
]
