// Tests for SX1276Tests arrive with its issue.
