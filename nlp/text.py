"""Text helpers shared by every extractor: length-preserving normalisation, numerals,
sentence spans and longest-match word regexes.

Extractors report character offsets into the caller's text, so normalisation maps one
character to exactly one character: traditional → simplified script (OpenCC's t2s
character table), full-width ASCII → ASCII (（３）→ (3)), ideographic space → space.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import opencc

_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}

CN_DIGITS = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "两": 2, "贰": 2, "三": 3, "叁": 3, "参": 3,
    "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
CN_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000, "万": 10000}
NUMBER = r"(?:[0-9]+|[零〇○一二两三四五六七八九十百千万壹贰叁参肆伍陆柒捌玖拾佰仟]+)"
"""A regex fragment for one article/paragraph/item number in any of the notations we meet
(参 is how t2s writes the traditional financial numeral 參)."""

_SENTENCE_END = re.compile(r"[。！？；!?;\n]")


@lru_cache(maxsize=1)
def _translation_table() -> dict[int, int | str]:
    """Built once from OpenCC's own t2s converter, character by character, to stay length-preserving."""
    converter = opencc.OpenCC("t2s")
    dictionary = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    table: dict[int, int | str] = dict(_FULLWIDTH)
    for line in dictionary.read_text(encoding="utf-8").splitlines():
        traditional = line.split("\t", 1)[0]
        if len(traditional) != 1:
            continue
        simplified = converter.convert(traditional)
        if len(simplified) == 1 and simplified != traditional:
            table[ord(traditional)] = simplified
    return table


def normalize(text: str) -> str:
    """Simplified script and half-width ASCII, same length as `text` so offsets carry over."""
    return text.translate(_translation_table())


def parse_number(token: str) -> int | None:
    """Arabic, Chinese (一百二十三, 一千零五十三) or financial (壹佰贰拾叁) numerals → int."""
    if token.isdigit():
        return int(token)
    if all(ch in CN_DIGITS for ch in token) and len(token) > 1:  # 一〇八 written digit by digit
        return int("".join(str(CN_DIGITS[ch]) for ch in token))
    total = section = digit = 0
    for ch in token:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            unit = CN_UNITS[ch]
            if unit == 10000:
                total += (section + digit) * unit
                section = 0
            else:
                section += (digit or 1) * unit
            digit = 0
        else:
            return None
    return total + section + digit


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence or clause ended by 。！？； or a line break."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if match.end() > start:
            spans.append((start, match.end()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def trie_regex(words: Iterable[str]) -> re.Pattern[str]:
    """A regex whose greedy optional groups give the longest word at each start position."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return re.compile(build(trie) or r"(?!x)x")
