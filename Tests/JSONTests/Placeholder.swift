// Tests for JSONTests arrive with its issue.
