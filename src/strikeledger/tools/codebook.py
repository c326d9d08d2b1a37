"""The codebook (docs/codebook.md), generated from the schemas and never edited by hand.

Per table: what a row is, its primary and foreign keys, and per column its type,
whether it may be empty, its description and its rules; then every vocabulary
with the meaning of each code (and the unit of each figure metric).
"""

from __future__ import annotations

import inspect
from typing import Any

from .. import metadata, schemas
from ..builder.history import IDENTITY
from ..builder.views import DERIVED_COLUMNS, DERIVED_TABLES
from ..release_format import pandas_dtype
from ..schemas.vocabularies import EVENT_ROLES, VOCABULARIES
from ..validate.rules import PACKAGE_RULES


def _rules(field: dict[str, Any], column: metadata.Column) -> str:
    constraints = field.get("constraints", {})
    parts = []
    vocabulary = column.metadata.get("vocabulary")
    if vocabulary:
        many = " (one or more, ';'-separated)" if column.metadata.get("separator") else ""
        parts.append(f"codes of [{vocabulary}](#vocabulary-{vocabulary}){many}")
    elif "pattern" in constraints:
        parts.append(column.metadata.get("rule", f"pattern `{constraints['pattern']}`"))
    if "minimum" in constraints:
        parts.append(f"≥ {constraints['minimum']}")
    if "maximum" in constraints:
        parts.append(f"≤ {constraints['maximum']}")
    if constraints.get("unique"):
        parts.append("unique")
    return "; ".join(parts)


def _derivation(name: str) -> list[str]:
    """How a derived table is computed: its module's own statement of the rule."""
    lines = []
    for rule in DERIVED_COLUMNS.get(name, []):
        text = " ".join((inspect.getdoc(rule) or "").split())
        lines += [f"- Derived by the build (`{rule.__module__}.{rule.__name__}`): {text}"]
    if lines:
        lines.append("")
    if name not in DERIVED_TABLES:
        return lines
    module = inspect.getmodule(DERIVED_TABLES[name])
    text = inspect.getdoc(module) or ""
    where = module.__name__.replace(".", "/") if module else name
    return [*lines, f"How it is derived (from `src/{where}.py`):", "", text, ""]


def _table(name: str) -> list[str]:
    schema = metadata.table_schema(name)
    columns = {c.name: c for c in metadata.columns(name)}
    lines = [f"## {name}", "", schemas.description(name), "", *_derivation(name),
             f"- Primary key: `{', '.join(schema['primaryKey'])}`"]
    if name in IDENTITY:
        lines.append(f"- Identity: an id keeps its meaning in every later release: "
                     f"{IDENTITY[name].words}; otherwise the row gets a new id and the old "
                     "one is retired (checked by `strikeledger build`)")
    for fk in schema.get("foreignKeys", []):
        target = fk["reference"].get("resource") or name
        lines.append(f"- Foreign key: `{fk['fields'][0]}` → "
                     f"[{target}](#{target}).`{fk['reference']['fields'][0]}`")
    lines += ["", "| column | type (pandas) | empty? | description | rules |",
              "|---|---|---|---|---|"]
    curated = {c.name for c in metadata.columns(name, released=False)} if name in schemas.MODELS \
        else set()
    for field in schema["fields"]:
        column = columns[field["name"]]
        required = field.get("constraints", {}).get("required", False)
        derived = "" if field["name"] in curated else " *(derived in the build)*"
        lines.append(
            f"| `{field['name']}` | {field['type']} ({pandas_dtype(field)}) | "
            f"{'no' if required else 'yes'} | {field['description']}{derived} | "
            f"{_rules(field, column)} |"
        )
    return [*lines, ""]


def _vocabulary(name: str) -> list[str]:
    vocabulary = VOCABULARIES[name]
    units = bool(vocabulary.units)
    lines = [f"### vocabulary: {name}", "", f'<a id="vocabulary-{name}"></a>', ""]
    if units:
        lines += ["`grows`: the number only grows as reports are updated (a running count "
                  "or a casualty toll); used by figure_comparisons.", "",
                  "| code | meaning | unit | grows |", "|---|---|---|---|"]
    else:
        lines += ["| code | meaning |", "|---|---|"]
    for code, meaning in vocabulary.meanings.items():
        extra = ""
        if units:
            extra = f" {vocabulary.units[code]} | {'yes' if code in vocabulary.grows else ''} |"
        lines.append(f"| `{code}` | {meaning} |{extra}")
    return [*lines, ""]


def codebook() -> str:
    """The whole codebook as Markdown."""
    lines = [
        "# StrikeLedger codebook",
        "",
        "Generated from the schemas in `schemas/` by `strikeledger codebook`; do not edit. "
        "Empty cells mean unknown. Dates are ISO `YYYY-MM-DD` in the local time of the place "
        "(UTC+3 in Iraq and Syria); in Parquet they are `date32`, and `strikeledger.load` "
        "returns them as `datetime64[s]`. Columns drawn from a vocabulary load as pandas "
        "categoricals holding every code of the vocabulary.",
        "",
    ]
    for name in schemas.RELEASED:
        lines += _table(name)
    lines += ["## Rules across tables", "",
              "Checked by `strikeledger validate` after each table's own rules:", ""]
    for rule in PACKAGE_RULES:
        lines.append("- " + " ".join(inspect.getdoc(rule).split()))
    lines += ["", "### Event roles", "",
              "Who may carry out each type of event (the actor of each `event_claims` row) and "
              "who may be its target (`events.target_id`), by the actor's `actor_type` and "
              "`affiliation`:", "",
              "| event_type | role | actor_type | affiliation |", "|---|---|---|---|"]
    for event_type, roles in EVENT_ROLES.items():
        for role, allowed in roles.items():
            lines.append(f"| `{event_type}` | {role} | {', '.join(sorted(allowed.actor_types))} "
                         f"| {', '.join(sorted(allowed.affiliations))} |")
    lines += ["", "## Vocabularies", ""]
    used = sorted({c.metadata["vocabulary"] for n in schemas.RELEASED
                   for c in metadata.columns(n) if "vocabulary" in c.metadata})
    for name in used:
        lines += _vocabulary(name)
    return "\n".join(lines).rstrip() + "\n"
