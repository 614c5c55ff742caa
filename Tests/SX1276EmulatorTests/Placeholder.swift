// Tests for SX1276EmulatorTests arrive with its issue.
