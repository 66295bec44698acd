"""The assessment rubric: the shipped one parses and adds up; the bureau's own copy overrides it;
a rubric that does not parse, names an unknown rule or gives a rule a parameter it does not take
is refused with the line and the field of every problem."""

from __future__ import annotations

import pytest

from domain.assessment.rubric import RUBRIC_FILE, load_rubric, parse_rubric, rubric_in_force
from domain.assessment.scoring import RULES
from pufa.errors import InputError, InputErrors

SMALL = """\
name: 某县考核细则
items:
  - id: evidence
    name: 佐证材料经审核采纳
    rule: evidenced_activities
    points: 60
    target: 6
  - id: evaluation
    name: 群众评价
    rule: manual
    points: 40
deductions:
  - id: short
    name: 信息少报
    rule: activities_short
    required: 6
    per: 0.5
    cap: 3
grades:
  - {name: 优秀, min: 85}
  - {name: 合格, min: 60}
  - {name: 不合格, min: 0, rectify: true}
"""


def test_the_shipped_rubric_parses_and_adds_up_to_100():
    rubric = rubric_in_force(None)
    assert rubric.source == str(RUBRIC_FILE) and rubric.max_points == 100.0
    assert [g.name for g in rubric.grades] == ["优秀", "良好", "合格", "不合格"]
    assert {g.name for g in rubric.grades if g.rectify} == {"合格", "不合格"}
    assert {item.rule.name for item in rubric.items} <= set(RULES)
    assert rubric.grade(85).name == "优秀" and rubric.grade(84.99).name == "良好" and rubric.grade(0).name == "不合格"
    assert rubric.grade(75).name == "良好" and rubric.grade(74.99).name == "合格" and rubric.grade(59.99).name == "不合格"


def test_the_bureaus_own_copy_overrides_it(tmp_path):
    own = tmp_path / "本县细则.yaml"
    own.write_text(SMALL, encoding="utf-8")
    rubric = rubric_in_force(own)
    assert (rubric.name, rubric.max_points, rubric.source) == ("某县考核细则", 100.0, str(own))
    public = rubric.public()
    assert [i.id for i in public.items] == ["evidence", "evaluation"] and public.items[1].manual
    assert public.deductions[0].points == 3 and public.deductions[0].params == {"per": 0.5, "required": 6}
    assert load_rubric(own) is rubric  # read once


def problems(text: str) -> list[str]:
    with pytest.raises(InputError) as caught:
        parse_rubric(text, "rubric.yaml")
    found = caught.value.problems if isinstance(caught.value, InputErrors) else [caught.value]
    assert all(problem.source == "rubric.yaml" for problem in found)
    return [f"{problem.location}: {problem.message}" for problem in found]


def test_a_rubric_that_does_not_parse_names_its_line():
    (found,) = problems(SMALL.replace("    points: 40\n", "    points: [40\n"))
    assert found.startswith("line 12: does not parse as YAML")


@pytest.mark.parametrize(("change", "expected"), [
    (("rule: manual", "rule: public_vote"), "line 10, items[1].rule: unknown rule 'public_vote'"),
    (("    target: 6\n", "    target: 6\n    weight: 2\n"), "line 8, items[0].weight: not a parameter of this rule (rule evidenced_activities: points, target)"),
    (("    target: 6\n", "    target: 0\n"), "line 7, items[0].target: Input should be greater than or equal to 1"),
    (("    points: 60\n", ""), "line 3, items[0].points: Field required"),
    (("rule: activities_short", "rule: evidenced_activities"), "line 15, deductions[0].rule: the rule 'evidenced_activities' belongs under items"),
    (("id: short", "id: evidence"), "line 13, deductions[0].id: the id 'evidence' is used twice"),
    (("{name: 不合格, min: 0, rectify: true}", "{name: 不合格, min: 10}"), "grades: the lowest grade must start at 0"),
    (("{name: 优秀, min: 85}", "{name: 优秀, min: 185}"), "line 20, grades[0].min: 185 is above the most a unit can score (100)"),
    (("grades:", "levels:"), "line 19, levels: unknown field"),
])
def test_each_problem_is_named_by_line_and_field(change, expected):
    found = problems(SMALL.replace(*change))
    assert any(expected in problem for problem in found), found
