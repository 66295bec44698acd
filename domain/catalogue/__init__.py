"""The law catalogue's answers: laws, articles and cases (`lookup`); how much a law concerns a
department type (`relevance`) and so which units (`inference`); a unit's applicable laws and the
bureau's gaps (`coverage`); which laws a unit answers for (`responsibility`); laws several units share
(`shared_laws`) and joint campaigns (`campaigns`); the bureau's corrections of unit types (`unit_types`); where the catalogue sync got to (`sync`)."""
