// Tests for RuntimeTests arrive with its issue.
