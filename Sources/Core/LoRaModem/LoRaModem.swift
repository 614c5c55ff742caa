// LoRaModem: filled in by its issue.
