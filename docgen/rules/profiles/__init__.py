"""The jurisdictions docgen knows, each one module holding all of its rules.

A profile is named by its key (``jiangxi``) or its short Chinese name (``江西``);
the keys are the data model's ``ProfileKey`` (one definition, checked here).
"""

from __future__ import annotations

from typing import get_args

from docgen.models import ProfileKey
from docgen.rules.engine import Profile
from docgen.rules.profiles import guangxi, jiangxi, qinzhou2016, qinzhou2023, shizuishan

PROFILES: dict[str, Profile] = {
    module.PROFILE.key: module.PROFILE for module in (shizuishan, qinzhou2016, qinzhou2023, guangxi, jiangxi)
}
assert tuple(PROFILES) == get_args(ProfileKey), "profile modules and models.ProfileKey disagree"
DEFAULT_PROFILE = "shizuishan"


def profile_key(name: str | None) -> str | None:
    """The key of a profile named by key or short Chinese name (江西 → jiangxi); None when unknown."""
    if name is None:
        return DEFAULT_PROFILE
    text = name.strip()
    if text in PROFILES:
        return text
    return next((key for key, profile in PROFILES.items() if profile.short_name == text), None)


def profile_for(name: str | None) -> Profile:
    key = profile_key(name)
    if key is None:
        raise KeyError(name)
    return PROFILES[key]


def profile_choices(*, titles: bool = False) -> str:
    """「shizuishan（石嘴山）、qinzhou2016（钦州2016）…」 for messages; with ``titles`` as a person
    choosing one reads them (qinzhou2023（钦州2023征求意见稿）…), for help."""
    return "、".join(f"{key}（{profile.label if titles else profile.short_name}）" for key, profile in PROFILES.items())
