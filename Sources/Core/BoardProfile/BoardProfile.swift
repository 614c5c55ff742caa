// BoardProfile: filled in by its issue.
