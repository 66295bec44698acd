"""The annual assessment: activity records and their evidence (`activities`, `history`), the rubric and
its rules (`rubric`, `scoring`), computed versions and the ranking (`versions`), 普法提示
(from any finding, the assessment's included) and 通报批评 (`prompts`), the documents for people (`reports`) and the
county's report upward (`county_report`)."""
