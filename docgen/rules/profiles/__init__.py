"""The jurisdictions docgen knows, each one module holding all of its rules."""

from __future__ import annotations

from docgen.rules.law import Profile
from docgen.rules.profiles import guangxi, jiangxi, qinzhou2016, qinzhou2023, shizuishan

PROFILES: dict[str, Profile] = {
    module.PROFILE.key: module.PROFILE for module in (shizuishan, qinzhou2016, qinzhou2023, guangxi, jiangxi)
}
DEFAULT_PROFILE = "shizuishan"


def profile_for(key: str | None) -> Profile:
    return PROFILES[key or DEFAULT_PROFILE]
