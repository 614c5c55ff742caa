// Runtime: filled in by its issue.
