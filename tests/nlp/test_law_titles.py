"""Titles that tell an implementing rule or a rule of an organ's own procedure (domain importance ranks
them after the laws the public must know)."""

import pytest

from nlp.law_titles import implementing_rule, own_procedure, title_subject


@pytest.mark.parametrize("title", ["公安机关办理刑事案件程序规定", "公安机关办理行政案件程序规定", "道路交通事故处理程序规定",
                                   "市场监督管理行政处罚程序规定", "统计执法监督检查办法"])
def test_rules_of_an_organs_own_procedure(title):
    assert own_procedure(title)


@pytest.mark.parametrize("title", ["中华人民共和国禁毒法", "中华人民共和国治安管理处罚法", "中华人民共和国消费者权益保护法",
                                   "中华人民共和国行政处罚法", "信访工作条例", "食品安全法实施条例"])
def test_laws_the_public_must_know_are_not_procedure(title):
    assert not own_procedure(title)


def test_implementing_rules():
    assert implementing_rule("中华人民共和国食品安全法实施条例")
    assert implementing_rule("实施《中华人民共和国著作权法》办法")
    assert not implementing_rule("中华人民共和国食品安全法")


def test_the_matter_a_title_names():
    assert title_subject("中华人民共和国水文条例") == "水文"
    assert title_subject("戒毒条例") == "戒毒"
    assert title_subject("中华人民共和国食品安全法实施条例") == "食品安全"
    assert title_subject("公证投诉处理办法(试行)") == "公证投诉处理"
    assert title_subject("中华人民共和国水法") == ""  # one character tells no matter apart
