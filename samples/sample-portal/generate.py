#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Renders the sample portal (site/ and site.json) and EXPECTED.json from reports.py and prose.py.

    python3 samples/sample-portal/generate.py

The output is committed (GBK pages are binary fixtures), so nothing runs this at build or test time;
rerun it after editing reports.py or prose.py."""
import hashlib
import json
import os
import shutil

from reports import REPORTS, COLS, GOV, FIN, EDU, HEA
from prose import OVERVIEW, PROBLEMS

HERE = os.path.dirname(os.path.abspath(__file__))
SITE = os.path.join(HERE, "site")

DENIED = ["state_secret", "prohibited_by_law", "security_stability", "third_party_rights",
          "internal_affairs", "process_info", "enforcement_files", "administrative_query"]
DENIED_ZH = ["1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
             "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项"]
UNABLE = ["not_held", "needs_creation", "unclear"]
UNABLE_ZH = ["1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"]
NOT_PROCESSED = ["complaints", "repeated", "publications", "excessive", "confirmation"]
NOT_PROCESSED_ZH = ["1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
                    "5.要求行政机关确认或重新出具已获取信息"]
OTHER = ["no_correction", "unpaid_fees", "other"]
OTHER_ZH = ["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他"]
# reports.py names a few sub-rows with shorter words; these are the canonical sub-keys.
ALIASES = {"law_prohibited": "prohibited_by_law", "three_security_one_stability": "security_stability",
           "query_items": "administrative_query", "complaint": "complaints", "publication": "publications",
           "massive": "excessive", "overdue_correction": "no_correction", "overdue_fee": "unpaid_fees"}
COL_ZH = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]


def canon(d):
    return {ALIASES.get(k, k): v for k, v in (d or {}).items()}


# ---------------------------------------------------------------- figures of one applicant column
def column(c, fmt):
    """All table 3 rows of one applicant column, derived so that 一 + 二 = 三（七） + 四."""
    denied = canon(c.get("denied"))
    unable = canon(c.get("unable"))
    notp = canon(c.get("not_processed"))
    other = canon(c.get("other"))
    for d, names in ((denied, DENIED), (unable, UNABLE), (notp, NOT_PROCESSED), (other, OTHER)):
        unknown = set(d) - set(names)
        assert not unknown, unknown
    row = {
        "granted": c.get("granted", 0),
        "partially_granted": c.get("partially_granted", 0),
        "denied": [denied.get(n, 0) for n in DENIED],
        "unable": [unable.get(n, 0) for n in UNABLE],
        "not_processed": [notp.get(n, 0) for n in NOT_PROCESSED],
        "other": [other.get(n, 0) for n in OTHER] if fmt == "2021" else [sum(other.values())],
        "carried_over": c.get("carried_over", 0),
        "carried_forward": c.get("carried_forward", 0),
    }
    row["processed_total"] = (row["granted"] + row["partially_granted"] + sum(row["denied"]) + sum(row["unable"])
                              + sum(row["not_processed"]) + sum(row["other"]))
    row["new_received"] = row["processed_total"] + row["carried_forward"] - row["carried_over"]
    assert row["new_received"] >= 0, c
    return row


def table3_columns(r):
    cols = [column(r["table3"].get(name, {}), r["format"]) for name in COLS]
    total = {}
    for key in cols[0]:
        if isinstance(cols[0][key], list):
            total[key] = [sum(c[key][i] for c in cols) for i in range(len(cols[0][key]))]
        else:
            total[key] = sum(c[key] for c in cols)
    return cols + [total]


def t3_metrics(r):
    cols = table3_columns(r)
    suffixes = COLS + [None]
    out = {}
    for suffix, c in zip(suffixes, cols):
        def put(key, value):
            out[key if suffix is None else f"{key}:{suffix}"] = value
        put("requests.new_received", c["new_received"])
        put("requests.carried_over", c["carried_over"])
        put("requests.granted", c["granted"])
        put("requests.partially_granted", c["partially_granted"])
        put("requests.denied_total", sum(c["denied"]))
        put("requests.unable_to_provide_total", sum(c["unable"]))
        if suffix is None:
            # 本机关不掌握 is the 2019+ form of 信息不存在; the alias is kept for the total column only.
            put("requests.not_exist", c["unable"][0])
        put("requests.not_processed_total", sum(c["not_processed"]))
        put("requests.other_total", sum(c["other"]))
        put("requests.processed_total", c["processed_total"])
        put("requests.carried_forward", c["carried_forward"])
        if suffix is None:
            for n, v in zip(DENIED, c["denied"]):
                put(f"requests.denied.{n}", v)
            for n, v in zip(UNABLE, c["unable"]):
                put(f"requests.unable.{n}", v)
            for n, v in zip(NOT_PROCESSED, c["not_processed"]):
                put(f"requests.not_processed.{n}", v)
            if r["format"] == "2021":
                for n, v in zip(OTHER, c["other"]):
                    put(f"requests.other.{n}", v)
    out["requests.by_applicant.natural_person"] = cols[0]["new_received"]
    out["requests.by_applicant.legal_total"] = sum(c["new_received"] for c in cols[1:6])
    # The table's own check, asserted here so a typo in reports.py cannot ship.
    for c in cols:
        assert c["new_received"] + c["carried_over"] == c["processed_total"] + c["carried_forward"]
    return cols, out


def t4(r):
    groups = {}
    for name in ("reconsideration", "direct", "after_reconsideration"):
        u, c, o, p = r["table4"][name]
        groups[name] = [u, c, o, p, u + c + o + p]
    return groups


def t4_metrics(r):
    g = t4(r)
    names = ["upheld", "corrected", "other", "pending", "total"]
    out = {}
    for i, n in enumerate(names):
        out[f"reconsideration.{n}"] = g["reconsideration"][i]
        out[f"litigation.direct.{n}"] = g["direct"][i]
        out[f"litigation.after_reconsideration.{n}"] = g["after_reconsideration"][i]
        out[f"litigation.{n}"] = g["direct"][i] + g["after_reconsideration"][i]
    return out


def fmt_num(v):
    return f"{v:g}" if isinstance(v, float) else str(v)


# ---------------------------------------------------------------- cells
def cell(text, style, rowspan=1, colspan=1, header=False):
    attrs = ""
    if rowspan > 1:
        attrs += f" rowspan={rowspan}" if style == "word" else f' rowspan="{rowspan}"'
    if colspan > 1:
        attrs += f" colspan={colspan}" if style == "word" else f' colspan="{colspan}"'
    if style == "word":
        # What Word's "save as web page" writes: every cell a bordered td holding a MsoNormal paragraph.
        return (f"<td{attrs} valign=middle style='border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm 5.4pt'>"
                f"<p class=MsoNormal align=center style='text-align:center;line-height:15.0pt'>"
                f"<span style='font-size:10.5pt;font-family:宋体'>{text}</span></p></td>")
    cls = ' class="th"' if header else ""
    return f"<td{attrs}{cls}>{text}</td>"


def table(rows, style):
    if style == "word":
        head = ("<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 width=620 "
                "style='border-collapse:collapse;border:none'>")
    else:
        head = '<table class="gk-table" border="1" cellspacing="0" cellpadding="4" width="100%">'
    return head + "\n" + "\n".join("<tr>" + "".join(r) + "</tr>" for r in rows) + "\n</table>"


# ---------------------------------------------------------------- 2019+ sections
def section2(r, s):
    t = r["table2"]
    rows = []
    if r["format"] == "2021":
        rows.append([cell("第二十条第（一）项", s, colspan=4, header=True)])
        rows.append([cell(x, s, header=True) for x in ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数")])
        for label, key in (("规章", "rules"), ("行政规范性文件", "normative")):
            rows.append([cell(label, s)] + [cell(str(v), s) for v in t[key]])
        rows.append([cell("第二十条第（五）项", s, colspan=4, header=True)])
        rows.append([cell("信息内容", s, header=True), cell("本年处理决定数量", s, colspan=3, header=True)])
        rows.append([cell("行政许可", s), cell(str(t["licensing"]), s, colspan=3)])
        rows.append([cell("第二十条第（六）项", s, colspan=4, header=True)])
        rows.append([cell("信息内容", s, header=True), cell("本年处理决定数量", s, colspan=3, header=True)])
        rows.append([cell("行政处罚", s), cell(str(t["penalties"]), s, colspan=3)])
        rows.append([cell("行政强制", s), cell(str(t["enforcement"]), s, colspan=3)])
        rows.append([cell("第二十条第（八）项", s, colspan=4, header=True)])
        rows.append([cell("信息内容", s, header=True), cell("本年收费金额（单位：万元）", s, colspan=3, header=True)])
        rows.append([cell("行政事业性收费", s), cell(fmt_num(t["fees_wan"]), s, colspan=3)])
    else:
        rows.append([cell("第二十条第（一）项", s, colspan=4, header=True)])
        rows.append([cell(x, s, header=True) for x in ("信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量")])
        for label, key in (("规章", "rules"), ("规范性文件", "normative")):
            rows.append([cell(label, s)] + [cell(str(v), s) for v in t[key]])
        rows.append([cell("第二十条第（五）项", s, colspan=4, header=True)])
        rows.append([cell(x, s, header=True) for x in ("信息内容", "上一年项目数量", "本年增/减", "处理决定数量")])
        for label, key in (("行政许可", "licensing"), ("其他对外管理服务事项", "other_services")):
            rows.append([cell(label, s)] + [cell(str(v), s) for v in t[key]])
        rows.append([cell("第二十条第（六）项", s, colspan=4, header=True)])
        rows.append([cell(x, s, header=True) for x in ("信息内容", "上一年项目数量", "本年增/减", "处理决定数量")])
        for label, key in (("行政处罚", "penalties"), ("行政强制", "enforcement")):
            rows.append([cell(label, s)] + [cell(str(v), s) for v in t[key]])
        rows.append([cell("第二十条第（八）项", s, colspan=4, header=True)])
        rows.append([cell(x, s, header=True) for x in ("信息内容", "上一年项目数量", "本年增/减")] + [cell("", s)])
        rows.append([cell("行政事业性收费", s)] + [cell(str(v), s) for v in t["fees"]] + [cell("", s)])
        rows.append([cell("第二十条第（九）项", s, colspan=4, header=True)])
        rows.append([cell("信息内容", s, header=True), cell("采购项目数量", s, header=True), cell("采购总金额", s, colspan=2, header=True)])
        n, amount = t["procurement"]
        rows.append([cell("政府集中采购", s), cell(str(n), s), cell(fmt_num(amount), s, colspan=2)])
    return table(rows, s)


def section3(r, s, cols):
    fmt = r["format"]
    rows = []
    rows.append([cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", s, rowspan=3, colspan=3, header=True),
                 cell("申请人情况", s, colspan=7, header=True)])
    rows.append([cell("自然人", s, rowspan=2, header=True), cell("法人或其他组织", s, colspan=5, header=True),
                 cell("总计", s, rowspan=2, header=True)])
    rows.append([cell(x, s, header=True) for x in COL_ZH[1:]])

    def nums(key, i=None):
        return [cell(str(c[key] if i is None else c[key][i]), s) for c in cols]

    rows.append([cell("一、本年新收政府信息公开申请数量", s, colspan=3)] + nums("new_received"))
    rows.append([cell("二、上年结转政府信息公开申请数量", s, colspan=3)] + nums("carried_over"))
    other_rows = 3 if fmt == "2021" else 1
    span = 1 + 1 + 8 + 3 + 5 + other_rows + 1
    rows.append([cell("三、本年度办理结果", s, rowspan=span), cell("（一）予以公开", s, colspan=2)] + nums("granted"))
    rows.append([cell("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", s, colspan=2)] + nums("partially_granted"))
    for group, labels, key in (("（三）不予公开", DENIED_ZH, "denied"), ("（四）无法提供", UNABLE_ZH, "unable"),
                               ("（五）不予处理", NOT_PROCESSED_ZH, "not_processed")):
        for i, label in enumerate(labels):
            lead = [cell(group, s, rowspan=len(labels))] if i == 0 else []
            rows.append(lead + [cell(label, s)] + nums(key, i))
    if fmt == "2021":
        for i, label in enumerate(OTHER_ZH):
            lead = [cell("（六）其他处理", s, rowspan=3)] if i == 0 else []
            rows.append(lead + [cell(label, s)] + nums("other", i))
    else:
        rows.append([cell("（六）其他处理", s, colspan=2)] + nums("other", 0))
    rows.append([cell("（七）总计", s, colspan=2)] + nums("processed_total"))
    rows.append([cell("四、结转下年度继续办理", s, colspan=3)] + nums("carried_forward"))
    return table(rows, s)


def section4(r, s):
    g = t4(r)
    rows = [
        [cell("行政复议", s, colspan=5, header=True), cell("行政诉讼", s, colspan=10, header=True)],
        [cell(x, s, rowspan=2, header=True) for x in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")]
        + [cell("未经复议直接起诉", s, colspan=5, header=True), cell("复议后起诉", s, colspan=5, header=True)],
        [cell(x, s, header=True) for x in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计") * 2],
        [cell(str(v), s) for v in g["reconsideration"] + g["direct"] + g["after_reconsideration"]],
    ]
    return table(rows, s)


def body_2019plus(r, version):
    s = r["style"]
    cols, _ = t3_metrics(r)
    p = lambda text: (f"<p class=MsoNormal style='text-indent:32.0pt;line-height:28.0pt'><span style='font-size:16.0pt;font-family:仿宋_GB2312'>{text}</span></p>"
                      if s == "word" else f'<p style="text-indent:2em;">{text}</p>')
    h = lambda text: (f"<p class=MsoNormal style='text-indent:32.0pt;line-height:28.0pt'><b><span style='font-size:16.0pt;font-family:黑体'>{text}</span></b></p>"
                      if s == "word" else f'<p style="text-indent:2em;"><strong>{text}</strong></p>')
    who = "本机关" if r["agency"] != GOV else "本行政机关"
    out = [p(f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第五十条的规定编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。本报告所列数据的统计期限自{r['year']}年1月1日起至{r['year']}年12月31日止。")]
    out.append(h("一、总体情况"))
    out += [p(x) for x in OVERVIEW[r["id"]]]
    out.append(h("二、主动公开政府信息情况"))
    out.append(section2(r, s))
    out.append(h("三、收到和处理政府信息公开申请情况"))
    out.append(section3(r, s, cols))
    out.append(h("四、政府信息公开行政复议、行政诉讼情况"))
    out.append(section4(r, s))
    out.append(h("五、存在的主要问题及改进情况"))
    out += [p(x) for x in PROBLEMS["default"]]
    out.append(h("六、其他需要报告的事项"))
    if r["format"] == "2021":
        fee = r["fees_yuan"]
        if fee:
            out.append(p(f"依据《政府信息公开信息处理费管理办法》，{who}{r['year']}年共发出收费通知1件，收取信息处理费{fee}元。"))
        else:
            out.append(p(f"{who}{r['year']}年未收取信息处理费。"))
    else:
        out.append(p("无其他需要报告的事项。"))
    if version == 2:
        out.append(p("（2022年3月15日更新：补充发布本报告的PDF版本，报告正文内容未作修改。）"))
    return "\n".join(out)


# ---------------------------------------------------------------- pre-2019 narrative
def pct(part, whole):
    return f"{100.0 * part / whole:.1f}%" if whole else "0%"


CN = {0: "零", 1: "一", 2: "两", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九", 10: "十"}


def body_narrative(r):
    n = r["narrative"]
    y = r["year"]
    gov = r["agency"] == GOV
    cn = n.get("chinese_numerals", False)
    sp = " " if n.get("stray_space") else ""
    num = (lambda v: CN[v]) if cn else (lambda v: f"{v}{sp}")
    total = n["received"]
    answered = n["granted"] + n["partial"] + n["already_public"] + n["denied"] + n["not_this_agency"] + n["not_exist"]
    assert answered == total, r["id"]
    assert n["natural"] + n["legal"] + n["other_org"] == total, r["id"]
    p = lambda text: f'<p style="text-indent:2em;">{text}</p>'
    who = "我区" if gov else "我局"
    proactive = n.get("proactive_text") or f"{n['proactive']}条"
    out = [p(f"根据《中华人民共和国政府信息公开条例》（以下简称《条例》）的规定，现公布{r['agency']}{y}年政府信息公开工作年度报告。本报告由概述、主动公开政府信息情况、依申请公开政府信息情况、政府信息公开的收费及减免情况、因政府信息公开申请提起行政复议和行政诉讼的情况、存在的主要问题及改进措施等部分组成。本报告中所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。")]
    out.append(p("一、概述"))
    if gov:
        out.append(p(f"{y}年，{who}认真贯彻落实《条例》和上级关于政务公开工作的部署，健全政府信息公开工作机制，拓展公开渠道，全区政府信息公开工作有序推进。区政务公开领导小组全年召开会议{num(2) if not cn else '两'}次，研究解决工作中的问题。"))
    else:
        out.append(p(f"{y}年，{who}按照区政府的统一部署，把政府信息公开作为转变作风、服务群众的重要抓手，明确分管领导和专职人员，政府信息公开工作逐步规范。"))
    out.append(p("二、主动公开政府信息情况"))
    out.append(p(f"{y}年，{who}全年主动公开政府信息{proactive}，其中制发规范性文件{num(n['normative'])}件，全部按规定向社会公开。主要通过政府门户网站、政府公报、政务微博和新闻媒体等渠道公开。"))
    out.append(p("三、依申请公开政府信息情况"))
    if n.get("natural") is not None and not cn:
        out.append(p(f"全年共受理政府信息公开申请{num(total)}件，其中公民申请{num(n['natural'])}件，占{pct(n['natural'], total)}；法人申请{num(n['legal'])}件；其他组织申请{num(n['other_org'])}件。"))
    else:
        out.append(p(f"全年共受理政府信息公开申请{num(total)}件，均为公民申请。"))
    parts = [f"“同意公开”{num(n['granted'])}件，占总数的{pct(n['granted'], total)}"]
    if n["partial"]:
        parts.append(f"“同意部分公开”{num(n['partial'])}件")
    parts.append(f"“属于已主动公开范围”{num(n['already_public'])}件")
    parts.append(f"“不同意公开”{num(n['denied'])}件" if n["denied"] or not cn else "没有不同意公开的申请")
    parts.append(f"“非本机关政府信息”{num(n['not_this_agency'])}件")
    if n["not_exist"] or not cn:
        parts.append(f"“信息不存在”{num(n['not_exist'])}件")
    out.append(p(f"已答复{num(total)}件，其中" + "，".join(parts) + "。所有申请均在法定期限内答复。"))
    if n.get("consultations") is not None:
        out.append(p(f"此外，{who}通过电话、网上咨询和现场接待等方式，共解答政府信息公开咨询{n['consultations']}人次。"))
    out.append(p("四、政府信息公开的收费及减免情况"))
    out.append(p(f"{y}年，{who}在政府信息公开工作中未收取任何费用。"))
    out.append(p("五、因政府信息公开申请提起行政复议、行政诉讼的情况"))
    rec = n.get("reconsideration_text") or f"{num(n['reconsideration'])}件"
    if n["reconsideration"] == 0 and n["litigation"] == 0:
        out.append(p(f"{y}年，{who}没有发生因政府信息公开申请提起行政复议和行政诉讼的情况。"))
    elif n["litigation"] == 0:
        out.append(p(f"{y}年，{who}因政府信息公开申请被提起行政复议{rec}，均维持原答复；未发生行政诉讼。"))
    else:
        out.append(p(f"{y}年，{who}因政府信息公开申请被提起行政复议{rec}，行政诉讼{num(n['litigation'])}件。"))
    out.append(p("六、存在的主要问题及改进措施"))
    out.append(p(f"{who}政府信息公开工作还存在信息更新不够及时、公开内容不够全面等问题。下一步将进一步完善制度，加强培训，提高政府信息公开工作水平。"))
    return "\n".join(out)


def body_pre2019_table(r):
    n = r["narrative"]
    y = r["year"]
    p = lambda text: f'<p style="text-indent:2em;">{text}</p>'
    total = n["received"]
    assert n["in_person"] + n["fax"] + n["online"] + n["mail"] == total
    assert n["on_time"] + n["extended"] == total
    answered = (n["already_public"] + n["granted"] + n["partial"] + n["denied"] + n["not_this_agency"] + n["not_exist"]
                + n["correction"] + n["other_route"])
    assert answered == total
    assert sum(n["denied_split"].values()) == n["denied"]
    assert sum(n["by_channel"].values()) == n["proactive"]
    out = [p(f"本报告根据《中华人民共和国政府信息公开条例》要求，由东江市青石区人民政府办公室编制。全文包括概述、主动公开政府信息情况、依申请公开政府信息情况、政府信息公开的收费及减免情况、因政府信息公开申请提起行政复议和行政诉讼的情况、存在的主要问题及改进措施，并附政府信息公开情况统计表。")]
    out.append(p("一、概述"))
    out.append(p(f"{y}年，我区以推进决策、执行、管理、服务、结果“五公开”为重点，加强政策解读和回应关切，推进政务公开工作制度化、标准化、信息化。"))
    out.append(p("二、主动公开政府信息情况"))
    out.append(p(f"全年主动公开政府信息{n['proactive']}条，其中通过区政府门户网站公开{n['by_channel']['website']}条，通过政务微博公开{n['by_channel']['weibo']}条，通过政务微信公开{n['by_channel']['wechat']}条，通过政府公报公开{n['by_channel']['gazette']}条。"))
    out.append(p("三、依申请公开政府信息情况"))
    out.append(p(f"全年共收到政府信息公开申请{total}件，已全部办结，其中按时办结{n['on_time']}件，延期办结{n['extended']}件。详见附表。"))
    out.append(p("四、政府信息公开的收费及减免情况"))
    out.append(p("全年未收取政府信息公开相关费用。"))
    out.append(p("五、因政府信息公开申请提起行政复议、行政诉讼的情况"))
    rec, lit = n["reconsideration"], n["litigation"]
    out.append(p(f"全年因政府信息公开申请被提起行政复议{rec[0]}件、行政诉讼{lit[0]}件，详见附表。"))
    out.append(p("六、存在的主要问题及改进措施"))
    out.append(p("我区政府信息公开工作仍存在政策解读不够深入、基层公开不够规范等问题。下一步，我区将加强解读回应，推进基层政务公开标准化建设。"))
    out.append(p("附表：政府信息公开情况统计表"))
    rows = [("统计指标", "单位", "统计数", True)]
    add = lambda label, unit, value: rows.append((label, unit, str(value), False))
    add("一、主动公开情况", "", "")
    add("（一）主动公开政府信息数<br>（不同渠道和方式公开相同信息计1条）", "条", n["proactive"])
    add("其中：主动公开规范性文件数", "条", n["normative"])
    add("制发规范性文件总数", "件", n["normative_made"])
    add("（二）通过不同渠道和方式公开政府信息的情况", "", "")
    add("1.政府公报公开政府信息数", "条", n["by_channel"]["gazette"])
    add("2.政府网站公开政府信息数", "条", n["by_channel"]["website"])
    add("3.政务微博公开政府信息数", "条", n["by_channel"]["weibo"])
    add("4.政务微信公开政府信息数", "条", n["by_channel"]["wechat"])
    add("5.其他方式公开政府信息数", "条", 0)
    add("二、回应解读情况", "", "")
    add("（一）回应公众关注热点或重大舆情数", "次", 6)
    add("三、依申请公开情况", "", "")
    add("（一）收到申请数", "件", total)
    add("1.当面申请数", "件", n["in_person"])
    add("2.传真申请数", "件", n["fax"])
    add("3.网络申请数", "件", n["online"])
    add("4.信函申请数", "件", n["mail"])
    add("（二）申请办结数", "件", total)
    add("1.按时办结数", "件", n["on_time"])
    add("2.延期办结数", "件", n["extended"])
    add("（三）申请答复数", "件", total)
    add("1.属于已主动公开范围数", "件", n["already_public"])
    add("2.同意公开答复数", "件", n["granted"])
    add("3.同意部分公开答复数", "件", n["partial"])
    add("4.不同意公开答复数", "件", n["denied"])
    add("其中：涉及国家秘密", "件", n["denied_split"].get("state_secret", 0))
    add("涉及商业秘密", "件", 0)
    add("涉及个人隐私", "件", n["denied_split"].get("privacy", 0))
    add("危及国家安全、公共安全、经济安全和社会稳定", "件", 0)
    add("不是《条例》所指政府信息", "件", 0)
    add("法律法规规定的其他情形", "件", 0)
    add("5.不属于本行政机关公开数", "件", n["not_this_agency"])
    add("6.申请信息不存在数", "件", n["not_exist"])
    add("7.告知作出更改补充数", "件", n["correction"])
    add("8.告知通过其他途径办理数", "件", n["other_route"])
    add("四、行政复议数量", "件", rec[0])
    add("（一）维持具体行政行为数", "件", rec[1])
    add("（二）被依法纠错数", "件", rec[2])
    add("（三）其他情形数", "件", rec[3])
    add("五、行政诉讼数量", "件", lit[0])
    add("（一）维持具体行政行为或者驳回原告诉讼请求数", "件", lit[1])
    add("（二）被依法纠错数", "件", lit[2])
    add("（三）其他情形数", "件", lit[3])
    add("六、举报投诉数量", "件", n["complaints"])
    add("七、依申请公开信息收取的费用", "万元", n["fees_wan"])
    add("八、机构建设和保障经费情况", "", "")
    add("（一）政府信息公开工作专门机构数", "个", 1)
    add("（二）设置政府信息公开查阅点数", "个", 11)
    add("（三）从事政府信息公开工作人员数", "人", 23)
    add("1.专职人员数（不包括政府公报及政府网站工作人员数）", "人", 3)
    add("2.兼职人员数", "人", 20)
    add("（四）政府信息公开专项经费（不包括用于政府公报编辑管理及政府网站建设维护等方面的经费）", "万元", 8.5)
    add("九、会议和培训情况", "", "")
    add("（一）召开政府信息公开工作会议或专题会议数", "次", 2)
    add("（二）举办各类培训班数", "次", 3)
    add("（三）接受培训人员数", "人次", 215)
    trs = []
    for label, unit, value, head in rows:
        tag = "th" if head else "td"
        trs.append(f'<tr><{tag} align="left">{label}</{tag}><{tag} align="center">{unit}</{tag}><{tag} align="center">{value}</{tag}></tr>')
    out.append('<table border="1" cellspacing="0" cellpadding="3" width="90%" align="center">\n' + "\n".join(trs) + "\n</table>")
    return "\n".join(out)


# ---------------------------------------------------------------- pages
CHARSET = {"utf-8": "utf-8", "gbk": "gb2312"}


def trs_page(r, body, charset, attachment=None):
    crumbs = "首页 &gt; 政务公开 &gt; 政府信息公开年报" if r["agency"] == GOV else "首页 &gt; 政务公开 &gt; 部门信息公开年报"
    source = "东江市青石区人民政府办公室" if r["agency"] == GOV else r["agency"]
    att = ""
    if attachment:
        att = (f'<div class="fj"><p>附件：<a href="./{attachment}" target="_blank">{r["title"]}.pdf</a></p></div>')
    zoom = f'<div class="TRS_Editor" id="zoom">\n{body}\n</div>' if r["path"].startswith("/zwgk/") else f'<div id="zoom">\n{body}\n</div>'
    return f"""<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{r['title']}_政府信息公开年报_东江市青石区人民政府门户网站</title>
<meta name="ArticleTitle" content="{r['title']}">
<meta name="PubDate" content="{r['date']} 09:30">
<link rel="stylesheet" href="/css/main.css">
</head>
<body>
<div class="top"><a href="/">东江市青石区人民政府门户网站</a> <a href="/zwgk/">政务公开</a> <a href="/hdjl/">互动交流</a> <a href="/zwfw/">政务服务</a></div>
<div class="position">您现在的位置：<a href="/">首页</a> &gt; {crumbs.split(' &gt; ', 1)[1]}</div>
<div class="article">
<h1 class="title">{r['title']}</h1>
<div class="info">发布日期：{r['date']}　　来源：{source}　　【字号：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>】　<a href="javascript:window.print()">打印</a></div>
{zoom}
{att}
<div class="share">分享到：<a href="javascript:void(0)">微信</a> <a href="javascript:void(0)">微博</a></div>
</div>
<div class="footer">版权所有：东江市青石区人民政府　主办：东江市青石区人民政府办公室　网站标识码：9999000001　ICP备案号：东ICP备00000001号</div>
</body>
</html>
"""


def listing_item(r, href=None):
    href = href or r["path"]
    title = r["title"]
    # TRS truncates long titles in the list and keeps the full one in title=.
    shown = title if len(title) <= 24 else title[:22] + "..."
    return f'<li><a href="{href}" title="{title}" target="_blank">{shown}</a><span class="date">{r["date"]}</span></li>'


NAV = """<div class="nav">
<a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="/zwgk/zfxxgknb/index.html">政府信息公开年报</a>
<a href="/zwgk/zfgzbg/">政府工作报告</a> <a href="/zwgk/xxgkzn/">政府信息公开指南</a> <a href="/zwgk/xxgkml/">政府信息公开目录</a>
</div>"""


def trs_listing(items, page, count, extra=""):
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>政府信息公开年报_东江市青石区人民政府门户网站</title>
<script src="/js/page.js"></script>
</head>
<body>
{NAV}
<div class="position">您现在的位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府信息公开年报</div>
<div class="column">
<h2>政府信息公开年报</h2>
<ul class="list">
{chr(10).join(items)}
</ul>
{extra}
<div class="page"><script type="text/javascript">
var countPage = {count};
var currentPage = {page};
createPageHTML(countPage, currentPage, "index", "html");
</script></div>
</div>
<div class="footer">版权所有：东江市青石区人民政府　<a href="/wzdt/">网站地图</a>　<a href="/lxwm/">联系我们</a></div>
</body>
</html>
"""


def dept_row(item):
    cells = item.replace("<li>", "").replace("</li>", "").replace('<span class="date">', '</td><td class="d">').replace("</span>", "")
    return f'<tr><td class="t">{cells}</td></tr>'


def dept_listing(items, page, pages):
    pager = []
    if page > 1:
        pager.append(f'<a href="list.html?page={page - 1}">上一页</a>')
    for i in range(1, pages + 1):
        pager.append(f"<span>{i}</span>" if i == page else f'<a href="list.html?page={i}">{i}</a>')
    if page < pages:
        pager.append(f'<a href="list.html?page={page + 1}">下一页</a>')
    rows = "\n".join(dept_row(i) for i in items)
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>部门信息公开年报_东江市青石区人民政府门户网站</title>
</head>
<body>
{NAV}
<div class="position">您现在的位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 部门信息公开年报</div>
<table class="list" width="100%">
{rows}
</table>
<div class="pager">共{pages}页 {' '.join(pager)}</div>
<div class="footer">版权所有：东江市青石区人民政府</div>
</body>
</html>
"""


def pdf_bytes(text):
    """A small but valid one-page PDF (ASCII text: CJK would need an embedded font)."""
    content = f"BT /F1 14 Tf 72 720 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def write(path, data):
    full = os.path.join(SITE, path.lstrip("/"))
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "wb") as f:
        f.write(data)


def main():
    if os.path.isdir(SITE):
        shutil.rmtree(SITE)
    manifest = {"redirects": {}, "headers": {}, "versions": {}, "queryPages": {}}
    expected = []
    by_id = {r["id"]: r for r in REPORTS}

    for r in REPORTS:
        versions = [1, 2] if r.get("changes") else [1]
        for version in versions:
            if r["format"] in ("2021", "2019"):
                body = body_2019plus(r, version)
            elif r["format"] == "pre2019-table":
                body = body_pre2019_table(r)
            else:
                body = body_narrative(r)
            charset = CHARSET[r["encoding"]]
            html = trs_page(r, body, charset, r.get("attachment"))
            data = html.encode("gbk" if r["encoding"] == "gbk" else "utf-8")
            path = r["path"] if version == 1 else r["path"].replace(".html", ".v2.html")
            write(path, data)
            if version == 2:
                manifest["versions"][r["path"]] = path
        if r["encoding"] == "gbk":
            # The lying header: a GBK page the server labels UTF-8 (its meta tag tells the truth).
            manifest["headers"][r["path"]] = "text/html; charset=utf-8" if r.get("lying_header") else "text/html; charset=GBK"
        if r.get("attachment"):
            folder = r["path"].rsplit("/", 1)[0]
            write(f"{folder}/{r['attachment']}", pdf_bytes(f"Qingshi District {r['year']} government information disclosure annual report"))
        if r.get("via_redirect"):
            manifest["redirects"][r["via_redirect"]] = r["path"]

        entry = dict(id=r["id"], url=r["path"], listedAs=r.get("via_redirect", r["path"]), agency=r["agency"], year=r["year"],
                     format=r["format"], encoding=r["encoding"], title=r["title"], linkDate=r["date"])
        if r.get("lying_header"):
            entry["servedContentType"] = "text/html; charset=utf-8"
        if r.get("attachment"):
            entry["attachment"] = r["path"].rsplit("/", 1)[0] + "/" + r["attachment"]
        if r.get("changes"):
            entry["changesInVersion2"] = True
        entry["metrics"] = metrics(r)
        expected.append(entry)

    # The district government's TRS column: three pages written by createPageHTML, newest first.
    gov = [r for r in REPORTS if r["agency"] == GOV]
    noise_top = [
        '<li><a href="/zwgk/zfxxgknb/202212/t20221205_3022.html" title="关于做好2022年政府信息公开工作年度报告编制和发布工作的通知">关于做好2022年政府信息公开工作年度报告编制和发...</a><span class="date">2022-12-05</span></li>',
        '<li><a href="/zwgk/zfgzbg/202301/t20230110_3031.html" title="2023年东江市青石区政府工作报告">2023年东江市青石区政府工作报告</a><span class="date">2023-01-10</span></li>',
    ]
    page1 = [listing_item(r) for r in gov[0:3]] + noise_top + [listing_item(gov[3])]
    page2 = [listing_item(gov[4]), listing_item(gov[5]),
             '<li><a href="/zwgk/zfxxgknb/201504/t20150410_2455.html" title="关于2014年政府信息公开工作要点落实情况的函">关于2014年政府信息公开工作要点落实情况的函</a><span class="date">2015-04-10</span></li>',
             listing_item(gov[6])]
    # The 2016 report is listed under its old address, which now redirects; a draft folder robots.txt disallows;
    # a report on another host the portal does not allow.
    page3 = [listing_item(gov[7], href=gov[7]["via_redirect"]), listing_item(gov[8]),
             '<li><a href="/zwgk/zfxxgknb/nbgl/t20130301_0999.html" title="东江市青石区人民政府2012年政府信息公开工作年度报告">东江市青石区人民政府2012年政府信息公开...</a><span class="date">2013-03-01</span></li>',
             '<li><a href="http://www.dongjiang.example.gov.cn/zwgk/nb/t20230120_1.html" title="东江市人民政府2022年政府信息公开工作年度报告">东江市人民政府2022年政府信息公开工作年度报告</a><span class="date">2023-01-20</span></li>']
    for i, items in enumerate((page1, page2, page3)):
        name = "index.html" if i == 0 else f"index_{i}.html"
        write(f"/zwgk/zfxxgknb/{name}", trs_listing(items, i, 3).encode("utf-8"))
    # The disallowed draft exists (robots.txt keeps the crawler out, not the server).
    write("/zwgk/zfxxgknb/nbgl/t20130301_0999.html", "<html><head><meta charset=\"utf-8\"><title>草稿</title></head><body><p>内部草稿，请勿抓取。</p></body></html>".encode("utf-8"))

    # The departments' column: list.html?page=N with 下一页 links.
    dept = [r for r in REPORTS if r["agency"] != GOV]
    dept_pages = [[listing_item(r) for r in dept[0:3]], [listing_item(r) for r in dept[3:]]]
    for i, items in enumerate(dept_pages, 1):
        path = f"/zwgk/bmxxgknb/list.page{i}.html"
        write(path, dept_listing(items, i, len(dept_pages)).encode("utf-8"))
        manifest["queryPages"][f"/zwgk/bmxxgknb/list.html?page={i}"] = path
    manifest["queryPages"]["/zwgk/bmxxgknb/list.html"] = "/zwgk/bmxxgknb/list.page1.html"

    write("/robots.txt", b"# Sample portal robots.txt\nUser-agent: *\nDisallow: /zwgk/zfxxgknb/nbgl/\nDisallow: /search/\n\nUser-agent: BadBot\nDisallow: /\n")
    write("/index.html", f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>东江市青石区人民政府门户网站</title></head>
<body>{NAV}<p>东江市青石区人民政府门户网站（示例站点，供 Gongkai 测试与演示使用）。</p>
<ul><li><a href="/zwgk/zfxxgknb/index.html">政府信息公开年报</a></li><li><a href="/zwgk/bmxxgknb/list.html?page=1">部门信息公开年报</a></li></ul></body></html>
""".encode("utf-8"))

    with open(os.path.join(HERE, "site.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=2, sort_keys=True)
        f.write("\n")
    with open(os.path.join(HERE, "EXPECTED.json"), "w", encoding="utf-8") as f:
        json.dump({
            "about": "The sample portal's report pages and the figures written into them (canonical keys of DOMAIN.md; "
                     "applicant columns of table 3 as key:column). URLs are paths on the sample portal server. "
                     "Start URLs: /zwgk/zfxxgknb/index.html (TRS, createPageHTML, 3 pages) and "
                     "/zwgk/bmxxgknb/list.html?page=1 (?page=N with 下一页, 2 pages).",
            "startUrls": ["/zwgk/zfxxgknb/index.html", "/zwgk/bmxxgknb/list.html?page=1"],
            "ignoredLinks": ["/zwgk/zfxxgknb/202212/t20221205_3022.html", "/zwgk/zfgzbg/202301/t20230110_3031.html",
                             "/zwgk/zfxxgknb/201504/t20150410_2455.html"],
            "robotsDisallowed": ["/zwgk/zfxxgknb/nbgl/t20130301_0999.html"],
            "offHost": ["http://www.dongjiang.example.gov.cn/zwgk/nb/t20230120_1.html"],
            "reports": expected,
        }, f, ensure_ascii=False, indent=2)
        f.write("\n")


def metrics(r):
    if r["format"] in ("2021", "2019"):
        t = r["table2"]
        m = {}
        if r["format"] == "2021":
            for key, label in (("rules", "proactive.rules"), ("normative", "proactive.normative_docs")):
                issued, repealed, in_force = t[key]
                m[f"{label}.issued"] = issued
                m[f"{label}.repealed"] = repealed
                m[f"{label}.in_force"] = in_force
            m["proactive.licensing.decisions"] = t["licensing"]
            m["proactive.penalties.decisions"] = t["penalties"]
            m["proactive.enforcement.decisions"] = t["enforcement"]
            m["proactive.fees.amount_wan_yuan"] = t["fees_wan"]
            m["fees.amount_yuan"] = r["fees_yuan"]
        else:
            m["proactive.rules.issued"] = t["rules"][0]
            m["proactive.normative_docs.issued"] = t["normative"][0]
            m["proactive.licensing.decisions"] = t["licensing"][2]
            m["proactive.penalties.decisions"] = t["penalties"][2]
            m["proactive.enforcement.decisions"] = t["enforcement"][2]
        _, t3 = t3_metrics(r)
        m.update(t3)
        m.update(t4_metrics(r))
        return m
    n = r["narrative"]
    m = {"proactive.total_items": n["proactive"], "requests.new_received": n["received"],
         "requests.granted": n["granted"], "requests.already_public": n["already_public"],
         "requests.denied_total": n["denied"], "requests.not_this_agency": n["not_this_agency"],
         "requests.processed_total": n["received"]}
    # Only what the text states: a zero the narrative leaves out is absent, not 0.
    if n["partial"] or r["format"] == "pre2019-table":
        m["requests.partially_granted"] = n["partial"]
    if n["not_exist"] or not n.get("chinese_numerals"):
        m["requests.not_exist"] = n["not_exist"]
    if r["format"] == "pre2019-table":
        m["proactive.normative_docs.issued"] = n["normative_made"]
        m["proactive.normative_docs.published"] = n["normative"]
        for k, v in n["by_channel"].items():
            m[f"proactive.channel.{k}"] = v
        m["requests.by_channel.in_person"] = n["in_person"]
        m["requests.by_channel.fax"] = n["fax"]
        m["requests.by_channel.online"] = n["online"]
        m["requests.by_channel.mail"] = n["mail"]
        m["requests.completed.on_time"] = n["on_time"]
        m["requests.completed.extended"] = n["extended"]
        m["requests.denied.state_secret"] = n["denied_split"].get("state_secret", 0)
        m["requests.denied.personal_privacy"] = n["denied_split"].get("privacy", 0)
        m["requests.asked_to_amend"] = n["correction"]
        m["requests.referred_elsewhere"] = n["other_route"]
        for prefix, values in (("reconsideration", n["reconsideration"]), ("litigation", n["litigation"])):
            m[f"{prefix}.total"], m[f"{prefix}.upheld"], m[f"{prefix}.corrected"], m[f"{prefix}.other"] = values
        m["complaints.total"] = n["complaints"]
        m["fees.amount_yuan"] = 0
    else:
        m["proactive.normative_docs.issued"] = n["normative"]
        if not n.get("chinese_numerals"):
            m["requests.by_applicant.natural_person"] = n["natural"]
            m["requests.by_applicant.legal_total"] = n["legal"] + n["other_org"]
        m["reconsideration.total"] = n["reconsideration"]
        m["litigation.total"] = n["litigation"]
        if n.get("consultations") is not None:
            m["consultations.total"] = n["consultations"]
        m["fees.amount_yuan"] = 0
    return m


if __name__ == "__main__":
    main()
