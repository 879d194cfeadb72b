"""click's own words (Usage, Options, "Missing argument" …) in Chinese.

click looks its messages up through ``gettext`` but ships no translations. Each
click module binds ``_`` and ``ngettext`` at import; :func:`install` points them at
the table below, so help pages and usage errors read in Chinese like the rest of
docgen. Messages not in the table stay as click wrote them.
"""

from __future__ import annotations

import importlib
from typing import Any

CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types", "utils")

WORDS: dict[str, str] = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Show this message and exit.": "显示帮助并退出。",
    "Show the version and exit.": "显示版本并退出。",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行 '{command} {option}' 查看帮助。",
    "Missing argument": "缺少参数",
    "required": "必填",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing command.": "缺少命令。",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "Option {name!r} does not take a value.": "选项 {name!r} 不带值。",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是文件夹。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 不可读。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 不可写。",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内。",
    "default: {default}": "默认：{default}",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "Aborted!": "已中止。",
    "%(prog)s, version %(version)s": "%(prog)s 版本 %(version)s",
}

PLURALS: dict[str, str] = {
    "Got unexpected extra argument ({args})": "多余的参数（{args}）",
    "{value!r} is not {choice}.": "{value!r} 不是 {choice}。",
    "{value!r} is not one of {choices}.": "{value!r} 不是以下之一：{choices}。",
    "{value!r} does not match the format {format}.": "{value!r} 不符合格式 {format}。",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 需要 {nargs} 个值。",
    "Did you mean {possibility}?": "是不是 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是不是以下之一：{possibilities}？）",
}


def chinese(message: str) -> str:
    return WORDS.get(message, message)


def chinese_plural(singular: str, plural: str, count: int) -> str:
    chosen = singular if count == 1 else plural
    return PLURALS.get(chosen, PLURALS.get(singular, chosen))


#: What help shows for a value of each type, instead of click's PATH, TEXT, INTEGER RANGE.
_METAVARS = {
    "path": "路径",
    "directory": "文件夹",
    "file": "文件",
    "filename": "文件",
    "text": "文字",
    "integer range": "整数",
    "integer": "整数",
    "datetime": "日期",
}


def name_placeholders(command: Any) -> None:
    """Chinese placeholders in the help of ``command`` and every command below it."""
    command.options_metavar = "[选项]"
    if hasattr(command, "commands"):
        command.subcommand_metavar = "命令 [参数]..."
        for sub in command.commands.values():
            name_placeholders(sub)
    for param in command.params:
        if getattr(param, "metavar", None) is None and not getattr(param, "is_flag", False):
            kind = getattr(param.type, "name", "")
            if kind in _METAVARS and param.param_type_name == "option":
                param.metavar = _METAVARS[kind]


def install() -> None:
    for name in CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = chinese  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = chinese_plural  # type: ignore[attr-defined]
