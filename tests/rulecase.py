"""Build a variant of the contract example and validate it under a profile."""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from typing import Any

from helpers import SAMPLES

import docgen
from docgen.errors import Finding
from docgen.sources import read

_BASE = read(SAMPLES / "contract-example.yaml").data
TODAY = dt.date(2026, 11, 24)


def variant(changes: dict[str, Any]) -> dict[str, Any]:
    """The contract example with ``changes`` applied: {'project.free_maintenance_years': 1}."""
    data = copy.deepcopy(_BASE)
    for dotted, value in changes.items():
        node = data
        keys = dotted.split(".")
        for key in keys[:-1]:
            node = node.setdefault(key, {})
        node[keys[-1]] = value
    return data


def total_with_items(total: str, counted: str | None = None) -> dict[str, Any]:
    """总投资 ``total``, of which ``counted`` (default all) is 工程费 and the rest 其他费用; sources agree."""
    amount = Decimal(total)
    works = Decimal(counted) if counted is not None else amount
    items = [{"name": "应用系统开发", "category": "工程费", "amount": works}]
    if amount - works:
        items.append({"name": "其他", "category": "其他费用", "amount": amount - works})
    return {
        "project.investment.total": amount,
        "project.investment.this_year": min(amount, Decimal(100)),
        "project.investment.items": items,
        "project.investment.sources": {"national": 0, "autonomous_region": 0, "municipal": amount, "social": 0},
    }


def findings(
    changes: dict[str, Any] | None = None, profile: str | None = None, today: dt.date = TODAY
) -> list[Finding]:
    project = docgen.api.load_data(variant(changes or {}), base_dir=SAMPLES, profile=profile, today=today)
    return project.findings


def project(changes: dict[str, Any] | None = None, profile: str | None = None) -> docgen.LoadedProject:
    return docgen.api.load_data(variant(changes or {}), base_dir=SAMPLES, profile=profile, today=TODAY)


def of(rule_id: str, found: list[Finding]) -> list[Finding]:
    return [f for f in found if f.code == rule_id]
