// Forwarder: filled in by its issue.
