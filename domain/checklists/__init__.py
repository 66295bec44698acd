"""The checklist year: drafts, review and its steps (`review`, `revisions`), the year's plan and overdue
units (`plan`), the bureau's audit (`audit`), year over year (`yearly`), the county's three lists
(`county_lists`), the 领导干部应知应会法律法规清单 (`duty_laws`), what the public reads (`publication`), the
bureau's bulk loads (`intake`) and the demo's accounts (`demo`)."""
