// StationConf: filled in by its issue.
