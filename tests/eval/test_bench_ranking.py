"""The ranking bench names the laws a ranking misses, so the ranking's authors see what real lists want first."""

from bench.bench_ranking import Case, missed


def case(source: str, laws: list[str]) -> Case:
    return Case({"source": source, "unit": "某县应急管理局"}, "应急管理", [], laws,
                titles={law_id: f"{law_id}的标题" for law_id in laws})


def test_a_law_past_the_cut_or_absent_is_missed_with_its_rank():
    listed = case("checklist", ["防汛条例", "安全生产法", "抗旱条例"])
    answer = [f"其他{k}" for k in range(12)] + ["防汛条例"]
    answer.insert(0, "安全生产法")
    assert missed([listed], {id(listed): answer}, "checklist") == [("抗旱条例的标题", [None]), ("防汛条例的标题", [14])]


def test_misses_are_counted_over_lists_of_the_source_only():
    first, second = case("checklist", ["森林防火条例"]), case("checklist", ["森林防火条例"])
    other = case("publicity", ["森林防火条例"])
    ranked = {id(first): [], id(second): [f"其他{k}" for k in range(10)] + ["森林防火条例"], id(other): []}
    assert missed([first, second, other], ranked, "checklist") == [("森林防火条例的标题", [None, 11])]
