"""What every wing stands on: the answer cache (`cache`, `refresh`, `tally`, `status`), what an answer
was asked for (`asked`), how answers name laws and units (`briefs`, `models`), documents for people
(`documents`), files sent as proof (`evidence`) and the redaction of contact details (`redaction`)."""
