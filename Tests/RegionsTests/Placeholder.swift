// Tests for RegionsTests arrive with its issue.
