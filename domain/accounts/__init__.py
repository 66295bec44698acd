"""Who acts: accounts with their role and units, passwords, invites, API tokens, the login throttle
(`accounts`), web sessions and CSRF tokens (`sessions`)."""
