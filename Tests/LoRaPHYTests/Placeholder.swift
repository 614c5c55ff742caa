// Tests for LoRaPHYTests arrive with its issue.
