"""What the audit flagged on a checklist row, in the clerk's words. The readers record codes
(missing:<question>:<why>, or <kind>:<text it could not resolve>) because the API and the CLI share
them; the pages, the xlsx and csv downloads and the Word documents say them through `finding_words`."""

from __future__ import annotations

from nlp.citations import NOT_LAW_KINDS

QUESTIONS = {"what": "普什么（法律法规）", "whom": "对谁普（普法对象）", "how": "怎么普（普法方式）",
             "when": "何时普（时间节点）", "who": "谁去普（责任科室/责任人）"}
"""The five questions a checklist row answers."""
MISSING_WHY = {"no_column": "清单没有这一列", "empty": "未填写"}
UNRESOLVED_KINDS = {"law": "法律法规", "audience": "普法对象", "method": "普法方式", "timing": "时间节点", "partner": "配合单位"}


def finding_word(code: str) -> str:
    """One code as a clerk reads it: missing:whom:no_column → 缺少对谁普（普法对象）：清单没有这一列."""
    kind, _, rest = code.partition(":")
    question, _, why = rest.partition(":")
    if kind == "missing" and question in QUESTIONS:
        return f"缺少{QUESTIONS[question]}" + (f"：{MISSING_WHY[why]}" if why in MISSING_WHY else "")
    if kind in UNRESOLVED_KINDS:
        return f"{UNRESOLVED_KINDS[kind]}“{rest}”无法识别"
    if kind in NOT_LAW_KINDS:
        return f"非法律法规（{NOT_LAW_KINDS[kind]}）：{rest}"
    return "其他问题"


def finding_words(codes: list[str]) -> str:
    """Codes as one line of Chinese, each said once."""
    return "；".join(dict.fromkeys(finding_word(code) for code in codes))
