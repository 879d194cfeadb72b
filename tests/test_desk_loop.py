"""The submission loop on the desk (issue: submit, review with opinions, return, approve, and the
project's life after it): the whole loop over HTTP with the accounts of a small city, on SQLite and on
a real PostgreSQL server — submit refused with errors; submit → 转报 → 退回修改 with comments → fix →
resubmit → 通过 (技术审查意见) → 网信/密码 results on 附件2 → 立项 → 招标 → 备案 (due) → 变更备案 →
验收; frozen hashes unchanged after edits; attachments sniffed and bounded; the timeline and the audit
log; nobody outside the path sees the project; an illegal step is a Chinese 409 naming the state."""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from desk_city import CONTRACT, City, city

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def town(tmp_path: Path, database: str | None) -> Iterator[City]:
    with city(tmp_path / "工作区", database) as made:
        yield made


def state(town: City, who: str, key: str) -> str:
    return str(town.call(who, "GET", f"/api/projects/{key}").json()["state"])


def decide(town: City, who: str, key: str, decision: str, opinion: str = "", comments: Any = ()) -> Any:
    return town.call(
        who,
        "POST",
        f"/api/projects/{key}/review",
        {"decision": decision, "opinion": opinion, "comments": list(comments)},
    )


def unzip(blob: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(blob), metadata_encoding="gb18030") as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def test_a_project_with_errors_is_not_submitted(town: City) -> None:
    key = town.create("county_clerk", CONTRACT.replace("owner_unit: 石嘴山市政务服务管理局", "owner_unit:"))
    refused = town.call("county_clerk", "POST", f"/api/projects/{key}/submit")
    assert refused.status_code == 422 and "改正后才能提交" in refused.json()["error"]
    assert any(f["field"] == "project.owner_unit" for f in refused.json()["findings"])
    assert state(town, "county_clerk", key) == "草稿"


def test_the_whole_loop(town: City) -> None:
    key = town.create("county_clerk")
    # a county project goes to its 县区数据局 first
    submitted = town.call("county_clerk", "POST", f"/api/projects/{key}/submit")
    assert submitted.status_code == 200, submitted.text
    body = submitted.json()
    assert body["state"] == "已提交" and body["version"] == 1
    frozen = {d["name"]: d["sha256"] for d in body["documents"]}
    assert len(frozen) == 4 and all(len(sha) == 64 for sha in frozen.values())
    assert town.call("city_reviewer", "GET", f"/api/projects/{key}").status_code == 404  # not forwarded yet
    assert town.call("other_county_reviewer", "GET", f"/api/projects/{key}").status_code == 404
    assert town.call("network", "GET", f"/api/projects/{key}").status_code == 404
    (waiting,) = town.call("county_reviewer", "GET", "/api/queue").json()
    assert waiting["key"] == key and waiting["unit"] == "大武口区教育局" and waiting["waiting_days"] == 0
    assert town.call("city_reviewer", "GET", "/api/queue").json() == []
    # only the county may forward; the city cannot approve what it has not received
    assert decide(town, "city_reviewer", key, "通过").status_code == 404
    assert decide(town, "county_reviewer", key, "通过").status_code == 403
    assert decide(town, "county_reviewer", key, "转报", "同意转报市数据局").json()["state"] == "已转报"
    assert town.call("county_reviewer", "GET", "/api/queue").json() == []
    assert [w["key"] for w in town.call("city_reviewer", "GET", "/api/queue").json()] == [key]
    # 退回修改 needs its reasons; comments sit on fields
    assert decide(town, "city_reviewer", key, "退回修改").status_code == 422
    returned = decide(
        town,
        "city_reviewer",
        key,
        "退回修改",
        "请补充",
        [
            {"field": "project.investment.this_year", "text": "本年度投入与资金计划不一致，请核实"},
            {"field": "project.location", "text": "请写明具体地址"},
        ],
    )
    assert returned.json()["state"] == "退回修改"
    comments = town.call("county_clerk", "GET", f"/api/projects/{key}/comments").json()
    assert [(c["field"], c["resolved"]) for c in comments] == [
        ("project.investment.this_year", False),
        ("project.location", False),
    ]
    # the clerk fixes one field: its comment is resolved, the other stays open
    fixed = town.patch(
        "county_clerk", key, [{"op": "replace", "path": "/project/location", "value": "大武口区人民路1号"}]
    )
    assert fixed.status_code == 200
    comments = town.call("county_clerk", "GET", f"/api/projects/{key}/comments").json()
    assert [(c["field"], c["resolved"]) for c in comments] == [
        ("project.investment.this_year", False),
        ("project.location", True),
    ]
    # the submitted package is frozen: the first submission's hashes do not move
    first = town.call("county_clerk", "GET", f"/api/projects/{key}/submitted?n=1")
    assert first.status_code == 200
    files = unzip(first.content)
    assert {name: hashlib.sha256(blob).hexdigest() for name, blob in files.items()} == frozen
    # resubmit → the differences by label → 通过 with a 技术审查意见
    again = town.call("county_clerk", "POST", f"/api/projects/{key}/submit")
    assert again.json()["state"] == "已提交" and again.json()["version"] == 2
    decide(town, "county_reviewer", key, "转报")
    differences = town.call("city_reviewer", "GET", f"/api/projects/{key}/differences").json()
    assert [(d["label"], d["after"]) for d in differences] == [("项目建设地址", "大武口区人民路1号")]
    approved = decide(town, "city_reviewer", key, "通过", "材料齐全，同意通过技术审查。")
    assert approved.json()["state"] == "已通过"
    package = unzip(town.call("city_reviewer", "GET", f"/api/projects/{key}/submitted").content)
    opinion = next(name for name in package if name.endswith("技术审查意见.docx"))
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(package[opinion])).paragraphs)
    assert "材料齐全，同意通过技术审查。" in text and "石嘴山市数据局" in text and "第十五条" in text
    # 网信 and 密码 see it now and record 附件2 on the same submission; it leaves each one's queue
    for who, part, unit in (("network", "网络安全", "石嘴山市委网信办"), ("crypto", "密码", "石嘴山市密码管理局")):
        assert [w["key"] for w in town.call(who, "GET", "/api/queue").json()] == [key]
        recorded = town.call(
            who,
            "POST",
            f"/api/projects/{key}/security-review",
            {"part": part, "result": "符合", "unit": unit, "date": "2026-11-25"},
        )
        assert recorded.status_code == 200, recorded.text
        assert town.call(who, "GET", "/api/queue").json() == []
    package = unzip(town.call("city_reviewer", "GET", f"/api/projects/{key}/submitted").content)
    reviewed = next(name for name in package if "审查后" in name)
    cells = [c.text for t in docx.Document(io.BytesIO(package[reviewed])).tables for r in t.rows for c in r.cells]
    assert any("石嘴山市委网信办" in c for c in cells) and any("石嘴山市密码管理局" in c for c in cells)
    # after approval: 立项 by the clerk with the 批复, then 招标, 备案 (due by 第十八条), 变更备案, 验收
    assert town.call("city_reviewer", "POST", f"/api/projects/{key}/advance", {"state": "已立项"}).status_code == 403
    approval = {
        "approval": {
            "doc_no": "石审批发〔2026〕12号",
            "approved_on": "2026-12-01",
            "approver": "石嘴山市审批服务管理局",
        }
    }
    answer = town.call("county_clerk", "POST", f"/api/projects/{key}/advance", {"state": "已立项", "data": approval})
    assert answer.json()["state"] == "已立项", answer.text
    tender = {
        "procurement": {
            "tender_completed_on": "2026-12-10",
            "winning_bidder": "宁夏某某信息技术有限公司",
            "settlement_amount": 820,
            "supervisor": "宁夏某某监理有限公司",
        }
    }
    answer = town.call("county_clerk", "POST", f"/api/projects/{key}/advance", {"state": "已招标", "data": tender})
    assert answer.status_code == 200, answer.text
    filed = town.call(
        "county_clerk",
        "POST",
        f"/api/projects/{key}/advance",
        {"state": "已备案", "data": {"filing": {"filed_on": "2026-12-20"}}},
    )
    assert filed.json()["state"] == "已备案" and filed.json()["due"] == "2027-01-10"  # one month after the tender
    changed = town.call(
        "county_clerk",
        "POST",
        f"/api/projects/{key}/advance",
        {
            "state": "变更备案",
            "data": {"filing": {"changed_on": "2027-03-01"}},
        },
    )
    assert changed.json()["state"] == "变更备案" and changed.json()["due"] == "2027-04-01"
    accepted = town.call(
        "city_reviewer",
        "POST",
        f"/api/projects/{key}/advance",
        {"state": "已验收", "data": {"acceptance": {"final_on": "2027-06-30"}}},
    )
    assert accepted.json()["state"] == "已验收", accepted.text
    timeline = town.call("county_clerk", "GET", f"/api/projects/{key}/timeline").json()
    assert [t["state"] for t in timeline] == [
        "已提交",
        "已转报",
        "退回修改",
        "已提交",
        "已转报",
        "已通过",
        "已通过",
        "已通过",
        "已立项",
        "已招标",
        "已备案",
        "变更备案",
        "已验收",
    ]
    assert {t["account"] for t in timeline} >= {"county_clerk", "county_reviewer", "city_reviewer", "network"}
    actions = {e["action"] for e in town.call("admin", "GET", "/api/audit").json() if e["project"] == key}
    assert {"提交", "审查：转报", "审查：退回修改", "审查：通过", "立项", "招标", "备案", "变更备案", "验收"} <= actions
    # nobody outside the path: another county, another department
    for who in ("other_county_reviewer", "other_county_clerk", "police_clerk", "admin"):
        assert town.call(who, "GET", f"/api/projects/{key}").status_code == 404, who


def test_a_city_departments_project_goes_straight_to_the_city(town: City) -> None:
    key = town.create("city_clerk")
    town.call("city_clerk", "POST", f"/api/projects/{key}/submit")
    assert [w["key"] for w in town.call("city_reviewer", "GET", "/api/queue").json()] == [key]
    assert town.call("county_reviewer", "GET", f"/api/projects/{key}").status_code == 404
    assert town.call("network", "GET", f"/api/projects/{key}").status_code == 200  # it reached the city
    refused = decide(town, "city_reviewer", key, "不予受理", "项目不合适")
    assert refused.status_code == 422 and "条款" in refused.json()["error"]
    refused = decide(town, "city_reviewer", key, "不予受理", "未获得上级主管部门准许，不符合第十三条第（二）项")
    assert refused.json()["state"] == "不予受理"


def test_an_illegal_step_is_a_409_naming_the_state(town: City) -> None:
    key = town.create("city_clerk")
    answer = decide(town, "city_reviewer", key, "通过")
    assert answer.status_code == 404  # not submitted: the city does not see it at all
    early = town.call("city_clerk", "POST", f"/api/projects/{key}/advance", {"state": "已立项"})
    assert early.status_code == 409 and "「草稿」" in early.json()["error"] and early.json()["state"] == "草稿"
    town.call("city_clerk", "POST", f"/api/projects/{key}/submit")
    twice = town.call("city_clerk", "POST", f"/api/projects/{key}/submit")
    assert twice.status_code == 409 and "「已提交」" in twice.json()["error"]
    decide(town, "city_reviewer", key, "通过")
    refused = town.call("city_reviewer", "POST", f"/api/projects/{key}/advance", {"state": "已报自治区"})
    assert refused.status_code == 200  # 860万元 ≥ 500万元: 第十六条
    wrong = town.call("city_clerk", "POST", f"/api/projects/{key}/advance", {"state": "已通过"})
    assert wrong.status_code == 422 and "推进" in wrong.json()["error"]


def test_attachments_are_matched_to_the_checklist_sniffed_and_bounded(town: City) -> None:
    key = town.create("city_clerk")
    item = "项目初步设计"

    def upload(name: str, blob: bytes, what: str = item) -> Any:
        return town.client.post(
            f"/api/projects/{key}/attachments?item={what}",
            files={"file": (name, blob, "application/octet-stream")},
            headers={"Authorization": f"Bearer {town.tokens['city_clerk']}"},
        )

    made = upload("初步设计.pdf", PDF)
    assert made.status_code == 201 and made.json()["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert upload("伪装.pdf", b"MZ\x90\x00 not a pdf").status_code == 422
    assert "申报材料清单中没有" in upload("x.pdf", PDF, "菜谱").json()["error"]
    big = b"%PDF-1.4\n" + b"0" * (30 * 1024 * 1024)
    assert upload("大.pdf", big).status_code == 422
    listed = town.call("city_clerk", "GET", f"/api/projects/{key}/attachments").json()
    assert [(a["item"], a["name"], a["type"]) for a in listed] == [(item, "初步设计.pdf", "PDF")]
    assert town.call("police_clerk", "GET", f"/api/projects/{key}/attachments").status_code == 404
    # the same file again (another name, even another item) is a slip: refused, said, nothing added
    twice = upload("初步设计（另存）.pdf", PDF)
    assert (
        twice.status_code == 409 and "是同一个文件" in twice.json()["error"] and "初步设计.pdf" in twice.json()["error"]
    )
    # a file attached by mistake is taken back (and the audit log says so)
    wrong = upload("错的.pdf", PDF + b"%another")
    assert wrong.status_code == 201
    number = next(
        a["id"]
        for a in town.call("city_clerk", "GET", f"/api/projects/{key}/attachments").json()
        if a["name"] == "错的.pdf"
    )
    assert town.call("police_clerk", "DELETE", f"/api/projects/{key}/attachments/{number}").status_code == 404
    assert town.call("city_clerk", "DELETE", f"/api/projects/{key}/attachments/{number}").status_code == 204
    listed = town.call("city_clerk", "GET", f"/api/projects/{key}/attachments").json()
    assert [a["name"] for a in listed] == ["初步设计.pdf"]
    audit = town.call("admin", "GET", "/api/audit").json()
    assert any(e["action"] == "删除附件" and "错的.pdf" in e["detail"] for e in audit)
    town.call("city_clerk", "POST", f"/api/projects/{key}/submit")
    package = unzip(town.call("city_clerk", "GET", f"/api/projects/{key}/submitted").content)
    assert package[f"附件/{item}/初步设计.pdf"] == PDF
    current = unzip(town.call("city_clerk", "GET", f"/p/{key}/package.zip").content)
    assert f"附件/{item}/初步设计.pdf" in current


def test_a_data_bureau_downloads_the_summary_of_what_it_sees(town: City) -> None:
    from openpyxl import load_workbook

    key = town.create("city_clerk")
    town.create("police_clerk")
    town.call("city_clerk", "POST", f"/api/projects/{key}/submit")
    answer = town.call("city_reviewer", "GET", "/api/summary.xlsx")
    assert answer.status_code == 200
    sheet = load_workbook(io.BytesIO(answer.content)).worksheets[0]
    header = [c.value for c in sheet[1]]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert "办理状态" in header
    named = [r for r in rows if r[header.index("项目名称")] and "一件事一次办" in str(r[header.index("项目名称")])]
    assert len(named) == 1 and named[0][header.index("办理状态")] == "已提交"  # the police project is not seen
    assert town.call("city_clerk", "GET", "/api/summary.xlsx").status_code == 403


def test_the_city_downloads_the_package_for_the_autonomous_region(town: City) -> None:
    key = town.create("city_clerk")
    assert town.call("city_reviewer", "GET", "/api/report-package.zip").status_code == 404  # nothing approved yet
    town.call("city_clerk", "POST", f"/api/projects/{key}/submit")
    decide(town, "city_reviewer", key, "通过", "同意")
    answer = town.call("city_reviewer", "GET", "/api/report-package.zip")
    assert answer.status_code == 200
    files = unzip(answer.content)
    assert "上报项目汇总表.xlsx" in files
    assert any(name.endswith("技术审查意见.docx") for name in files)
    assert len([name for name in files if name.endswith("申报表.docx")]) == 1
    assert town.call("county_reviewer", "GET", "/api/report-package.zip").status_code == 403


@pytest.mark.libreoffice
def test_a_submission_freezes_the_pdfs_too(tmp_path: Path) -> None:
    with city(tmp_path / "工作区", None, submit_pdf=True) as town:
        key = town.create("city_clerk")
        body = town.call("city_clerk", "POST", f"/api/projects/{key}/submit").json()
        names = sorted(d["name"] for d in body["documents"])
        assert len([n for n in names if n.endswith(".pdf")]) == 4
        package = unzip(town.call("city_clerk", "GET", f"/api/projects/{key}/submitted").content)
        assert all(blob.startswith(b"%PDF") for name, blob in package.items() if name.endswith(".pdf"))


def test_readme_shows_the_state_machine_as_it_is() -> None:
    """The state machine is data; README's table is that data, row for row."""
    from helpers import ROOT

    from docgen.desk.workflow import table

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("#### 申报流程", 1)[1].split("```", 1)[0]
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in section.splitlines()
        if line.startswith("| ") and not line.startswith("| 办理") and "---" not in line
    ]
    assert rows == [[r["action"], r["from"], r["to"], r["who"], r["article"]] for r in table()]


def test_each_account_has_its_work_list(town: City) -> None:
    key = town.create("city_clerk")
    town.call("city_clerk", "POST", f"/api/projects/{key}/submit")
    assert [(t["key"], t["todo"]) for t in town.call("city_reviewer", "GET", "/api/todo").json()] == [(key, "待审查")]
    decide(town, "city_reviewer", key, "退回修改", "请补充材料")
    assert [(t["key"], t["todo"]) for t in town.call("city_clerk", "GET", "/api/todo").json()] == [(key, "退回修改")]
    assert town.call("city_reviewer", "GET", "/api/todo").json() == []
    town.call("city_clerk", "POST", f"/api/projects/{key}/submit")
    decide(town, "city_reviewer", key, "通过")
    tender = {"procurement": {"tender_completed_on": "2026-12-10", "winning_bidder": "宁夏某某信息技术有限公司"}}
    town.call("city_clerk", "POST", f"/api/projects/{key}/advance", {"state": "已招标", "data": tender})
    (due,) = town.call("city_clerk", "GET", "/api/todo").json()
    assert (due["todo"], due["due"]) == ("待备案", "2027-01-10")  # 第十八条: one month after the tender
