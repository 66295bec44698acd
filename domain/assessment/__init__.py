"""The annual assessment: activity records and their evidence (`activities`, `history`), the rubric and
its rules (`rubric`, `scoring`), computed versions and the ranking (`versions`), 限期整改
(`rectification`), 普法提示 and 通报批评 (`prompts`), the documents for people (`reports`) and the
county's report upward (`county_report`)."""
