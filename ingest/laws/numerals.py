"""Numerals as law texts write them: 第一百二十三条, 第一千零五十三条, 壹佰贰拾叁, 第12条, 之一.

Article numbers are the join key between a law and every citation of it, so a numeral that
does not read as one number is an error here rather than a guess.
"""

from __future__ import annotations

import re

DIGITS = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "两": 2, "贰": 2, "三": 3, "叁": 3,
    "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000, "万": 10_000}
NUMERAL = "[0-9０-９零〇○一壹二两贰三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万]+"
"""A regex fragment matching one numeral in any notation this module reads."""

_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_ARTICLE_LABEL = re.compile(rf"第({NUMERAL})条(?:之({NUMERAL}))?")
_CN_TENS = "零一二三四五六七八九"


def to_int(numeral: str) -> int:
    """Arabic (12, １２), positional Chinese (一〇八) or unit-based (一百二十三, 壹佰贰拾叁) → int.

    Raises ValueError when the characters do not form one number (百百, 十五十)."""
    numeral = numeral.strip().translate(_FULLWIDTH_DIGITS)
    if not numeral:
        raise ValueError("empty numeral")
    if numeral.isascii():
        if not numeral.isdigit():
            raise ValueError(f"not a numeral: {numeral!r}")
        return int(numeral)
    if len(numeral) > 1 and all(char in DIGITS for char in numeral):
        return int("".join(str(DIGITS[char]) for char in numeral))
    return _unit_based(numeral)


def _unit_based(numeral: str) -> int:
    """一千零五十三 style: each unit must be smaller than the one before it within a 万 group."""
    total = group = 0
    digit: int | None = None
    last_unit = 10**9
    for char in numeral:
        if char in DIGITS:
            if digit is not None and digit != 0 and DIGITS[char] != 0:
                raise ValueError(f"two digits in a row in {numeral!r}")
            digit = DIGITS[char]
        elif char in UNITS:
            unit = UNITS[char]
            if unit == 10_000:
                if total:
                    raise ValueError(f"two 万 groups in {numeral!r}")
                total = (group + (digit or 0)) * unit
                group, digit, last_unit = 0, None, 10_000
                continue
            if unit >= last_unit:
                raise ValueError(f"units out of order in {numeral!r}")
            if digit == 0:
                raise ValueError(f"零 before a unit in {numeral!r}")
            group += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
        else:
            raise ValueError(f"not a numeral: {numeral!r}")
    return total + group + (digit or 0)


def to_chinese(number: int) -> str:
    """1 → 一, 10 → 十, 123 → 一百二十三, 1053 → 一千零五十三 (as statutes number parts)."""
    if not 0 < number < 100_000:
        raise ValueError(f"out of range: {number}")
    parts: list[str] = []
    pending_zero = False
    for value, unit in ((10_000, "万"), (1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, number = divmod(number, value)
        if digit:
            if pending_zero and parts:
                parts.append("零")
            parts.append(_CN_TENS[digit] + unit)
            pending_zero = False
        else:
            pending_zero = True
    text = "".join(parts)
    return text[1:] if text.startswith("一十") else text


def parse_article_label(label: str) -> tuple[int, int]:
    """第一百二十三条 → (123, 0); 第二十条之一 → (20, 1); ValueError when it is not a label."""
    match = _ARTICLE_LABEL.fullmatch(label.strip())
    if not match:
        raise ValueError(f"not an article label: {label!r}")
    suffix = match.group(2)
    return to_int(match.group(1)), to_int(suffix) if suffix else 0
