"""Keeping the catalogue current from the official databases: `run` (the sync, incremental and
resumable), `flk` and `gov_rules` (a small client of each source), `official` (what they return),
`merge` (what a row changes in the store)."""
