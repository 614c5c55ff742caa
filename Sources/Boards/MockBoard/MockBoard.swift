// MockBoard: filled in by its issue.
