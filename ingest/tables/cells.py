"""Cell text: cleaned, compacted, and split when a cell holds several values, without breaking
bracketed titles.

A law cell such as ``《中华人民共和国食品安全法》（2021年修正）、《食品安全法实施条例》\\n食品安全法``
holds three citations. Separators are 、 ； ; ， , and line breaks; nothing is split inside
《》 〈〉 （） () 【】 [] or “” quotes, so ``《民法典》（婚姻家庭编、继承编）`` stays whole.
Adjacent titles (``《A》《B》``, ``《A》及《B》``) are separated as well, and a trailing
``第三十五条`` split off by 、 goes back to the law before it.
"""

from __future__ import annotations

import re
import unicodedata

OPEN_TO_CLOSE = {"《": "》", "〈": "〉", "（": "）", "(": ")", "【": "】", "[": "]", "“": "”", "‘": "’", "﹝": "﹞", "〔": "〕"}
CLOSERS = {close: open_ for open_, close in OPEN_TO_CLOSE.items()}
VALUE_SEPARATORS = frozenset("、；;，,\n\r/／|｜")
LAW_SEPARATORS = frozenset("、；;，,\n\r|｜")
"""Laws are not split on / because titles such as 《…（试行）/（修订）》 occur; values are."""

_NUMBERING = re.compile(
    r"^\s*(?:\d{1,3}|[一二三四五六七八九十]{1,3}|[①-⑳])\s*[.．、)）](?![\d·])\s*"  # 1. 2、 三、 ①)
    r"|^\s*[（(]\s*(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*[)）]\s*"  # （1） （一）
    r"|^\s*[①-⑳]\s*"  # ①
)
_ARTICLE_ONLY = re.compile(r"^(?:第[零〇一二三四五六七八九十百千0-9]+条|第[零〇一二三四五六七八九十百千0-9]+[款项章节编])")
_TRAILING_ETC = re.compile(r"(?<=[》法典例定则法令）)])等(?:相关|有关|配套)?(?:法律|法规|规章|条例|规定|规范性文件|党内法规|内容|和|及)*$")
_JOINERS = re.compile(r"》\s*(?:及|和|与|以及|、)?\s*《")
_STRIP = " \t\u3000\u00a0。.:：-—*·•"

NOTE = re.compile(
    r"^(?:注[:：、]|注释|说明[:：]|备注[:：]|填表|填报|制表|审核人|审核[:：]|联系人|联系电话|单位[（(]?盖章|盖章|分管领导[:：]|"
    r"主要负责人|负责人签字|签字|日期[:：]|报送|附件\d*[:：]?$)"
)
"""A row that is a form's note, signature or date line (填表说明：…, 填表人：…), not data."""


CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""NUL, escapes and the like: nothing a person typed on purpose, and nothing an export should carry."""


def clean_text(value: object) -> str:
    """Cell text with full-width spaces, NBSPs and CR normalised, control characters dropped; line breaks kept."""
    if value is None:
        return ""
    text = CONTROL_CHARACTERS.sub("", str(value)).replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\u3000", " ")
    text = text.replace("\u200b", "").replace("\ufeff", "")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line).strip()


def compact(value: str) -> str:
    """NFKC and no whitespace at all: for comparing header cells and vocabulary."""
    return "".join(unicodedata.normalize("NFKC", value).split())


def _protected(text: str) -> list[bool]:
    """Positions inside a balanced bracket or quote pair; unbalanced openers protect nothing."""
    inside = [False] * len(text)
    stack: list[tuple[str, int]] = []
    for pos, ch in enumerate(text):
        if stack and ch == stack[-1][0]:
            _, start = stack.pop()
            if not stack:
                for i in range(start, pos + 1):
                    inside[i] = True
        elif ch in OPEN_TO_CLOSE:
            stack.append((OPEN_TO_CLOSE[ch], pos))
        elif ch in CLOSERS:
            # a closer that does not match the innermost opener: drop openers back to its pair
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == ch:
                    _, start = stack[depth]
                    del stack[depth:]
                    if not stack:
                        for i in range(start, pos + 1):
                            inside[i] = True
                    break
    return inside


def split_top_level(text: str, separators: frozenset[str]) -> list[str]:
    """Split on any separator that is not inside a balanced pair of brackets or quotes."""
    inside = _protected(text)
    parts: list[str] = []
    buf: list[str] = []
    for pos, ch in enumerate(text):
        if ch in separators and not inside[pos]:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    parts.append("".join(buf))
    return parts


def strip_numbering(text: str) -> str:
    """Drop a leading list number such as ``1.`` ``2、`` ``（三）`` ``①``."""
    return _NUMBERING.sub("", text, count=1)


def _unnumber(text: str) -> str:
    """Drop list numbers at the start of each line before splitting (2、 is not a separator)."""
    return "\n".join(strip_numbering(line) for line in text.split("\n"))


def _tidy(token: str) -> str:
    token = strip_numbering(token.strip(_STRIP)).strip(_STRIP)
    return token


def split_values(text: str | None) -> list[str]:
    """Audiences, methods, timings, partners: split on 、，；/ and line breaks."""
    if not text:
        return []
    out: list[str] = []
    for part in split_top_level(_unnumber(clean_text(text)), VALUE_SEPARATORS):
        token = _tidy(part)
        token = re.sub(r"等$", "", token).strip(_STRIP)
        if token and token not in out:
            out.append(token)
    return out


def split_laws(text: str | None) -> list[str]:
    """Law names cited in one cell, in order, duplicates removed, raw spelling kept.

    Version suffixes such as （2021年修正） and article references stay with their law.
    """
    if not text:
        return []
    text = _unnumber(clean_text(text))
    # 《A》《B》 / 《A》及《B》 / 《A》和《B》 are two citations
    text = _JOINERS.sub("》\n《", text)
    out: list[str] = []
    for part in split_top_level(text, LAW_SEPARATORS):
        token = _tidy(part)
        if not token:
            continue
        token = _TRAILING_ETC.sub("", token).strip(_STRIP)
        if not token:
            continue
        if out and _ARTICLE_ONLY.match(token):
            out[-1] = f"{out[-1]}、{token}"
            continue
        if token not in out:
            out.append(token)
    return out
