"""What a law's title says of whom it addresses: an implementing rule of another law (实施条例,
实施细则), a rule of an organ's own procedure (公安机关办理刑事案件程序规定) that a unit applies
but does not popularize to the public, and the matter it regulates (戒毒条例: 戒毒), which a unit
named after that matter (戒毒管理局) popularizes first. Read once per law when answers are ranked
(domain importance)."""

from __future__ import annotations

import re

from nlp.catalogue import PRC

_IMPLEMENTING = re.compile(r"实施条例|实施细则|实施办法|实施《.+》(?:的)?(?:办法|规定|细则)")
_OWN_PROCEDURE = re.compile(
    r"程序(?:暂行)?规定|程序(?:暂行)?办法|办理.{0,20}案件|办案|执法(?:监督|规范|细则|程序)|工作(?:规定|规则|规范|细则|程序)"
    r"|内务|警衔|着装|纪律条令|考核办法|档案(?:管理)?办法|统计调查制度|文书(?:格式|式样)"
)

_TRIAL = re.compile(r"\((?:试行|暂行)\)$")
_IMPLEMENTING_END = re.compile(r"(?:实施条例|实施细则|实施办法)$")
_KIND_END = re.compile(r"(?:法|条例|规定|办法|细则|规则|决定)$")


def implementing_rule(title: str) -> bool:
    """True for a rule that implements a law named elsewhere (its law ranks before it)."""
    return bool(_IMPLEMENTING.search(title))


def own_procedure(title: str) -> bool:
    """True for a rule of how an organ itself works (程序规定, 办理…案件, 工作规范), not of what the public must do."""
    return bool(_OWN_PROCEDURE.search(title))


def title_subject(title: str) -> str:
    """The matter a law regulates, as its title names it: the title without 中华人民共和国, (试行),
    实施条例 and the kind of rule (中华人民共和国水文条例: 水文; 戒毒条例: 戒毒); empty when that leaves
    fewer than two characters (水法), too short to tell one matter from another."""
    subject = _KIND_END.sub("", _IMPLEMENTING_END.sub("", _TRIAL.sub("", title.removeprefix(PRC))))
    return subject if len(subject) >= 2 else ""
