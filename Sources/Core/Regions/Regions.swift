// Regions: filled in by its issue.
