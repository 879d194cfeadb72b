"""A project as docgen holds it once read: validated data, its findings, where it came from.

``load`` (a file), ``load_data`` (a dict from a script) and ``load_raw`` (what a
reader already parsed: a workbook row, a JSON Lines line) all end in one
validation; everything else — rendering, batch, review — starts from a
:class:`LoadedProject`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from docgen.errors import Findings, InputError, ValidationFailed
from docgen.forms import Form
from docgen.messages import MSG
from docgen.models import ProjectData
from docgen.rules.engine import CheckContext, Profile, RequiredMaterial, required_materials
from docgen.rules.profiles import profile_choices, profile_for, profile_key
from docgen.source_data import canonical_json, keep_cell_numbers
from docgen.sources import Positions, RawDocument, read
from docgen.validation import validate_raw


@dataclass
class LoadedProject:
    """Validated data with its findings, the folder relative paths start from, and the
    办法 (profile) it was checked against."""

    data: ProjectData
    findings: Findings
    source: Path | None = None
    base_dir: Path | None = None
    profile_key: str | None = None
    raw: Any = field(default=None, repr=False, compare=False)  # the data as read (for the cells' types)

    @property
    def ok(self) -> bool:
        return self.findings.ok

    @property
    def profile(self) -> Profile:
        return profile_for(self.profile_key or self.data.profile)

    @cached_property
    def required(self) -> list[RequiredMaterial]:
        """The documents this project must submit (derived once: 申报材料 and the 材料清单 both use it)."""
        return required_materials(self.profile, self.data)

    @cached_property
    def package_data(self) -> ProjectData:
        """The data the forms print: 申报材料 left empty is filled with the required 申报 documents."""
        if any(item.strip() for item in self.data.project.materials):
            return self.data
        derived = [m.title for m in self.required if m.stage == "申报"]
        inner = self.data.project.model_copy(update={"materials": derived})
        return self.data.model_copy(update={"project": inner})

    @cached_property
    def source_json(self) -> bytes:
        """The project's data as canonical JSON: what a built document carries (see ``extract``)."""
        dumped = self.data.model_dump(mode="json", exclude_defaults=True)
        return canonical_json(keep_cell_numbers(dumped, self.raw, json_safe=True))

    def require_ok(self) -> None:
        """Raise ValidationFailed (with every finding) when the data has errors."""
        if not self.ok:
            raise ValidationFailed(
                MSG.validation_failed.format(errors=len(self.findings.errors), warnings=len(self.findings.warnings)),
                self.findings,
            )


def checked_profile(name: str | None) -> str | None:
    """The profile key for a name a person gave (key or Chinese short name); InputError when unknown."""
    if name is None:
        return None
    key = profile_key(name)
    if key is None:
        raise InputError(MSG.unknown_profile.format(name=name, choices=profile_choices()))
    return key


def load(path: str | Path, *, profile: str | None = None, today: dt.date | None = None) -> LoadedProject:
    """Read and validate a project file. Raises InputError when it cannot be read at all.

    ``profile`` (shizuishan, 江西 …) overrides the data's own ``profile``;
    ``today`` is the day deadlines are judged on (default: today).
    """
    return load_raw(read(Path(path)), profile=profile, today=today)


def load_data(
    data: dict[str, Any],
    *,
    base_dir: Path | None = None,
    profile: str | None = None,
    today: dt.date | None = None,
    package: Iterable[Form] = (),
) -> LoadedProject:
    """Validate data already in memory (e.g. from a script); pictures are found relative to ``base_dir``.
    ``package``: the forms of the package the data was read from (``check``), which 申报材料 need not list."""
    raw = RawDocument(data=data, positions=Positions())
    return load_raw(raw, profile=profile, today=today, base_dir=base_dir, package=package)


def load_raw(
    raw: RawDocument,
    *,
    profile: str | None = None,
    today: dt.date | None = None,
    base_dir: Path | None = None,
    package: Iterable[Form] = (),
) -> LoadedProject:
    """Validate data a reader has already parsed (a file, a workbook row, a JSON Lines line)."""
    base = base_dir or (raw.path.parent if raw.path else None)
    key = checked_profile(profile)
    validated = validate_raw(raw, CheckContext(base_dir=base, today=today, package=frozenset(package)), key)
    return LoadedProject(validated.model, Findings(validated.findings), raw.path, base, key, raw.data)
