"""Rules: one rule type and one evaluation (``engine``), docgen's own always-on book
(``own``), one book per jurisdiction's 办法 (``profiles``), the documents the 办法
name (``documents``) and small shared helpers (``helpers``)."""

from __future__ import annotations

from docgen.rules.engine import (
    CheckContext,
    Kind,
    Need,
    Profile,
    RequiredMaterial,
    Rule,
    RuleBook,
    Stage,
    Violation,
    When,
    evaluate,
    required_materials,
    stage_of,
)

__all__ = [
    "CheckContext",
    "Kind",
    "Need",
    "Profile",
    "RequiredMaterial",
    "Rule",
    "RuleBook",
    "Stage",
    "Violation",
    "When",
    "evaluate",
    "required_materials",
    "stage_of",
]
