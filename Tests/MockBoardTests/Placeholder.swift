// Tests for MockBoardTests arrive with its issue.
