// System shims for the gateway program: files, directories, the process
// (arguments, exit, output), real-time scheduling. Same convention as the
// rest of CLinux: 0 (or a count) on success, -errno on failure.
#ifndef LORIKEET_LK_SYSTEM_H
#define LORIKEET_LK_SYSTEM_H

#include <stdint.h>
#include <stddef.h>

/// What is at a path (stat(2), following symbolic links).
enum { LK_PATH_MISSING = 0, LK_PATH_FILE = 1, LK_PATH_DIRECTORY = 2, LK_PATH_OTHER = 3 };
int lk_path_kind(const char *path);

/// The size of a regular file in bytes, or -errno.
int64_t lk_file_size(const char *path);

/// Reads up to `capacity` bytes of a file into `buffer`: the count read, or
/// -errno (-EISDIR for a directory). The caller bounds `capacity`.
long lk_file_read(const char *path, uint8_t *buffer, size_t capacity);

/// The names in a directory ("." and ".." left out), each followed by a NUL,
/// into `buffer`: the bytes used, -ERANGE if they do not fit, or -errno.
long lk_directory_list(const char *path, char *buffer, size_t capacity);

/// getcwd(3) into `buffer`: 0 or -errno.
int lk_current_directory(char *buffer, size_t capacity);

/// The running executable (readlink /proc/self/exe) into `buffer`, NUL
/// terminated: 0 or -errno.
int lk_executable_path(char *buffer, size_t capacity);

/// Writes all of `bytes` to a descriptor (1 stdout, 2 stderr), retrying
/// after signals and short writes: 0 or -errno.
int lk_write_all(int fd, const uint8_t *bytes, size_t count);

/// One read(2) of up to `capacity` bytes from a descriptor (0: stdin),
/// retried after signals: the count read, 0 at the end of input, or -errno.
long lk_read_some(int fd, uint8_t *buffer, size_t capacity);

/// exit(3): flushes stdio and ends the process.
void lk_exit(int code) __attribute__((noreturn));

/// The process's arguments, captured by an ELF constructor (glibc passes
/// argc/argv/envp to constructors): Embedded Swift has no CommandLine.
int lk_argument_count(void);
const char *lk_argument(int index);

/// SCHED_FIFO at `priority` (1-99) for the calling thread, then
/// mlockall(MCL_CURRENT | MCL_FUTURE). 0, or -errno of the step that failed
/// (*failed_step: 1 scheduling, 2 memory lock).
int lk_realtime_enable(int priority, int *failed_step);

#endif
