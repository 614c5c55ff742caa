// Tests for CLITests arrive with its issue.
