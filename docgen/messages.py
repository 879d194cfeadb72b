"""The Chinese sentences of input, output and the command line, in one place.

The policy: a rule's sentence lives with the rule (``docgen.rules``: its wording and
the messages of its check, which name the form's labels); field labels live on the
data model (``Field(title=...)``), the single source for messages, the JSON Schema
and the starter file; every other sentence a person reads — reading files, writing
them, LibreOffice, templates, the CLI — is here, and every key here is used.
"""

from __future__ import annotations


class MSG:
    """Every sentence of this kind, by name (``MSG.input_missing.format(name=…)``): plain class
    attributes, so a misspelt name is a type error and the set of sentences is fixed."""

    # Reading input
    input_missing = "找不到输入文件：{name}"
    input_is_dir = "输入应为文件，而「{name}」是文件夹"
    input_unreadable = "无法读取输入文件「{name}」：{reason}"
    input_suffix = "不支持的输入文件类型：「{name}」（应为 .yaml、.yml 或 .json）"
    input_too_large = "输入文件「{name}」超过 {limit} MiB，拒绝读取"
    input_utf16 = "输入文件「{name}」是 UTF-16 编码（记事本的“Unicode”）：请用“另存为”选择 UTF-8 编码后重试"
    input_old_office = "「{name}」是旧版 Office 文件（.doc/.xls）：请在 Word/WPS/Excel 中另存为 .docx/.xlsx 后重试"
    input_binary = "输入文件「{name}」不是文本文件"
    input_encoding = "输入文件「{name}」的编码无法识别（第 {pos} 字节起）：请另存为 UTF-8 编码后重试"
    input_too_deep = "输入文件「{name}」嵌套层级超过 {limit} 层，拒绝读取"
    input_too_many_nodes = "输入文件「{name}」包含的数据项超过 {limit} 个（可能是 YAML 别名炸弹），拒绝读取"
    input_not_mapping = "输入文件「{name}」的顶层应为键值映射（如 project: …）"
    yaml_syntax = "YAML 格式错误：{problem}"
    yaml_full_width_colon = "键「{key}」后面是全角冒号「：」：YAML 的键后面应为半角冒号和空格「: 」"
    yaml_unreadable = "无法解析 YAML 文件「{name}」：写法无法识别（请检查冒号、引号、括号和缩进）"
    yaml_bad_value = "YAML 文件「{name}」中有无效的值（例如不存在的日期 2026-02-30，或超出范围的数字）"
    json_syntax = "JSON 格式错误：{problem}"
    json_duplicate_key = "JSON 格式错误：同一层级出现了重复的键「{key}」（后一个会悄悄覆盖前一个，请删去或改名）"
    yaml_duplicate_key = "同一层级出现了重复的键「{key}」（请删去或改名）"
    yaml_tag = "YAML 标签「{tag}」不是数据：docgen 只读取文字、数字、日期、列表和键值映射，请去掉这个标签"
    yaml_not_data = "这里的值不是文字、数字、日期、列表或键值映射，docgen 无法读取"
    # Validation (generic checks)
    required = "「{label}」不能为空"
    required_placeholder = "「{label}」只写了「{text}」，没有实际内容，等于未填写"
    normalized = "「{label}」填写的「{before}」按「{after}」读取"
    normalized_lost_zero = (
        "「{label}」是数字 {value}，像是电话号码开头的 0 在 Excel 数字格式中丢失了："
        "请核对（如 0{value}），并把该栏设为文本"
    )
    unknown_key = "未知字段「{key}」，已忽略（请检查拼写）"
    moved_key = "字段「{key}」已移到「{section}」部分（{path}），此处的值已忽略：请移过去"
    # Output
    validation_failed = "数据校验未通过：{errors} 个错误，{warnings} 个警告；未生成任何文件"
    not_a_day = "「{value}」不是日期：请写作 2026-11-22（也可以是 2026/11/22、2026.11.22、2026年11月22日）"
    validation_ok = "数据校验通过：0 个错误，{warnings} 个警告"
    validate_many = "校验了 {projects} 个项目：{failed} 个有错误；共 {errors} 个错误，{warnings} 个警告；未写入任何文件"
    validation_errors = "数据校验未通过：{errors} 个错误，{warnings} 个警告"
    built = "已生成：{path}"
    output_exists = "文件已存在：{path}（如需覆盖请加 --force）"
    output_edited = (
        "「{folder}」中的 {files} 在 docgen 生成之后被改动过（或不是 docgen 生成的），没有覆盖，"
        "也没有写入任何文件：请先另存改动，或加 --force 覆盖"
    )
    output_not_folder = "输出位置「{path}」是一个文件，不是文件夹：请换一个文件夹名"
    output_unwritable = "无法写入「{path}」：{reason}"
    unknown_form = "未知表单「{name}」，可选：{choices}"
    form_not_in_profile = (
        "{profile}没有规定{forms}，不能按它生成；该办法要求的材料是：{asks}。按该办法可以生成：{choices}"
    )
    init_xlsx_written = (
        "已生成 Excel 模板：{path}"
        "（在「项目」工作表第3行起每行填写一个项目，然后运行 docgen batch {path} -o 输出文件夹）"
    )
    xlsx_unreadable = "无法读取 Excel 文件「{name}」：{reason}（应为 .xlsx；可用 docgen init --xlsx 生成模板）"
    xlsx_empty = "「{name}」的工作表「{sheet}」是空的"
    xlsx_no_headers = (
        "「{name}」的工作表「{sheet}」第1行没有可识别的列名"
        "（应为表单标签，如「项目名称」；可用 docgen init --xlsx 生成模板）"
    )
    xlsx_same_name = "「项目」工作表中{rows}也叫「{name}」：其他工作表按项目名称对应，同名无法分清，请改名"
    xlsx_orphan = "工作表「{sheet}」这一行的项目名称「{name}」在「项目」工作表中没有{hint}，这一行没有用上"
    xlsx_too_many_rows = (
        "工作表「{sheet}」中属于这个项目的有 {count} 行，超过每个项目 {limit} 行的上限：请合并或删去多余的行"
    )
    xlsx_beyond_grid = (
        "「{name}」的工作表「{sheet}」中有行号或单元格「{where}」超出 Excel 的范围（文件已损坏或被改动过），拒绝读取"
    )
    xlsx_closest = "（最接近的是「{name}」）"
    xlsx_file_outside = "「{header}」指向的文件「{file}」不在工作簿所在文件夹内，拒绝读取"
    xlsx_file_missing = "「{header}」指向的文件「{file}」不存在（路径相对于工作簿所在文件夹）"
    batch_no_input = "「{name}」不是文件夹、.jsonl 文件或 .xlsx 工作簿"
    batch_nothing = (
        "{names} 中没有项目文件：批量生成读取文件夹中的 .yaml、.yml、.json 项目文件（每个文件一个项目）、"
        ".jsonl 文件（每行一个项目）或 .xlsx 工作簿（docgen init --xlsx 的格式，「项目」工作表每行一个项目）"
    )
    batch_summary = (
        "共 {total} 个项目：生成 {built} 个，未变化跳过 {unchanged} 个，失败 {failed} 个；"
        "{documents} 份文档，用时 {seconds:.1f} 秒（{rate:.1f} 份/秒）"
    )
    batch_built = "[{done}/{total}] 已生成 {where} → {folder}"
    batch_unchanged = "[{done}/{total}] 未变化，跳过 {where}"
    batch_failed = "[{done}/{total}] 失败 {where}：{reason}"
    batch_report = "报告已写入：{path}"
    batch_warnings = "已生成的项目中有警告（按编号计项目数）：{counts}{where}"
    batch_warnings_report = "；每个项目的警告详见报告"
    batch_interrupted = "已中断：已生成的文件完整，报告记录了已完成的项目；重新运行会接着生成其余项目"
    rules_own = "docgen 自身的检查（不属于任何办法，始终适用）："
    batch_index_unsaved = "无法保存批量生成的记录「{path}」：{reason}（已生成的文件完整；下次运行会重新生成这些项目）"
    batch_report_unwritten = "报告「{path}」没有写成：{reason}（没有留下不完整的报告）"
    batch_worker_died = (
        "批量生成的工作进程意外退出（可能是内存不足或被系统终止）；已生成的文件完整，重新运行会接着生成其余项目"
    )
    templates_not_dir = "「{name}」不是文件夹"
    templates_none = "文件夹「{name}」中没有模板（application.docx、security.docx、requirements.docx、materials.docx）"
    templates_ok = "模板检查通过：{count} 个模板"
    extract_header = "由 docgen extract 从「{file}」读取：{how}"
    extract_embedded = "文档内嵌的源数据（生成时的数据，校验一致）"
    extract_cells = "按表格各栏读取（空栏未写入）"
    extract_not_form = "「{name}」不是附件1 申报表或附件2 审查表，也没有 docgen 内嵌的源数据；请用 --form 指定"
    extract_written = "已写入：{path}"
    extract_no_changes = "生成后未被改动：各栏与内嵌的源数据一致"
    extract_changed = "表格中看到的值与内嵌的源数据（生成时的数据）不一致，生成后被改动的栏（原值 → 现值）："
    extract_visible = "内嵌的源数据，其中生成后被改动的栏按表格中看到的值（--prefer visible）"
    extract_embedded_kept = "内嵌的源数据（生成时的数据；表格中被改动的栏未采用，--prefer embedded）"
    extract_change = "被改动：「{label}」：{before} → {after}"
    extract_source_invalid = "文档内嵌的源数据不能通过校验（生成后被改动过？），改为按表格各栏读取"
    extract_prefer = "--prefer 只能是 visible（表格中看到的值）或 embedded（内嵌的源数据），而不是「{value}」"
    review_file_keys = (
        "审查结果文件「{name}」只能包含 network_security（网络安全审查）和 cryptography（密码保护审查），不认识：{keys}"
    )
    review_file_invalid = "审查结果文件「{name}」有误：{problems}"
    review_from_and_flags = "--from 与 --network-security/--cryptography/--unit/--date 不能同时使用"
    check_nothing = "没有要检查的 .docx 文件"
    check_summary = "检查了 {files} 个文件：{errors} 个错误，{warnings} 个警告"
    check_between = "各文件之间："
    summary_written = "汇总表已写入：{path}"
    summary_done = "汇总表已写入：{path}（{count} 个项目，其中 {errors} 个有错误或无法读取）"
    diff_same = "「{old}」与「{new}」的项目数据没有不同"
    diff_header = "「{old}」→「{new}」：{count} 处不同（原值 → 新值）"
    diff_filing_mark = "　〔备案信息〕"
    diff_filing = (
        "其中 {count} 处是备案信息：备案信息变更后一个月内应向市数据局更新备案，即{date}前（第十八条第（一）项）"
    )
    diff_notice_summary = "共 {count} 处变更，其中 {filing} 处属于备案信息（第十八条第（二）项）"
    diff_notice_due = "备案信息变更后一个月内应向市数据局更新备案信息，即{date}前（第十八条第（一）项）"
    check_unchecked = "未检查的文件："
    check_summary_unchecked = "；另有 {count} 个文件未检查（见上）"
    check_clean = "未发现问题"
    check_skipped = "不是附件1、附件2 或附件3，未检查"
    unknown_profile = "未知的适用办法「{name}」，可选：{choices}"
    no_blank_checklist = (
        "申报材料清单由项目数据推导，没有空白版本；"
        "空白表单只有 application、security、requirements、filing（备案信息表）"
    )
    checklist_in_package = "已包含（本材料包）"
    checklist_listed = "未包含（申报材料已列明，另行提交）"
    checklist_present = "未包含（数据表明已具备，另行提交）"
    checklist_missing = "未包含，须另行提交"
    checklist_none = "按适用办法和项目数据，没有须提交的材料"
    template_missing = "找不到模板文件：{path}"
    image_unreadable = "图片「{path}」无法读取或识别：{reason}"
    picture_too_large = "有 {size:.1f} MiB，超过图片的上限 {limit} MiB：请压缩后再用"
    picture_too_many_pixels = "有 {pixels} 万像素，超过图片的上限（{limit} 万像素）：请缩小后再用"
    picture_not_one = "不是 PNG、JPEG、GIF 或 BMP 图片"
    picture_broken = "看起来是 {kind} 图片，但内容已损坏或不完整，无法显示：请重新导出后再用"
    picture_unreadable = "无法读取"
    picture_upload = "上传的文件{reason}，没有保存"
    soffice_missing = (
        "未找到 LibreOffice，无法转换 PDF。请安装：sudo apt-get install libreoffice-writer-nogui fonts-noto-cjk"
    )
    soffice_failed = "LibreOffice 未能转换「{name}」：{reason}"
    soffice_died = "LibreOffice 在转换中途意外退出（被信号 {signal} 终止）"
    office_hung = "LibreOffice 超过 {seconds} 秒没有转换完（卡住了），已将它结束"
    office_died = "LibreOffice 在转换中途意外退出"
    office_refused = "LibreOffice 无法打开或转换这份文档（{reason}）"
    office_failed_twice = (
        "PDF 转换失败：转换「{name}」时{what}；换用新启动的 LibreOffice 重试一次仍然失败。"
        "可以重新运行；反复出现时请检查该文档或 LibreOffice 的安装"
    )
    office_stopped = "LibreOffice 转换服务已经停止"
    office_no_answer = "LibreOffice 在 {seconds} 秒内没有启动"
    office_no_python = "没有装有 LibreOffice 的 uno 模块和 unoserver 的 Python（python3-uno）"
    office_fallback = (
        "常驻的 LibreOffice 转换服务无法启动（{reason}），改为每批文档启动一次 LibreOffice（较慢）；"
        "运行 scripts/setup.sh --system 可安装它需要的 python3-uno 和 unoserver"
    )
    pdf_font_fangsong = (
        "PDF 中的{role}文字由宋体风格的 {used} 绘制：本机没有{role}字体（Debian 没有自由的简体{role}字体）；"
        "安装{role}字体（如单位的 Windows 字体 simfang.ttf）后自动使用"
    )
    pdf_font_substituted = (
        "PDF 中的「{role}」字体用「{used}」代替（本机没有合适的字体；安装 {package} 可得到正确的字形）"
    )
    pdf_font_weight = "PDF 中的「{role}」用「{used}」代替半粗体（安装 {package} 可得到更接近的字重）"
    cjk_fonts_missing = "未找到中文字体，PDF 中文将无法显示。请安装：sudo apt-get install fonts-noto-cjk"
    review_nothing = "请至少给出一项审查结果：--network-security 或 --cryptography（符合 / 不符合）"
    review_recorded = "已将审查结果写入：{path}"
    review_replaced = "已替换原有的审查记录：「{label}」：{before} → {after}"
    review_not_built = (
        "申报数据还有 {errors} 个错误（见上），审查结果已记录，附件2 未重新生成；"
        "申报单位改正后运行 docgen build {path} --forms 审查表 即可生成"
    )
    init_json_written = (
        "已生成数据模板：{path}（JSON 没有注释，各键的中文标签见 docgen schema；填写后运行 docgen validate）"
    )
    init_suffix = "「{name}」的类型不对：应为 {wanted}（例如 {example}）"
    init_wanted_xlsx = ".xlsx（加 --xlsx）"
    init_wanted_data = ".yaml 或 .json"
    # How diff read each version
    read_embedded = "内嵌的源数据"
    read_cells = "按表格各栏读取"
    read_data_file = "数据文件"
    # check, extract, batch, summary, rules: what the facade and the command say besides the above
    check_renamed_doc = "旧版 Word 文档（.doc，只是改了扩展名）"
    check_unrecognized = "未识别"
    extract_unread = "未读取：{message}"
    batch_too_many_same_name = "「{name}」同名项目过多"
    batch_build_failed = "生成失败：{reason}"
    batch_warning_count = "{code} {count} 个"
    summary_nothing = "没有找到项目：请给出数据文件、项目文件夹、.jsonl 文件或 .xlsx 工作簿"
    font_note = "提示：{note}"
    # Where a project of a batch input is (after the file's name)
    place_line = "第{line}行"
    place_sheet = "工作表「{sheet}」"
    place_sheet_row = "工作表「{sheet}」第{row}行"
    rules_scope = "适用范围：{scope}"
    init_written = "已生成数据模板：{path}（请按注释填写后运行 docgen validate）"


#: ruamel.yaml problem text (start) -> Chinese explanation; the original follows in brackets.
YAML_PROBLEMS: dict[str, str] = {
    "found character '\\t'": "不能用 Tab 键缩进，请改用空格",
    "mapping values are not allowed": "此处不能出现冒号；值中含冒号时请给整个值加引号",
    "could not find expected ':'": "缺少冒号（键: 值）",
    "found duplicate key": "同一层级出现了重复的键",
    "expected <block end>": "缩进不一致",
    "found unexpected end of stream": "文件意外结束（引号或括号未闭合）",
    "found undefined alias": "引用了未定义的别名（*名称）",
    "while scanning a quoted scalar": "引号未闭合",
    "while scanning a double-quoted scalar": "双引号中的反斜杠转义无法识别（路径请改用单引号，或把 \\ 写成 \\\\）",
    "while scanning a single-quoted scalar": "单引号未闭合",
    "while parsing a flow sequence": "方括号列表 [ … ] 中缺少逗号或右方括号「]」",
    "while parsing a flow mapping": "花括号 { … } 中缺少逗号或右花括号「}」",
    "cannot start any token": "这个字符不能出现在值的开头（@、`、% 等开头的值请加引号）",
    "did not find expected key": "缺少键名，或缩进不一致",
    "did not find expected '-' indicator": "列表项缩进不一致（每项以“- ”开头并对齐）",
    "while scanning a simple key": "缺少冒号（键: 值）",
    "while scanning an alias": "星号 * 开头的值请加引号",
    "while scanning an anchor": "& 开头的值请加引号",
    "while scanning a block scalar": "多行文字（| 或 >）的写法不对",
    "while parsing a block collection": "列表项缩进不一致（每项以“- ”开头并对齐）",
    "while parsing a block mapping": "缩进不一致",
}

#: When the parser's problem is none of the above: said in Chinese, with where to look.
YAML_PROBLEM_FALLBACK = "这一行的写法无法识别（请检查冒号、引号、括号和缩进）"

#: pydantic error type -> Chinese message. ``{label}`` is the field's label,
#: the other names come from the error's ``ctx``.
PYDANTIC_MESSAGES: dict[str, str] = {
    "missing": "缺少「{label}」",
    "string_type": "「{label}」应为文字",
    "int_type": "「{label}」应为整数",
    "int_parsing": "「{label}」应为整数，而填写的是「{input}」",
    "int_from_float": "「{label}」应为整数，而填写的是「{input}」",
    "int_parsing_size": "「{label}」的数字过大，而填写的是「{input}」",
    "bool_type": "「{label}」应为 是 或 否（也可写 有/无、true/false），而填写的是「{input}」",
    "bool_parsing": "「{label}」应为 是 或 否（也可写 有/无、true/false），而填写的是「{input}」",
    "decimal_type": "「{label}」应为数字（单位：万元）",
    "decimal_parsing": "「{label}」应为数字，而填写的是「{input}」",
    "decimal_max_places": "「{label}」最多保留 {decimal_places} 位小数",
    "decimal_max_digits": "「{label}」数字位数过多（最多 {max_digits} 位数字，其中小数最多 6 位，即到分）",
    "finite_number": "「{label}」应为有限的数字",
    "greater_than_equal": "「{label}」不能小于 {ge}",
    "greater_than": "「{label}」应大于 {gt}",
    "less_than_equal": "「{label}」不能大于 {le}",
    "date_type": "「{label}」应为日期（如 2026-11-20）",
    "date_parsing": "「{label}」应为日期（如 2026-11-20），而填写的是「{input}」",
    "date_from_datetime_parsing": "「{label}」应为日期（如 2026-11-20），而填写的是「{input}」",
    "date_from_datetime_inexact": "「{label}」应为日期，不应包含时刻",
    "literal_error": "「{label}」取值「{input}」无效，应为：{expected}",
    "enum": "「{label}」取值「{input}」无效，应为：{expected}",
    "list_type": "「{label}」应为列表（每项一行，以“- ”开头）",
    "dict_type": "「{label}」应为键值映射",
    "model_type": "「{label}」应为键值映射",
    "model_attributes_type": "「{label}」应为键值映射",
    "string_too_long": "「{label}」过长（最多 {max_length} 个字符）",
    "string_too_short": "「{label}」不能为空",
    "too_short": "「{label}」至少需要 {min_length} 项",
    "too_long": "「{label}」最多 {max_length} 项",
    "union_tag_invalid": "「{label}」的写法无法识别：应为一段文字，或 table / image 块",
    "union_tag_not_found": "「{label}」的写法无法识别：应为一段文字，或 table / image 块",
    "extra_forbidden": "未知字段「{label}」",
    "value_error": "「{label}」{error}",
}

#: Used when pydantic reports a type not listed above.
PYDANTIC_FALLBACK = "「{label}」的值「{input}」无效"


#: json's messages for the common mistakes, in Chinese (the original follows in brackets).
JSON_PROBLEMS = {
    "Expecting property name enclosed in double quotes": "键名应使用英文双引号",
    "Expecting value": "缺少值，或多了逗号",
    "Unterminated string": "字符串缺少结束的引号",
    "Extra data": "在完整的 JSON 之后还有多余内容",
    "Expecting ',' delimiter": "缺少逗号",
    "Expecting ':' delimiter": "缺少冒号",
    "Invalid control character": "字符串中含有未转义的控制字符",
    "Invalid \\escape": "无效的转义字符",
}

#: When json's problem is none of the above.
JSON_PROBLEM_FALLBACK = "这里的写法无法识别（请检查引号、逗号和括号）"
