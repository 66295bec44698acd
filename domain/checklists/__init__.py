"""The checklist year: drafts, review and its steps (`review`, `revisions`), the year's plan and overdue
units (`plan`), the bureau's audit (`audit`), year over year (`yearly`), what the public reads
(`publication`), the bureau's bulk loads (`intake`) and the demo's accounts (`demo`)."""
