"""A small client of 国家法律法规数据库 (flk.npc.gov.cn): the list of laws by category and
公布日期, and a law's official .docx.

The database's pages call a JSON service under /law-search (the shape learnt from public code
that reads it; there is no published API, so every field read here is checked and a row that
lacks one is reported, not guessed):

- POST /law-search/search/list with the filters (公布日期 range `gbrq`, category codes
  `flfgCodeId`, 时效性 codes `sxx`, title words `searchContent`) and a page (`pageNum`,
  `pageSize`) answers {"total": n, "rows": [{"bbbs", "title", "flxz", "gbrq", "sxrq", "sxx",
  "zdjgName"}, …]};
- GET /law-search/download/pc?format=docx&bbbs=… answers {"data": {"url": …}}, a short-lived
  signed address of the .docx.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import httpx

from ingest.sync.official import OfficialLaw, official_title
from ingest.tables import limits
from pufa.errors import InputError

CATEGORY_CODES: dict[str, tuple[int, ...]] = {
    "法律": (100, 102),
    "行政法规": (210,),
    "监察法规": (220,),
    "地方性法规": (230,),
    "司法解释": (320, 330, 340),
}
"""Our level → the database's category codes (宪法 is listed with 法律)."""
STATUS_CODES = {1: "已废止", 2: "已修改", 3: "现行有效", 4: "尚未生效"}
"""The database's 时效性 codes → pufa.vocab.STATUSES."""
REPEALED_CODE = 1
PAGE_SIZE = 100
_HIGHLIGHT = re.compile(r"</?em[^>]*>")
_WEB_ADDRESS = re.compile(r"https?://[^/\s?#]+(?:[/?#]\S*)?$")
_DATE = re.compile(r"^(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})")


@dataclass(frozen=True, slots=True)
class ListPage:
    rows: list[OfficialLaw]
    total: int
    problems: list[str]
    """Rows that could not be read, each with why."""


class FlkClient:
    """The database's list and documents, over an httpx client (its transport, proxy and timeout
    are the caller's: ingest.sync.run.http_client)."""

    source = "flk"

    def __init__(self, http: httpx.Client, base_url: str):
        self.http = http
        self.base_url = web_address(base_url, "PUFA_FLK_BASE_URL").rstrip("/")

    def list_page(
        self, level: str, page: int, *, since: str | None = None, until: str | None = None,
        repealed: bool = False, words: str = "",
    ) -> ListPage:
        """One page of the laws of a level published between two dates (ISO, inclusive), or of
        those repealed (any date); `words` narrows to titles holding them (a province's name)."""
        body = {
            "searchRange": 1, "searchContent": words, "searchType": 2, "sxrq": [],
            "gbrq": [since, until] if since and until else [], "gbrqYear": [],
            "flfgCodeId": list(CATEGORY_CODES[level]), "zdjgCodeId": [],
            "sxx": [REPEALED_CODE] if repealed else [], "xgzlSearch": False,
            "orderByParam": {"order": "1", "sort": "gbrq"}, "pageNum": page, "pageSize": PAGE_SIZE,
        }
        answer = json_object(self.http.post(f"{self.base_url}/law-search/search/list", json=body))
        rows, problems = [], []
        for row in answer.get("rows") or []:
            try:
                rows.append(self._official(row, level))
            except (KeyError, TypeError, ValueError) as error:
                problems.append(f"{row.get('title') if isinstance(row, dict) else row!r}：{error}")
        return ListPage(rows=rows, total=int(answer.get("total") or 0), problems=problems)

    def pages(self, level: str, first_page: int = 1, **filters) -> Iterator[tuple[int, ListPage]]:
        """Every page from `first_page` on, with its number, until the rows run out."""
        page = first_page
        while True:
            found = self.list_page(level, page, **filters)
            yield page, found
            if not found.rows and not found.problems or page * PAGE_SIZE >= found.total:
                return
            page += 1

    def docx(self, law: OfficialLaw) -> bytes:
        """The official .docx of a law's row."""
        answer = json_object(self.http.get(f"{self.base_url}/law-search/download/pc",
                                     params={"format": "docx", "bbbs": law.source_id}))
        address = (answer.get("data") or {}).get("url")
        if not address:
            raise InputError("the database gave no document address", source=law.title)
        with self.http.stream("GET", address) as response:
            response.raise_for_status()
            content = bytearray()
            for chunk in response.iter_bytes():
                content += chunk
                if len(content) > limits.MAX_FILE_BYTES:
                    raise InputError(f"the document is over {limits.MAX_FILE_BYTES >> 20} MB", source=law.title)
        return bytes(content)

    def _official(self, row: dict, level: str) -> OfficialLaw:
        status = STATUS_CODES.get(int(row["sxx"]))
        if status is None:
            raise ValueError(f"unknown 时效性 code {row['sxx']!r}")
        title = official_title(_HIGHLIGHT.sub("", row["title"]))
        if not title:
            raise ValueError("no title")
        return OfficialLaw(
            source=self.source, source_id=str(row["bbbs"]), title=title, level=level, status=status,
            promulgated=iso_date(row.get("gbrq")), effective=iso_date(row.get("sxrq")),
            issuer=(row.get("zdjgName") or None),
        )


def web_address(address: str, setting: str) -> str:
    """The address a setting gives, if it is an http(s) one (flk.npc.gov.cn without https:// is not)."""
    if not _WEB_ADDRESS.match(address):
        raise InputError(f"not an http:// or https:// address: {address!r}", source=setting)
    return address


def iso_date(written: object) -> str | None:
    """2025-06-27, 2025.6.27 or 2025年6月27日 → 2025-06-27; None for anything else."""
    match = _DATE.match(str(written or "").strip())
    return f"{match[1]}-{int(match[2]):02d}-{int(match[3]):02d}" if match else None


def json_object(response: httpx.Response) -> dict:
    """A successful answer's JSON object; anything else an error naming the address."""
    response.raise_for_status()
    try:
        answer = response.json()
    except ValueError as error:
        raise InputError(f"the answer is not JSON ({error})", source=str(response.url)) from error
    if not isinstance(answer, dict):
        raise InputError("the answer is not a JSON object", source=str(response.url))
    return answer
