// Tests for LoRaWANTests arrive with its issue.
