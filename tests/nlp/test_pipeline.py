"""Shared spaCy/jieba pipeline: the generated user dictionary keeps names whole."""

from __future__ import annotations

import jieba
import spacy

from nlp.catalogue import Catalogue
from nlp.citations import citation_pipeline
from nlp.pipeline import JIEBA_CONFIG, add_user_words, blank_zh, jieba_words
from nlp.terms import user_dictionary
from nlp.text import normalize, parse_number, sentence_spans
from nlp.warm import warm
from tests.corpus import corpus_dir


def test_user_dictionary_holds_law_names_and_taxonomy_terms():
    laws = Catalogue.from_records([{"id": "L1", "title": "中华人民共和国反电信网络诈骗法"}])
    words = user_dictionary(laws)
    assert {"反电信网络诈骗法", "反诈法", "市场监督管理", "负有安全生产监督管理职责的部门", "未成年人"} <= set(words)


def test_catalogue_names_segment_as_single_tokens_after_warm():
    laws = Catalogue.from_records([{"id": "L1", "title": "中华人民共和国反电信网络诈骗法"}])
    warm(laws)
    warm(laws)
    tokens = [token.text for token in citation_pipeline(laws).make_doc("依照反电信网络诈骗法第十条")]
    assert "反电信网络诈骗法" in tokens


def test_normalize_keeps_length():
    text = "《中華人民共和國體育法》（２０２２年修訂）第三條"
    assert len(normalize(text)) == len(text)
    assert normalize(text) == "《中华人民共和国体育法》(2022年修订)第三条"


def test_numerals():
    assert [parse_number(n) for n in ("148", "十", "二十四", "一百零八", "一千零五十三", "壹佰贰拾叁", "两", "一〇八")] == [
        148, 10, 24, 108, 1053, 123, 2, 108
    ]


def test_sentence_spans_cover_the_text():
    text = "第一句。第二句；第三句"
    assert [text[s:e] for s, e in sentence_spans(text)] == ["第一句。", "第二句；", "第三句"]


def test_cached_segmentation_is_jiebas_word_for_word():
    """The block cache changes nothing: on a corpus law's text (clauses, numbers, spaces, line ends) and on
    odd strings, the same words as jieba.cut, also after the dictionary grows."""
    law = next((corpus_dir() / "行政法规").rglob("*.md")).read_text(encoding="utf-8")
    texts = [law, "第一条\r\n 为了  规范A-1.5%的#管理，", "", "   ", "《示范条例》（2020年修正）第3条第(二)项"]
    for text in texts:
        assert jieba_words(text) == list(jieba.cut(text)), text[:20]
        assert jieba_words(text) == list(jieba.cut(text)), "from the cache"
    add_user_words(["规范A"])
    assert jieba_words(texts[1]) == list(jieba.cut(texts[1]))
    plain = spacy.blank("zh", config=JIEBA_CONFIG)
    for text in texts:
        assert [(t.text, t.whitespace_) for t in blank_zh()(text)] == [(t.text, t.whitespace_) for t in plain(text)]
