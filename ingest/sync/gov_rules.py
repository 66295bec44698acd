"""A small client of 国家规章库 (www.gov.cn/zhengce/xxgk/gjgzk): 部门规章 by 发布日期, each with
its text.

Its pages search through a service of www.gov.cn that wants the key the pages themselves send
(header `athenaappkey`; Settings.gov_rules_app_key). The shape, learnt from public code that
reads it: POST a search of table `t_1860c735d31` (`code` 18258ab0ac9) filtered by 规章类型,
sorted by 发布日期 newest first, with the fields wanted; it answers
{"result": {"data": {"list": [{field: value, …}], "pager": {"total": n}}}} (some answers put the
list straight in `data`). The database holds rules in force only, so it tells what is new or
revised, never what was repealed.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import httpx

from ingest.sync.flk import ListPage, iso_date, json_object, web_address
from ingest.sync.official import OfficialLaw, OfficialText, official_title, text_from_lines
from pufa.errors import InputError

LEVEL = "部门规章"
TITLE, KIND, DATE, ISSUER, CONTENT, ADDRESS = (
    "f_202321360426", "f_202321807875", "f_202321915922", "f_202328191239", "f_202321758948", "doc_pub_url")
"""The service's names of the fields read: title, 规章类型, 发布日期, 制定机关, text (HTML), page address."""
PAGE_SIZE = 20
_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|div|h\d|li|tr)>|<br\s*/?>", re.IGNORECASE)


class GovRulesClient:
    source = "gov_rules"

    def __init__(self, http: httpx.Client, url: str, app_key: str):
        self.http = http
        self.url = web_address(url, "PUFA_GOV_RULES_URL")
        self.app_key = app_key
        self._texts: dict[str, str] = {}

    def pages(self, first_page: int = 1, *, since: str) -> Iterator[tuple[int, ListPage]]:
        """Pages of 部门规章 newest first, from `first_page` on, until one reaches back before `since`."""
        page = first_page
        while True:
            found = self.list_page(page)
            fresh = [row for row in found.rows if (row.promulgated or "") >= since]
            yield page, ListPage(rows=fresh, total=found.total, problems=found.problems)
            if len(fresh) < len(found.rows) or not found.rows or page * PAGE_SIZE >= found.total:
                return
            page += 1

    def list_page(self, page: int) -> ListPage:
        body = {
            "code": "18258ab0ac9", "tableName": "t_1860c735d31", "granularity": "ALL", "trackTotalHits": "true",
            "searchFields": [{"fieldName": KIND, "searchWord": LEVEL, "searchType": "TERM"}],
            "sorts": [{"sortField": DATE, "sortOrder": "DESC"}],
            "resultFields": [TITLE, KIND, DATE, ISSUER, CONTENT, ADDRESS], "pageSize": PAGE_SIZE, "pageNo": page,
        }
        answer = json_object(self.http.post(self.url, json=body, headers={
            "athenaappkey": self.app_key, "athenaappname": "%E8%A7%84%E7%AB%A0%E5%BA%93"}))
        result = answer.get("result") or {}
        code = str((answer.get("resultCode") or {}).get("code", "200"))
        if code != "200":
            raise InputError(f"国家规章库 refused the search (code {code}): is PUFA_GOV_RULES_APP_KEY current?",
                             source=self.url)
        data = result.get("data") or {}
        items = data if isinstance(data, list) else data.get("list") or []
        total = result.get("totalCount", 0) if isinstance(data, list) else (data.get("pager") or {}).get("total", 0)
        rows, problems = [], []
        for item in items:
            try:
                rows.append(self._official(item))
            except (KeyError, TypeError, ValueError) as error:
                problems.append(f"{_field(item, TITLE) if isinstance(item, dict) else item!r}：{error}")
        return ListPage(rows=rows, total=int(total or 0), problems=problems)

    def text(self, law: OfficialLaw) -> OfficialText:
        """The rule's text, from the list answer that named it (the service sends it with the row)."""
        return text_from_lines(law, html_lines(self._texts.get(law.source_id, "")))

    def _official(self, item: dict) -> OfficialLaw:
        title = official_title(_TAG.sub("", _field(item, TITLE)))
        if not title:
            raise ValueError("no title")
        address = _field(item, ADDRESS) or title
        self._texts[address] = _field(item, CONTENT)
        return OfficialLaw(source=self.source, source_id=address, title=title, level=LEVEL, status="现行有效",
                           promulgated=iso_date(_field(item, DATE)), issuer=_field(item, ISSUER) or None)


def html_lines(markup: str) -> list[str]:
    """The text of an HTML fragment, one line per paragraph."""
    text = html.unescape(_TAG.sub("", _BLOCK_END.sub("\n", markup)))
    return [line.strip().replace("\u3000", " ").strip() for line in text.splitlines() if line.strip()]


def _field(item: dict, name: str) -> str:
    value = item.get(name, "")
    if isinstance(value, list):
        value = value[0] if value else ""
    return str(value or "")
