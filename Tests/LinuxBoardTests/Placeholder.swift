// Tests for LinuxBoardTests arrive with its issue.
