"""Jinja2 set-up for the pages: autoescaped templates, Chinese labels for the services' codes, paging links.

The services answer in ids and English codes (duty, lead, missing:who:empty) because the API and
the CLI share them; the words a civil servant reads are chosen here, in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from fastapi import Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from api.deps import csrf_token, set_csrf_cookie
from domain.assessment.models import IssuedPromptsPublic
from domain.base.asked import working_year
from domain.base.briefs import source_label, where_read
from domain.base.documents import chinese_date, chinese_datetime
from domain.base.findings import QUESTIONS, finding_words
from domain.catalogue.campaigns import ANCHOR_KINDS, key_date_label
from domain.catalogue.models import LeadPublic, RelevancePublic, SignalPublic
from domain.catalogue.relevance import TIER_MARKS
from ingest.activities.fields import FIELD_NAMES
from ingest.checklists.edit import HEADERS as ROW_FIELDS
from pufa.workflow import EVIDENCE_NAMES, PUBLIC_MENU, ROLE_NAMES, STATE_NAMES, VISITOR_MENU

TEMPLATES_DIR = Path(__file__).parent / "templates"

ARTICLE_ROLES = {"duty": "职责", "power": "职权", "mention": "提及"}
UNIT_ROLES = {"lead": "牵头单位", "co": "配合单位"}
SHARED_KINDS = {"law": "共同普及的法律法规", "audience": "共同面向的普法对象"}
TYPE_SOURCES = {"written": "登记表填写", "name": "按单位名称推定", "alias": "按简称推定", "bureau": "司法局更正"}
"""Where a unit's department type came from (ingest.records.ActingType.via)."""
MEDIA_NAMES = {"application/pdf": "PDF", "image/png": "PNG 图片", "image/jpeg": "JPEG 图片"}
"""The kinds of file a signed copy or evidence may be, as a clerk names them."""

DONE = {
    "created": "草稿已建立，请逐条填写或修改，上传签字盖章件后报送。",
    "uploaded": "已读取上传的文件并生成草稿，请逐条核对。",
    "saved": "已保存。", "added": "已添加条目。", "deleted": "已删除条目。",
    "attached": "签字盖章件已上传。", "commented": "意见已添加。",
    "revised": "已新建修订稿，请按意见修改后重新报送。",
    "taken_over": "已接手：普法办代为录入的清单已撤回为草稿，请修改并上传签字盖章件后重新报送。",
    "submit": "已报送，等待普法办审核。", "resubmit": "已重新报送，等待普法办审核。",
    "withdraw": "已撤回为草稿，可以修改后重新报送。", "return": "已退回修改，单位将收到意见。",
    "approve": "已审核通过，下一步：备案。", "file": "已备案，下一步：向社会公布。", "publish": "已向社会公布。",
    "planned": "年度安排已保存，各单位页面将以此年度为工作年度。",
    "recorded": "活动已保存，佐证材料等待普法办审核。", "changed": "活动已修改。", "removed": "活动已删除。",
    "evidence_added": "佐证材料已上传，等待普法办审核。",
    "accept": "佐证材料已采纳。", "reject": "佐证材料未予采纳，单位将看到理由。",
    "accepted_chosen": "所选活动的佐证材料已采纳。",
    "computed": "已计算出新的考核版本（草稿），核对后可向社会公布。", "published": "该版考核结果已向社会公布。",
    "scored": "评分已保存，重新计算后计入考核结果。",
    "issued": "已下达普法提示 {count} 份，见下表，可逐份打印或发送。",
    "issued_skipping": "已下达普法提示 {count} 份，见下表；另有 {skipped} 项此前已下达或属本人所在单位，未重复下达。",
}
"""The message a page shows after a form did its work (post/redirect/get carries its code in `done`, and
the figures a message names, such as {count}, as query parameters of their own)."""
UNIT_NEEDS = {"unsubmitted": "未报送", "failing": "考核不合格", "prompts": "普法提示未办结"}
"""Why the bureau follows a unit up (domain.assessment.follow_up), as the dashboard's filter names it."""
UNRESOLVED_KINDS = {"law": "法律法规", "audience": "普法对象", "method": "普法方式", "timing": "时间节点", "partner": "配合单位"}


def lead_reason(lead: LeadPublic) -> str:
    """Why the suggested lead leads, in Chinese, from the answer's fields (strongest ground first)."""
    reasons = []
    if lead.principal_articles:
        reasons.append(f"法律{'、'.join(lead.principal_articles)}规定其部门类型（{'、'.join(lead.principal_types)}）为主管部门")
    elif lead.principal_issuers:
        reasons.append(f"该法规由{'、'.join(lead.principal_issuers)}发布，其部门类型（{'、'.join(lead.principal_types)}）为主管部门")
    elif lead.principal_implements:
        reasons.append(f"该法规实施《{'》《'.join(lead.principal_implements)}》，其部门类型（{'、'.join(lead.principal_types)}）"
                       "为该法主管部门")
    if lead.duty_articles:
        more = "等" if lead.duty_article_count > len(lead.duty_articles) else ""
        reasons.append(f"其部门类型（{'、'.join(lead.duty_types)}）被现行版本 {lead.duty_article_count} 条职责条款点名："
                       f"{'、'.join(lead.duty_articles)}{more}")
    if lead.declared_row:
        reasons.append(f"其清单第 {lead.declared_row.row} 行（{source_label(lead.declared_row.source)}）"
                       "列明了配合单位，自报牵头")
    if not reasons and lead.articles:
        reasons.append(f"其部门类型被 {lead.articles} 条条款提及，但均非职责条款")
    if not reasons:
        reasons.append(f"没有条款点名这些单位的部门类型，也无单位自报牵头；该单位列入的条目最多（{lead.rows} 条，同数按名称排序）")
    return "；".join(reasons)


def relevance_label(relevance: RelevancePublic | None) -> str:
    """主管 / 相关 / 提及 and the evidence behind it, as a civil servant reads it (a rule with no text: the law it
    implements, whose tier it takes)."""
    if relevance is None:
        return "未见点名本单位部门类型的条文"
    best = relevance.types[0]
    label = TIER_MARKS[relevance.tier]
    if best.implements:
        return f"{label}（实施《{best.implements}》，本法规无正文）"
    if relevance.tier == "principal":
        grounds = [f"{'、'.join(best.principal_articles)}以{best.department_type or best.department_type_id}为主管部门"
                   ] if best.principal_articles else []
        grounds += [f"发布机关：{'、'.join(best.issuers)}"] if best.issuers else []
        return f"主管（{'；'.join(grounds)}）"
    return f"{label}（{relevance.acting_articles} 条赋予职责或职权，{relevance.named_articles} 条点名）"


def weighed_signals(signals: list[SignalPublic]) -> list[SignalPublic]:
    """The signals that moved a law up or down (value × weight not zero), the strongest first."""
    return sorted((signal for signal in signals if signal.value * signal.weight), key=lambda s: -abs(s.value * s.weight))


def rubric_params(params: dict[str, object]) -> str:
    """A rubric item's parameters as the rubric's reader says them (the rules' names are the program's)."""
    said = {
        "late_points": lambda v: f"逾期报送得 {v:g} 分",
        "tiers": lambda v: "计入" + "、".join(TIER_MARKS.get(t, t) for t in v) + "的法律法规",
        "target": lambda v: f"{v} 次得满分",
        "per": lambda v: f"每缺一项扣 {v:g} 分",
        "required": lambda v: f"每年应开展 {v} 次",
        "min_rows": lambda v: f"清单不足 {v} 条不得分",
        "least_laws": lambda v: f"无主管法律的单位列入 {v} 部得满分",
    }
    return "；".join(said[key](value) for key, value in params.items() if key in said)


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

    def links(self, count: int, near: int = 2) -> list[int | None]:
        """The page numbers a pager links to: the first, the last and those near this one (None: a gap)."""
        last = self.pages(count)
        wanted = sorted({1, last, *range(max(1, self.number - near), min(last, self.number + near) + 1)})
        shown: list[int | None] = []
        for number in wanted:
            if shown and number - (shown[-1] or 0) > 1:
                shown.append(None)
            shown.append(number)
        return shown


def page_url(request: Request, param: str, number: int, anchor: str = "") -> str:
    """This page's address with one parameter changed, the others kept (a second pager, the filters),
    back at the list it pages (`anchor`, its section's id) rather than the top of the page."""
    params = dict(request.query_params)
    params[param] = str(number)
    return f"{request.url.path}?{urlencode(params)}{'#' + anchor if anchor else ''}"


def filter_url(request: Request, param: str, value: str | None, pager: str, anchor: str = "") -> str:
    """This page's address with a filter set (None: cleared) and its list back on its first page, at
    the list (`anchor`)."""
    params = {key: val for key, val in request.query_params.items() if key not in (param, pager)}
    if value:
        params[param] = value
    return f"{request.url.path}?{urlencode(params)}{'#' + anchor if anchor else ''}"


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES_DIR), autoescape=select_autoescape(["html"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(lead_reason=lead_reason, relevance_label=relevance_label, weighed_signals=weighed_signals,
                       finding_words=finding_words, evidence=where_read, source_label=source_label,
                       chinese_date=chinese_date, chinese_datetime=chinese_datetime,
                       key_date_label=key_date_label, percent=percent, rubric_params=rubric_params)
    env.globals.update(page_url=page_url, filter_url=filter_url, TYPE_SOURCES=TYPE_SOURCES, TIER_MARKS=TIER_MARKS, UNIT_NEEDS=UNIT_NEEDS, QUESTIONS=QUESTIONS, ARTICLE_ROLES=ARTICLE_ROLES, UNIT_ROLES=UNIT_ROLES,
                       ANCHOR_KINDS=ANCHOR_KINDS, SHARED_KINDS=SHARED_KINDS, FIELD_NAMES=FIELD_NAMES,
                       EVIDENCE_NAMES=EVIDENCE_NAMES,
                       PUBLIC_MENU=PUBLIC_MENU, VISITOR_MENU=VISITOR_MENU, ROW_FIELDS=ROW_FIELDS, MEDIA_NAMES=MEDIA_NAMES)
    return env


templates = Jinja2Templates(env=_environment())


class PageCsrfToken:
    """The CSRF token a page's forms send back, made only if the page has a form that needs it: a page
    without one (most, for a visitor) sets no cookie and embeds nothing of the visitor's, so the
    response cache may keep it for every public visitor."""

    def __init__(self, request: Request):
        self._request = request
        self._token: str | None = None
        self.fresh: Response | None = None
        """The response holding a new CSRF cookie, when the visitor had none."""

    @property
    def used(self) -> bool:
        return self._token is not None

    def __str__(self) -> str:
        if self._token is None:
            self._token = csrf_token(self._request)
            if self._token is None:
                self.fresh = Response()
                self._token = set_csrf_cookie(self._request, self.fresh)
        return self._token


def redirect(path: str, done: str | None = None, anchor: str = "", **figures: int) -> RedirectResponse:
    """Back to a page after a form did its work, with the code of the message that page shows and the
    figures it names."""
    if done in DONE:
        path = f"{path}{'&' if '?' in path else '?'}{urlencode({'done': done, **figures})}"
    return RedirectResponse(path + anchor, status_code=303)


def issued_redirect(year: int, issued: IssuedPromptsPublic) -> RedirectResponse:
    """To the year's 普法提示 after an order issued several, saying how many (and how many it passed over)."""
    if issued.skipped:
        return redirect(f"/prompts?year={year}", "issued_skipping", count=issued.count, skipped=len(issued.skipped))
    return redirect(f"/prompts?year={year}", "issued", count=issued.count)


def done_message(query: dict[str, str]) -> str | None:
    """The message for the `done` code of a page's address, its figures filled in; none when a figure
    it names is missing or not a count (the address may have been typed)."""
    message = DONE.get(query.get("done", ""))
    if message is None or "{" not in message:
        return message
    figures = {name: query.get(name, "") for name in ("count", "skipped")}
    if not all(value.isascii() and value.isdigit() and len(value) <= 6 for value in figures.values() if value):
        return None
    try:
        return message.format(**{name: int(value) for name, value in figures.items() if value})
    except KeyError:
        return None


def render(request: Request, template: str, status_code: int = 200, **context: object) -> HTMLResponse:
    """A page with who is signed in (for the menu) and, if it has forms, the CSRF token they send back
    (a visitor without a CSRF cookie gets one with the page, which is then the visitor's own)."""
    token = PageCsrfToken(request)
    actor = getattr(request.state, "actor", None)
    response = templates.TemplateResponse(request, template, {
        "actor": actor, "csrf_token": token, "ROLE_NAMES": ROLE_NAMES, "STATE_NAMES": STATE_NAMES,
        "working_year": working_year(request.app.state.store),
        "done": done_message(dict(request.query_params)), **context,
    }, status_code=status_code)
    if token.used:
        response.headers["Cache-Control"] = "private, no-cache"
    if token.fresh is not None:
        for name, value in token.fresh.headers.items():
            if name == "set-cookie":
                response.headers.append("set-cookie", value)
    return response
