// See include/lk_system.h.
#define _GNU_SOURCE
// 64-bit inode numbers, offsets and sizes on 32-bit ARM too: without it
// armhf's readdir() fails with EOVERFLOW on file systems whose directory
// offsets need 64 bits (ext4's hashes, overlayfs), and a board list is empty.
#define _FILE_OFFSET_BITS 64
#include "lk_system.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int lk_path_kind(const char *path) {
    struct stat st;
    if (stat(path, &st) != 0) return LK_PATH_MISSING;
    if (S_ISREG(st.st_mode)) return LK_PATH_FILE;
    if (S_ISDIR(st.st_mode)) return LK_PATH_DIRECTORY;
    return LK_PATH_OTHER;
}

int64_t lk_file_size(const char *path) {
    struct stat st;
    if (stat(path, &st) != 0) return -errno;
    if (S_ISDIR(st.st_mode)) return -EISDIR;
    return (int64_t)st.st_size;
}

long lk_file_read(const char *path, uint8_t *buffer, size_t capacity) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -errno;
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) { close(fd); return -EISDIR; }
    size_t total = 0;
    while (total < capacity) {
        ssize_t n = read(fd, buffer + total, capacity - total);
        if (n == 0) break;
        if (n < 0) {
            if (errno == EINTR) continue;
            int e = errno;
            close(fd);
            return -e;
        }
        total += (size_t)n;
    }
    close(fd);
    return (long)total;
}

long lk_directory_list(const char *path, char *buffer, size_t capacity) {
    DIR *dir = opendir(path);
    if (!dir) return -errno;
    size_t used = 0;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        const char *name = entry->d_name;
        if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0) continue;
        size_t length = strlen(name) + 1;
        if (used + length > capacity) { closedir(dir); return -ERANGE; }
        memcpy(buffer + used, name, length);
        used += length;
    }
    closedir(dir);
    return (long)used;
}

int lk_current_directory(char *buffer, size_t capacity) {
    return getcwd(buffer, capacity) ? 0 : -errno;
}

int lk_executable_path(char *buffer, size_t capacity) {
    if (capacity == 0) return -ERANGE;
    ssize_t n = readlink("/proc/self/exe", buffer, capacity - 1);
    if (n < 0) return -errno;
    buffer[n] = 0;
    return 0;
}

int lk_write_all(int fd, const uint8_t *bytes, size_t count) {
    size_t done = 0;
    while (done < count) {
        ssize_t n = write(fd, bytes + done, count - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return -errno;
        }
        done += (size_t)n;
    }
    return 0;
}

long lk_read_some(int fd, uint8_t *buffer, size_t capacity) {
    for (;;) {
        ssize_t n = read(fd, buffer, capacity);
        if (n >= 0) return (long)n;
        if (errno != EINTR) return -errno;
    }
}

void lk_exit(int code) { exit(code); }

static int saved_argc = 0;
static char **saved_argv = NULL;

// glibc calls constructors in .init_array with (argc, argv, envp).
__attribute__((constructor)) static void lk_capture_arguments(int argc, char **argv, char **envp) {
    (void)envp;
    saved_argc = argc;
    saved_argv = argv;
}

int lk_argument_count(void) { return saved_argc; }

const char *lk_argument(int index) {
    if (index < 0 || index >= saved_argc || !saved_argv) return NULL;
    return saved_argv[index];
}

int lk_realtime_enable(int priority, int *failed_step) {
    struct sched_param param;
    memset(&param, 0, sizeof param);
    param.sched_priority = priority;
    int rc = pthread_setschedparam(pthread_self(), SCHED_FIFO, &param);
    if (rc != 0) { *failed_step = 1; return -rc; }
    if (mlockall(MCL_CURRENT | MCL_FUTURE) != 0) { *failed_step = 2; return -errno; }
    *failed_step = 0;
    return 0;
}
