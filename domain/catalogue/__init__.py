"""The law catalogue's answers: laws, articles and cases (`lookup`); how much a law concerns a
department type (`relevance`) and so which units (`inference`); the order of a unit's laws
(`importance`); a unit's applicable laws and the bureau's gaps (`coverage`); which laws a unit answers
for (`responsibility`); laws several units share (`shared_laws`), joint campaigns (`campaigns`) and a
campaign for every key date of the year (`campaign_year`); citations in a text (`citations`); where
the catalogue sync got to (`sync`); the bureau's corrections of unit types (`unit_types`)."""
