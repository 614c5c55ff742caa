// LinuxBoard: filled in by its issue.
