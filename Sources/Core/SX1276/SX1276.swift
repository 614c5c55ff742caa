// SX1276: filled in by its issue.
