"""Jinja2 set-up for the pages: autoescaped templates, Chinese labels for the services' codes, paging links.

The services answer in ids and English codes (duty, lead, missing:who:empty) because the API and
the CLI share them; the words a civil servant reads are chosen here, in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from fastapi import Request, Response
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from api.deps import csrf_token, set_csrf_cookie
from domain.models import ItemEvidencePublic, KeyDatePublic
from pufa.workflow import ROLE_NAMES, STATE_NAMES

TEMPLATES_DIR = Path(__file__).parent / "templates"

QUESTIONS = {"what": "普什么（法律法规）", "whom": "对谁普（普法对象）", "how": "怎么普（普法方式）",
             "when": "何时普（时间节点）", "who": "谁去普（责任科室/责任人）"}
ARTICLE_ROLES = {"duty": "职责", "power": "职权", "mention": "提及"}
UNIT_ROLES = {"lead": "牵头单位", "co": "配合单位"}
ANCHOR_KINDS = {"key_date": "重要节点", "law": "法律法规", "audience": "普法对象"}
SHARED_KINDS = {"law": "共同普及的法律法规", "audience": "共同面向的普法对象"}
UNRESOLVED_KINDS = {"law": "法律法规", "audience": "普法对象", "method": "普法方式", "timing": "时间节点", "partner": "配合单位"}

LEAD_REASONS = [
    (re.compile(r"its department type (?P<types>.+) is named by (?P<n>\d+) duty article\(s\) of the current version "
                r"\((?P<labels>.*)\)"),
     "其部门类型（{types}）被现行版本 {n} 条职责条款点名：{labels}"),
    (re.compile(r"it declared 牵头: its checklist row (?P<row>\d+) \((?P<source>.*)\) names partner units"),
     "其清单第 {row} 行（{source}）列明了配合单位，自报牵头"),
    (re.compile(r"its department types are named by (?P<n>\d+) article\(s\), none stating a duty"),
     "其部门类型被 {n} 条条款提及，但均非职责条款"),
    (re.compile(r"no article names these units' department types and none declared 牵头; it has the most rows "
                r"for it \((?P<n>\d+), ties broken by name\)"),
     "没有条款点名这些单位的部门类型，也无单位自报牵头；该单位列入的条目最多（{n} 条，同数按名称排序）"),
]


def lead_reason(reason: str) -> str:
    """The suggested lead's reason (sharing.lead_reason writes it in English) in Chinese; unknown parts kept as written."""
    parts = []
    for part in reason.split("; "):
        for pattern, chinese in LEAD_REASONS:
            if matched := pattern.fullmatch(part):
                part = chinese.format(**matched.groupdict())
                break
        parts.append(part)
    return "；".join(parts)


def finding_codes(codes: list[str]) -> str:
    """The audit's codes (missing:<question>:<why>, or <kind>:<unresolved text>) as one line of Chinese."""
    shown = []
    for code in codes:
        kind, _, rest = code.partition(":")
        question = rest.split(":")[0]
        if kind == "missing" and question in QUESTIONS:
            shown.append(f"缺少{QUESTIONS[question]}")
        elif kind in UNRESOLVED_KINDS:
            shown.append(f"{UNRESOLVED_KINDS[kind]}“{rest}”无法识别")
        else:
            shown.append(code)
    return "；".join(shown)


def evidence(item: ItemEvidencePublic) -> str:
    """Where a claim was read: the file and row as the unit submitted it."""
    where = item.source or item.checklist_id
    return f"{where}（第 {item.row} 行）" if item.row is not None else where


def key_date_label(key_date: KeyDatePublic) -> str:
    name = key_date.name or key_date.id
    if key_date.month and key_date.day:
        return f"{name}（{key_date.month}·{key_date.day}）"
    if key_date.month and name != f"{key_date.month}月":
        return f"{name}（{key_date.month}月）"
    return name


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value:g}%"


@dataclass(frozen=True)
class Page:
    """One page of a long list, numbered from 1 in the query parameter `param`."""

    param: str
    number: int
    size: int

    @property
    def skip(self) -> int:
        return (self.number - 1) * self.size

    def pages(self, count: int) -> int:
        return max(1, -(-count // self.size))


def page_url(request: Request, param: str, number: int) -> str:
    """This page's address with one parameter changed, the others kept (a second pager, the filters)."""
    params = dict(request.query_params)
    params[param] = str(number)
    return f"{request.url.path}?{urlencode(params)}"


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES_DIR), autoescape=select_autoescape(["html"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(lead_reason=lead_reason, finding_codes=finding_codes, evidence=evidence,
                       key_date_label=key_date_label, percent=percent)
    env.globals.update(page_url=page_url, QUESTIONS=QUESTIONS, ARTICLE_ROLES=ARTICLE_ROLES, UNIT_ROLES=UNIT_ROLES,
                       ANCHOR_KINDS=ANCHOR_KINDS, SHARED_KINDS=SHARED_KINDS)
    return env


templates = Jinja2Templates(env=_environment())


def render(request: Request, template: str, status_code: int = 200, **context: object) -> HTMLResponse:
    """A page with who is signed in (for the menu) and the CSRF token its forms send back; a visitor
    without a CSRF cookie gets one with the page."""
    token = csrf_token(request)
    fresh = None
    if token is None:
        fresh = Response()
        token = set_csrf_cookie(request, fresh)
    actor = getattr(request.state, "actor", None)
    response = templates.TemplateResponse(request, template, {
        "actor": actor, "csrf_token": token, "ROLE_NAMES": ROLE_NAMES, "STATE_NAMES": STATE_NAMES, **context,
    }, status_code=status_code)
    if fresh is not None:
        for name, value in fresh.headers.items():
            if name == "set-cookie":
                response.headers.append("set-cookie", value)
    return response
