// Thin C shims for Linux facilities Swift cannot reach directly (ioctl
// request macros, variadic calls, errno, struct layouts from kernel headers).
// Every function that can fail returns 0 (or a descriptor) on success and
// -errno on failure, so Swift never has to read errno itself.
#ifndef LORIKEET_CLINUX_H
#define LORIKEET_CLINUX_H

#include <stdint.h>

/// Monotonic clock in microseconds (CLOCK_MONOTONIC): the time base of
/// libgpiod v1.6 line-event timestamps.
uint64_t lk_monotonic_micros(void);

/// Sleeps for `micros` on CLOCK_MONOTONIC (restarts after signals).
void lk_sleep_micros(uint64_t micros);

/// errno values the board's error messages distinguish.
enum {
    LK_ENOENT = 2,
    LK_EINTR = 4,
    LK_ENXIO = 6,
    LK_EACCES = 13,
    LK_EBUSY = 16,
    LK_ENODEV = 19,
    LK_EINVAL = 22,
    LK_ENOTTY = 25,
    LK_EPERM = 1,
};

/// strerror(code): the C library's text for an errno value.
const char *lk_strerror(int code);

/// The calling thread's errno (for C library calls made from Swift).
int lk_errno(void);

/// open(path, O_RDWR | O_CLOEXEC): a descriptor, or -errno.
int lk_spi_open(const char *path);

/// SPI_IOC_WR_MODE (mode 0-3), SPI_IOC_WR_BITS_PER_WORD, SPI_IOC_WR_MAX_SPEED_HZ:
/// 0, or -errno of the first request that failed (*failed_request names it:
/// 1 mode, 2 bits per word, 3 speed).
int lk_spi_configure(int fd, uint8_t mode, uint8_t bits_per_word, uint32_t speed_hz, int *failed_request);

/// One full-duplex SPI_IOC_MESSAGE(1) transfer of `length` bytes in place
/// (chip select held for the whole transfer): 0, or -errno.
int lk_spi_transfer(int fd, uint8_t *buffer, uint32_t length, uint32_t speed_hz);

/// close(fd).
void lk_close(int fd);

/// poll() for readability of one descriptor: 1 readable, 0 timeout, -errno.
/// timeout_micros < 0 waits forever.
int lk_poll_readable(int fd, int64_t timeout_micros);

// Runtime and forwarder shims (UDP, resolver, poll over many descriptors, signals, sd_notify).
#include "lk_runtime.h"
#include "lk_backhaul.h"
// Files, the process and real-time scheduling (the gateway program).
#include "lk_system.h"
// IPv4 multicast sockets (OpenThread simulation radio transport, Mesh).
#include "lk_multicast.h"

#endif
