// Tests for HALTests arrive with its issue.
