// Tests for BoardProfileTests arrive with its issue.
