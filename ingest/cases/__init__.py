"""以案释法 cases: typical case files read (`parse`) and linked to the laws and articles they cite (`load`)."""
