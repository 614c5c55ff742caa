// Tests for ForwarderTests arrive with its issue.
