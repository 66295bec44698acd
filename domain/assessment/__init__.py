"""The annual assessment: activity records and their evidence (`activities`, `history`), the rubric and
its rules (`rubric`, `scoring`), computed versions and the ranking (`versions`), 限期整改
(`rectification`) and the documents for people (`reports`)."""
