// SX1276Emulator: filled in by its issue.
