// Tests for LoRaModemTests arrive with its issue.
