"""Units, accounts, sign-in and API tokens of the city's desk.

* Units form a tree (市数据局 → 县区数据局 → 县区部门; 市直部门, 网信部门, 密码管理部门 under the city).
* Passwords are hashed with Argon2 (``argon2-cffi``); a session cookie and an API token are random
  and only their SHA-256 is stored, so the database never holds anything that signs in.
* After 5 failed sign-ins an account (or an address) waits before the next attempt, longer each
  time; sessions end after ``idle`` hours without a request.

The first account turns a single-user workspace into a multi-user one (``Desk.multi_user``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from docgen.desk.actors import Actor, Role, UnitKind
from docgen.desk.audit import record
from docgen.desk.problems import TooMany, Unauthorized, Unprocessable
from docgen.errors import InputError
from docgen.store.database import Database
from docgen.store.schema import Account, ApiToken, SignIn, Throttle, Unit, utc_now

HASHER = PasswordHasher()
#: failed attempts before an account or address has to wait
FREE_ATTEMPTS = 5
#: the first wait, doubled with each further failure, up to MAX_WAIT
FIRST_WAIT = dt.timedelta(seconds=30)
MAX_WAIT = dt.timedelta(hours=1)
MIN_PASSWORD = 8
#: how often a session's last use is written (not on every request)
SEEN_EVERY = dt.timedelta(minutes=1)
#: which unit kinds each role belongs to
ROLE_UNITS: dict[Role, tuple[UnitKind, ...]] = {
    Role.CLERK: (UnitKind.CITY_DEPARTMENT, UnitKind.COUNTY_DEPARTMENT, UnitKind.COUNTY_BUREAU, UnitKind.CITY_BUREAU),
    Role.REVIEWER: (UnitKind.COUNTY_BUREAU, UnitKind.CITY_BUREAU),
    Role.NETWORK: (UnitKind.NETWORK_OFFICE,),
    Role.CRYPTO: (UnitKind.CRYPTO_OFFICE,),
    Role.ADMIN: tuple(UnitKind),
}


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def role_of(text: str) -> Role:
    try:
        role = Role(text.strip())
    except ValueError:
        role = None
    if role is None or role is Role.LOCAL:
        choices = "、".join(r.value for r in Role if r is not Role.LOCAL)
        raise InputError(f"角色「{text}」无效，应为：{choices}")
    return role


def kind_of(text: str) -> UnitKind:
    try:
        return UnitKind(text.strip())
    except ValueError:
        raise InputError(f"单位类型「{text}」无效，应为：{'、'.join(k.value for k in UnitKind)}") from None


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise InputError(f"密码至少 {MIN_PASSWORD} 个字符")
    if password.strip() != password:
        raise InputError("密码的开头和结尾不能是空格")


def new_password() -> str:
    """A password to print once: 16 letters and digits that are easy to read aloud (no 0/O, 1/l)."""
    alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(16))


@dataclass(frozen=True)
class Started:
    """A new session: the cookie to set (shown to the browser only) and its CSRF token."""

    cookie: str
    csrf: str
    actor: Actor


class People:
    def __init__(self, database: Database) -> None:
        self.db = database

    # ------------------------------------------------------------ units

    def _unit(self, session: Session, name: str) -> Unit:
        unit = session.scalar(select(Unit).where(Unit.name == name.strip()))
        if unit is None:
            raise InputError(f"没有单位「{name}」（先用 docgen units add 添加）")
        return unit

    def add_unit(self, name: str, kind: str, parent: str | None = None, *, actor: Actor | None = None) -> None:
        unit_kind = kind_of(kind)
        name = name.strip()
        if not name:
            raise InputError("单位名称不能为空")
        with self.db.write() as session:
            self._add_unit(session, name, unit_kind, parent)
            record(
                session,
                actor,
                "添加单位",
                None,
                f"{name}（{unit_kind.value}）" + (f"，上级：{parent}" if parent else ""),
            )

    def _add_unit(self, session: Session, name: str, kind: UnitKind, parent: str | None) -> Unit:
        if session.scalar(select(Unit.id).where(Unit.name == name)) is not None:
            raise InputError(f"单位「{name}」已存在")
        parent_unit = self._unit(session, parent) if parent else None
        _check_parent(kind, parent_unit)
        unit = Unit(name=name, kind=kind.value, parent_id=parent_unit.id if parent_unit else None)
        session.add(unit)
        session.flush()
        return unit

    def import_units(self, path: Path, *, actor: Actor | None = None) -> int:
        """Units from a workbook (columns 单位名称、类型、上级单位), all or none: every problem is
        listed by sheet and row and nothing is added while any remains."""
        rows = read_unit_rows(path)
        problems: list[str] = []
        with self.db.write() as session:
            known = {name for (name,) in session.execute(select(Unit.name)).all()}
            pending = {name for _where, name, _kind, _parent in rows}
            seen: set[str] = set()
            for where, name, kind, parent in rows:
                try:
                    kind_of(kind)
                except InputError as exc:
                    problems.append(f"{where}：{exc.message}")
                if not name:
                    problems.append(f"{where}：「单位名称」为空")
                elif name in known or name in seen:
                    problems.append(f"{where}：单位「{name}」已存在")
                seen.add(name)
                if parent and parent not in known and parent not in pending:
                    problems.append(f"{where}：上级单位「{parent}」不存在，也不在本表中")
            if problems:
                raise InputError("单位表有问题，未导入任何单位：\n" + "\n".join(problems))
            remaining = list(rows)
            made = 0
            while remaining:  # parents before children, whatever the rows' order
                ready = [r for r in remaining if not r[3] or r[3] in known]
                if not ready:
                    names = "、".join(r[1] for r in remaining)
                    raise InputError(f"单位表有问题，未导入任何单位：上级单位形成循环（{names}）")
                for where, name, kind, parent in ready:
                    try:
                        self._add_unit(session, name, kind_of(kind), parent or None)
                    except InputError as exc:
                        raise InputError(f"单位表有问题，未导入任何单位：\n{where}：{exc.message}") from None
                    known.add(name)
                    made += 1
                remaining = [r for r in remaining if r not in ready]
            record(session, actor, "导入单位", None, f"{path.name}：{made} 个单位")
        return made

    def units(self) -> list[dict[str, Any]]:
        with self.db.read() as session:
            units = session.scalars(select(Unit).order_by(Unit.id)).all()
            names = {u.id: u.name for u in units}
            return [{"name": u.name, "kind": u.kind, "parent": names.get(u.parent_id or 0, "")} for u in units]

    # ------------------------------------------------------------ accounts

    def add_account(self, name: str, unit: str, role: str, password: str, *, actor: Actor | None = None) -> None:
        name = name.strip()
        if not name:
            raise InputError("账号名称不能为空")
        chosen = role_of(role)
        check_password(password)
        with self.db.write() as session:
            if session.scalar(select(Account.id).where(Account.name == name)) is not None:
                raise InputError(f"账号「{name}」已存在")
            home = self._unit(session, unit)
            if UnitKind(home.kind) not in ROLE_UNITS[chosen]:
                allowed = "、".join(k.value for k in ROLE_UNITS[chosen])
                raise InputError(f"「{chosen.value}」应属于{allowed}，「{home.name}」是{home.kind}")
            session.add(Account(name=name, unit_id=home.id, role=chosen.value, password_hash=HASHER.hash(password)))
            record(session, actor, "添加账号", None, f"{name}（{home.name}，{chosen.value}）")

    def accounts(self) -> list[dict[str, Any]]:
        with self.db.read() as session:
            rows = session.execute(
                select(Account.name, Unit.name, Account.role, Account.disabled, Account.created_at)
                .join(Unit, Unit.id == Account.unit_id)
                .order_by(Account.id)
            ).all()
        return [
            {"name": n, "unit": u, "role": r, "disabled": d, "created": c.isoformat(timespec="seconds")}
            for n, u, r, d, c in rows
        ]

    def _account(self, session: Session, name: str) -> Account:
        account = session.scalar(select(Account).where(Account.name == name.strip()))
        if account is None:
            raise InputError(f"没有账号「{name}」")
        return account

    def set_disabled(self, name: str, disabled: bool, *, actor: Actor | None = None) -> None:
        with self.db.write() as session:
            account = self._account(session, name)
            account.disabled = disabled
            if disabled:
                for signed in session.scalars(select(SignIn).where(SignIn.account_id == account.id)):
                    signed.ended_at = signed.ended_at or utc_now()
                for token in session.scalars(select(ApiToken).where(ApiToken.account_id == account.id)):
                    token.revoked_at = token.revoked_at or utc_now()
            record(session, actor, "停用账号" if disabled else "启用账号", None, name)

    def reset_password(self, name: str, password: str, *, actor: Actor | None = None) -> None:
        check_password(password)
        with self.db.write() as session:
            account = self._account(session, name)
            account.password_hash = HASHER.hash(password)
            account.password_changed_at = utc_now()
            for signed in session.scalars(select(SignIn).where(SignIn.account_id == account.id)):
                signed.ended_at = signed.ended_at or utc_now()
            throttle = session.get(Throttle, f"account:{name}")
            if throttle is not None:
                session.delete(throttle)
            record(session, actor, "重设密码", None, name)

    def change_password(self, actor: Actor, old: str, new: str) -> None:
        check_password(new)
        with self.db.write() as session:
            account = self._account(session, actor.name)
            if not _verify(account.password_hash, old):
                raise Unprocessable("原密码不正确")
            account.password_hash = HASHER.hash(new)
            account.password_changed_at = utc_now()
            record(session, actor, "修改密码", None, actor.name)

    def new_token(self, name: str, *, actor: Actor | None = None) -> str:
        """A new API token for ``name`` (its earlier tokens stay valid): returned once, kept as a hash."""
        token = "dg_" + secrets.token_urlsafe(32)
        with self.db.write() as session:
            account = self._account(session, name)
            session.add(ApiToken(account_id=account.id, digest=digest(token)))
            record(session, actor, "生成接口令牌", None, name)
        return token

    # ------------------------------------------------------------ who is asking

    def _actor(self, session: Session, account: Account, address: str) -> Actor:
        unit = session.get(Unit, account.unit_id)
        return Actor(
            account.name,
            Role(account.role),
            account_id=account.id,
            unit_id=account.unit_id,
            unit_name=unit.name if unit else "",
            unit_kind=UnitKind(unit.kind) if unit else None,
            address=address,
        )

    def sign_in(self, name: str, password: str, address: str) -> Started:
        """A new session for ``name``, or Unauthorized (the same words whatever was wrong) / TooMany."""
        now = utc_now()
        keys = [f"account:{name.strip()}", f"address:{address}"]
        with self.db.write() as session:
            for key in keys:
                throttle = session.get(Throttle, key)
                if throttle is not None and throttle.wait_until is not None and throttle.wait_until > now:
                    seconds = int((throttle.wait_until - now).total_seconds()) + 1
                    record(session, None, "登录被暂停", None, f"{name}，来自 {address}，还需等待 {seconds} 秒")
                    raise TooMany(f"登录失败次数过多，请 {seconds} 秒后再试", seconds)
            account = session.scalar(select(Account).where(Account.name == name.strip()))
            ok = account is not None and not account.disabled and _verify(account.password_hash, password)
            if not ok or account is None:
                for key in keys:
                    _failed(session, key, now)
                record(session, None, "登录失败", None, f"账号「{name[:100]}」，来自 {address}")
        if not ok or account is None:
            raise Unauthorized("账号或密码不正确（或账号已停用）")
        with self.db.write() as session:
            account = session.scalar(select(Account).where(Account.name == name.strip()))
            assert account is not None
            throttle = session.get(Throttle, keys[0])
            if throttle is not None:
                session.delete(throttle)
            cookie, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
            session.add(SignIn(digest=digest(cookie), account_id=account.id, csrf=csrf, address=address))
            actor = self._actor(session, account, address)
            record(session, actor, "登录", None, f"来自 {address}")
        return Started(cookie, csrf, actor)

    def session_actor(self, cookie: str, address: str, idle: dt.timedelta) -> tuple[Actor, str] | None:
        """The account a session cookie belongs to and its CSRF token; None when it has ended."""
        now = utc_now()
        with self.db.read() as session:
            signed = session.get(SignIn, digest(cookie))
            if signed is None or signed.ended_at is not None or now - signed.seen_at > idle:
                return None
            account = session.get(Account, signed.account_id)
            if account is None or account.disabled:
                return None
            actor = self._actor(session, account, address)
            csrf, stale = signed.csrf, now - signed.seen_at > SEEN_EVERY
        if stale:
            with self.db.write() as session:
                row = session.get(SignIn, digest(cookie))
                if row is not None:
                    row.seen_at = now
        return actor, csrf

    def token_actor(self, token: str, address: str) -> Actor | None:
        """The account an API token belongs to (its last use noted, at most once a minute)."""
        now = utc_now()
        with self.db.read() as session:
            found = session.scalar(select(ApiToken).where(ApiToken.digest == digest(token)))
            if found is None or found.revoked_at is not None:
                return None
            account = session.get(Account, found.account_id)
            if account is None or account.disabled:
                return None
            actor = self._actor(session, account, address)
            stale = found.last_used_at is None or now - found.last_used_at > SEEN_EVERY
            token_id = found.id
        if stale:
            with self.db.write() as session:
                session.execute(update(ApiToken).where(ApiToken.id == token_id).values(last_used_at=now))
        return actor

    def sign_out(self, cookie: str, actor: Actor) -> None:
        with self.db.write() as session:
            signed = session.get(SignIn, digest(cookie))
            if signed is not None:
                signed.ended_at = utc_now()
            record(session, actor, "退出登录", None, "")


def _verify(stored: str, password: str) -> bool:
    try:
        return HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def _failed(session: Session, key: str, now: dt.datetime) -> None:
    throttle = session.get(Throttle, key)
    if throttle is None:
        throttle = Throttle(key=key, failures=0)
        session.add(throttle)
    throttle.failures = (throttle.failures or 0) + 1
    throttle.updated_at = now
    if throttle.failures >= FREE_ATTEMPTS:
        wait = min(FIRST_WAIT * 2 ** (throttle.failures - FREE_ATTEMPTS), MAX_WAIT)
        throttle.wait_until = now + wait


def _check_parent(kind: UnitKind, parent: Unit | None) -> None:
    expected = {
        UnitKind.COUNTY_DEPARTMENT: (UnitKind.COUNTY_BUREAU,),
        UnitKind.COUNTY_BUREAU: (UnitKind.CITY_BUREAU,),
        UnitKind.CITY_DEPARTMENT: (UnitKind.CITY_BUREAU,),
        UnitKind.NETWORK_OFFICE: (UnitKind.CITY_BUREAU,),
        UnitKind.CRYPTO_OFFICE: (UnitKind.CITY_BUREAU,),
        UnitKind.CITY_BUREAU: (),
    }[kind]
    if kind is UnitKind.CITY_BUREAU:
        if parent is not None:
            raise InputError("市数据局是最上级单位，不能有上级单位")
        return
    if kind is UnitKind.COUNTY_DEPARTMENT and parent is None:
        raise InputError("县区部门须写明上级单位（所在县区的数据局）")
    if parent is not None and UnitKind(parent.kind) not in expected:
        allowed = "、".join(k.value for k in expected)
        raise InputError(f"{kind.value}的上级单位应为{allowed}，「{parent.name}」是{parent.kind}")


def read_unit_rows(path: Path) -> list[tuple[str, str, str, str]]:
    """(where, 单位名称, 类型, 上级单位) for each row of a units workbook; the header row names the columns."""
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, InvalidFileException):
        raise InputError(f"「{path.name}」不是可读的 .xlsx 工作簿") from None
    try:
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = [str(c or "").strip() for c in next(rows, ())]
        wanted = {"单位名称": -1, "类型": -1, "上级单位": -1}
        for column, title in enumerate(header):
            if title in wanted:
                wanted[title] = column
        missing = [title for title, column in wanted.items() if column < 0 and title != "上级单位"]
        if missing:
            raise InputError(f"「{path.name}」工作表「{sheet.title}」第1行缺少列：{'、'.join(missing)}")
        out = []
        for number, row in enumerate(rows, start=2):
            cells = ["" if c is None else str(c).strip() for c in row]
            if not any(cells):
                continue

            def cell(title: str, cells: list[str] = cells) -> str:
                column = wanted[title]
                return cells[column] if 0 <= column < len(cells) else ""

            out.append((f"工作表「{sheet.title}」第{number}行", cell("单位名称"), cell("类型"), cell("上级单位")))
        return out
    finally:
        book.close()


__all__ = ["People", "Started", "kind_of", "new_password", "role_of"]
