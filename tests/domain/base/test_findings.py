"""A row's findings as a clerk reads them: what is no law is said as such, never as an unresolved law."""

from __future__ import annotations

from domain.base.findings import finding_words


def test_what_is_no_law_is_named_for_what_it_is():
    assert finding_words(["standard:《电动自行车安全技术规范》", "document:《澄河县城区养犬管理办法》", "topic:防范和惩治统计造假"]) == (
        "非法律法规（标准）：《电动自行车安全技术规范》；非法律法规（规范性文件）：《澄河县城区养犬管理办法》；"
        "非法律法规（主题）：防范和惩治统计造假")
    assert finding_words(["law:《某某条例》"]) == "法律法规“《某某条例》”无法识别"
