// LoRaWAN: filled in by its issue.
