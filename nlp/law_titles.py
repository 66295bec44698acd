"""What a law's title says of whom it addresses: an implementing rule of another law (实施条例,
实施细则), or a rule of an organ's own procedure (公安机关办理刑事案件程序规定) that a unit applies
but does not popularize to the public. Read once per law when answers are ranked (domain importance)."""

from __future__ import annotations

import re

_IMPLEMENTING = re.compile(r"实施条例|实施细则|实施办法|实施《.+》(?:的)?(?:办法|规定|细则)")
_OWN_PROCEDURE = re.compile(
    r"程序(?:暂行)?规定|程序(?:暂行)?办法|办理.{0,20}案件|办案|执法(?:监督|规范|细则|程序)|工作(?:规定|规则|规范|细则|程序)"
    r"|内务|警衔|着装|纪律条令|考核办法|档案(?:管理)?办法|统计调查制度|文书(?:格式|式样)"
)


def implementing_rule(title: str) -> bool:
    """True for a rule that implements a law named elsewhere (its law ranks before it)."""
    return bool(_IMPLEMENTING.search(title))


def own_procedure(title: str) -> bool:
    """True for a rule of how an organ itself works (程序规定, 办理…案件, 工作规范), not of what the public must do."""
    return bool(_OWN_PROCEDURE.search(title))
