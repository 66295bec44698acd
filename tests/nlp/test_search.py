"""Article search's words and ranking (nlp.search) on small texts written for the test."""

from nlp.search import ArticleIndex, QueryTerm, prior, query_terms


def words(text: str) -> list[str]:
    return [term.word for term in query_terms(text)]


def test_a_colloquial_question_becomes_the_words_the_laws_use():
    assert {"醉酒驾驶", "处罚"} <= set(words("醉驾怎么处罚"))
    assert "怎么" not in words("醉驾怎么处罚")
    assert "借款" in words("同事借钱不还") and "同事" not in words("同事借钱不还")
    assert "食品生产加工小作坊" in words("小作坊要办证吗")


def test_adjacent_words_also_count_as_a_phrase():
    terms = {term.word: term.weight for term in query_terms("未成年人网络保护")}
    assert terms["未成年人"] == 1.0 and terms["未成年人网络"] < 1.0


def test_a_query_of_function_words_only_keeps_them():
    assert words("怎么") == ["怎么"]


def test_a_long_text_is_read_as_far_as_a_question_goes():
    assert "借款" not in words("示范" * 100 + "借款")


def index(*texts: str, titles: tuple[str, ...] = (), priors: tuple[float, ...] = ()) -> ArticleIndex:
    titles = titles or tuple(f"示范{n}法" for n in range(len(texts)))
    return ArticleIndex(list(texts), list(range(len(texts))), list(titles), list(priors or [1.0] * len(texts)))


def ranked(found: ArticleIndex, *terms: str) -> list[int]:
    return [position for position, _ in found.search([QueryTerm(term, 1.0) for term in terms])]


def test_articles_holding_rarer_words_rank_first_and_those_holding_none_are_left_out():
    found = index("饮酒后驾驶机动车的，依法处理。", "驾驶人应当遵守交通规则。", "醉酒驾驶机动车的，依法处理。",
                  "本法自公布之日起施行。", "驾驶人驾驶车辆应当安全。")
    # 醉酒驾驶 is in one article only; then 驾驶 twice beats once, and once in a short text once in a longer one
    assert ranked(found, "醉酒驾驶", "驾驶") == [2, 4, 1, 0]
    assert ranked(found, "条约") == []


def test_a_longer_article_needs_more_occurrences_to_rank_as_high():
    found = index("借款人应当返还借款。", "借款合同的内容一般包括借款种类、币种、用途、数额、利率、期限和还款方式等条款，"
                  "当事人可以参照示范文本订立合同并约定相关事项。")
    assert ranked(found, "借款") == [0, 1]


def test_the_law_in_force_outranks_a_repealed_one_and_a_title_word_adds_a_little():
    same = "消费者有权获得赔偿。"
    assert ranked(index(same, same, priors=(prior("法律", "已废止"), prior("法律", "现行有效"))), "赔偿") == [1, 0]
    assert ranked(index(same, same, titles=("示范甲条例", "消费者权益保护法")), "消费者") == [1, 0]
    assert prior("法律", "现行有效") > prior("地方性法规", "现行有效") > prior("地方性法规", "已废止")


def test_an_article_is_read_back_whole_and_no_term_crosses_two_articles():
    found = index("第一段落结尾甲", "乙第二段落开头")
    assert [found.text(0), found.text(1)] == ["第一段落结尾甲", "乙第二段落开头"]
    assert ranked(found, "甲乙") == []
    assert index().search([QueryTerm("任何", 1.0)]) == []
