"""The desk's administrative commands — ``docgen units``, ``docgen accounts``, ``docgen audit`` and
``docgen backup`` — for the 数据局's IT and for scripts. Each takes ``--workspace`` (default as
``serve``) and ``--database`` (default: the workspace's SQLite file; ``postgresql://…`` for a
city server), and works while ``docgen serve`` runs on the same database."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from docgen.errors import InputError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
FORMATS = click.Choice(["text", "json"])


def _desk(workspace: Path | None, database: str | None) -> Any:
    from docgen.desk.service import Desk
    from docgen.serve import DEFAULT_WORKSPACE

    desk = Desk(workspace or Path(DEFAULT_WORKSPACE), database)
    if desk.upgrade_note:
        click.echo(desk.upgrade_note, err=True)
    return desk


def _where(function: Any) -> Any:
    """--workspace and --database, as every administrative command takes them."""
    function = click.option(
        "--database",
        metavar="地址",
        help="数据库地址，如 postgresql://用户@主机:5432/数据库（默认：工作区中的 SQLite 文件）。",
    )(function)
    function = click.option(
        "--workspace",
        type=click.Path(path_type=Path, file_okay=False),
        default=None,
        help="工作区文件夹（默认：当前文件夹下的「docgen-工作区」，与 serve 相同）。",
    )(function)
    return function


# ---------------------------------------------------------------- units


@click.group(context_settings=CONTEXT)
def units() -> None:
    """管理单位（单位树：市数据局 → 县区数据局 → 县区部门；市直部门、网信部门、密码管理部门）。"""


@units.command("add", context_settings=CONTEXT)
@click.argument("name")
@click.option(
    "--kind", required=True, metavar="类型", help="市直部门、县区部门、县区数据局、市数据局、网信部门或密码管理部门。"
)
@click.option("--parent", metavar="上级单位", help="上级单位的名称（县区部门的上级是所在县区的数据局）。")
@_where
def units_add(name: str, kind: str, parent: str | None, workspace: Path | None, database: str | None) -> int:
    """添加一个单位。"""
    _desk(workspace, database).people.add_unit(name, kind, parent)
    click.echo(f"已添加单位「{name}」")
    return 0


@units.command("import", context_settings=CONTEXT)
@click.argument("workbook", type=click.Path(path_type=Path, dir_okay=False))
@_where
def units_import(workbook: Path, workspace: Path | None, database: str | None) -> int:
    """从工作簿导入单位（第一个工作表，第 1 行为列名：单位名称、类型、上级单位）。

    有任何问题时逐行列出，一个也不导入。"""
    if not workbook.is_file():
        raise InputError(f"找不到文件：{workbook}")
    made = _desk(workspace, database).people.import_units(workbook)
    click.echo(f"已导入 {made} 个单位")
    return 0


@units.command("list", context_settings=CONTEXT)
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True, help="输出格式。")
@_where
def units_list(fmt: str, workspace: Path | None, database: str | None) -> int:
    """列出全部单位。"""
    found = _desk(workspace, database).people.units()
    if fmt == "json":
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return 0
    for unit in found:
        above = f"（上级：{unit['parent']}）" if unit["parent"] else ""
        click.echo(f"{unit['name']}  {unit['kind']}{above}")
    return 0


# ---------------------------------------------------------------- accounts


@click.group(context_settings=CONTEXT)
def accounts() -> None:
    """管理账号和接口令牌。添加第一个账号后，工作区成为多用户服务：每个页面和接口都须登录或带令牌。"""


@accounts.command("add", context_settings=CONTEXT)
@click.argument("name")
@click.option("--unit", required=True, metavar="单位", help="账号所属的单位。")
@click.option("--role", required=True, metavar="角色", help="经办人、审查人、网信审查、密码审查或管理员。")
@click.option("--password-stdin", is_flag=True, help="从标准输入读取密码（一行）；否则生成一个并显示一次。")
@_where
def accounts_add(
    name: str, unit: str, role: str, password_stdin: bool, workspace: Path | None, database: str | None
) -> int:
    """添加一个账号。"""
    from docgen.desk.people import new_password

    password = sys.stdin.readline().rstrip("\r\n") if password_stdin else new_password()
    _desk(workspace, database).people.add_account(name, unit, role, password)
    click.echo(f"已添加账号「{name}」（{unit}，{role}）")
    if not password_stdin:
        click.echo(f"初始密码（只显示这一次，请转交本人并提醒修改）：{password}")
    return 0


@accounts.command("list", context_settings=CONTEXT)
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True, help="输出格式。")
@_where
def accounts_list(fmt: str, workspace: Path | None, database: str | None) -> int:
    """列出全部账号。"""
    found = _desk(workspace, database).people.accounts()
    if fmt == "json":
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return 0
    for account in found:
        state = "（已停用）" if account["disabled"] else ""
        click.echo(f"{account['name']}  {account['unit']}  {account['role']}{state}")
    return 0


@accounts.command("disable", context_settings=CONTEXT)
@click.argument("name")
@_where
def accounts_disable(name: str, workspace: Path | None, database: str | None) -> int:
    """停用账号：立即退出它的所有登录，它的接口令牌失效。"""
    _desk(workspace, database).people.set_disabled(name, True)
    click.echo(f"已停用账号「{name}」")
    return 0


@accounts.command("enable", context_settings=CONTEXT)
@click.argument("name")
@_where
def accounts_enable(name: str, workspace: Path | None, database: str | None) -> int:
    """重新启用账号（原有的接口令牌仍然失效，需要时重新生成）。"""
    _desk(workspace, database).people.set_disabled(name, False)
    click.echo(f"已启用账号「{name}」")
    return 0


@accounts.command("reset-password", context_settings=CONTEXT)
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="从标准输入读取新密码（一行）；否则生成一个并显示一次。")
@_where
def accounts_reset_password(name: str, password_stdin: bool, workspace: Path | None, database: str | None) -> int:
    """重设密码：该账号的所有登录立即退出。"""
    from docgen.desk.people import new_password

    password = sys.stdin.readline().rstrip("\r\n") if password_stdin else new_password()
    _desk(workspace, database).people.reset_password(name, password)
    click.echo(f"已重设账号「{name}」的密码")
    if not password_stdin:
        click.echo(f"新密码（只显示这一次）：{password}")
    return 0


@accounts.command("token", context_settings=CONTEXT)
@click.argument("name")
@_where
def accounts_token(name: str, workspace: Path | None, database: str | None) -> int:
    """为账号生成一个接口令牌（供脚本和其他系统使用，请求头 Authorization: Bearer 令牌）。
    令牌只显示这一次，单独一行输出在最后；数据库只保存它的摘要。"""
    token = _desk(workspace, database).people.new_token(name)
    click.echo(f"账号「{name}」的新接口令牌（只显示这一次）：")
    click.echo(token)
    return 0


# ---------------------------------------------------------------- audit and backup


@click.command(context_settings=CONTEXT)
@click.option("--since", metavar="日期", help="只导出这一天（含）以后的记录，如 2026-11-01。")
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True, help="输出格式。")
@_where
def audit(since: str | None, fmt: str, workspace: Path | None, database: str | None) -> int:
    """导出审计日志：每次登录（含失败）、新建、修改（版本）、导入、下载、提交、审查、账号和单位的变动——
    谁、何时、从哪里、做了什么。"""
    from docgen.desk.audit import entries, since_day

    start = since_day(since or "", "--since")
    desk = _desk(workspace, database)
    with desk.db.read() as session:
        found = entries(session, since=start)
    if fmt == "json":
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return 0
    for entry in found:
        project = f" 项目 {entry['project']}" if entry["project"] else ""
        detail = f"：{entry['detail']}" if entry["detail"] else ""
        where = f"（{entry['address']}）" if entry["address"] else ""
        click.echo(f"{entry['at']} {entry['account']}{where} {entry['action']}{project}{detail}")
    return 0


@click.command(context_settings=CONTEXT)
@click.argument("target", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--force", is_flag=True, help="目标文件已存在时覆盖。")
@_where
def backup(target: Path, force: bool, workspace: Path | None, database: str | None) -> int:
    """把运行中的 SQLite 工作区数据库完整地复制到 TARGET（SQLite 的在线备份，不必停止服务）。
    PostgreSQL 请用 pg_dump（见 README）。"""
    from docgen.store.database import backup_sqlite

    desk = _desk(workspace, database)
    if target.exists() and not force:
        raise InputError(f"「{target}」已存在：换一个文件名，或加 --force 覆盖")
    pages = backup_sqlite(desk.db, target)
    click.echo(f"已备份到「{target}」（{pages} 页）")
    return 0


COMMANDS = (units, accounts, audit, backup)

__all__ = ["COMMANDS"]
