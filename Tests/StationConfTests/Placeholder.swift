// Tests for StationConfTests arrive with its issue.
