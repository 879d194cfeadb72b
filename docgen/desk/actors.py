"""Who is acting on the desk: an account with its unit and role, or 「本机」 — the one person at a
single-user desk, who may do everything a desk offers."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    CLERK = "经办人"
    REVIEWER = "审查人"
    NETWORK = "网信审查"
    CRYPTO = "密码审查"
    ADMIN = "管理员"
    LOCAL = "本机"


class UnitKind(StrEnum):
    CITY_DEPARTMENT = "市直部门"
    COUNTY_DEPARTMENT = "县区部门"
    COUNTY_BUREAU = "县区数据局"
    CITY_BUREAU = "市数据局"
    NETWORK_OFFICE = "网信部门"
    CRYPTO_OFFICE = "密码管理部门"


LOCAL_NAME = "本机"


@dataclass(frozen=True)
class Actor:
    name: str
    role: Role
    account_id: int | None = None
    unit_id: int | None = None
    unit_name: str = ""
    unit_kind: UnitKind | None = None
    address: str = ""

    @property
    def local(self) -> bool:
        return self.role is Role.LOCAL

    @classmethod
    def here(cls, address: str = "") -> Actor:
        """The person at a single-user desk."""
        return cls(LOCAL_NAME, Role.LOCAL, address=address)


__all__ = ["LOCAL_NAME", "Actor", "Role", "UnitKind"]
