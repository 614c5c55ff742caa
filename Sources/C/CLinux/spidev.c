#include "CLinux.h"
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/spi/spidev.h>

// The enum in CLinux.h mirrors the Linux errno numbers (asm-generic/errno-base.h);
// fail the build if a libc ever disagrees.
_Static_assert(LK_ENOENT == ENOENT && LK_EACCES == EACCES && LK_EBUSY == EBUSY && LK_ENODEV == ENODEV
               && LK_EINTR == EINTR && LK_ENXIO == ENXIO && LK_EINVAL == EINVAL && LK_ENOTTY == ENOTTY
               && LK_EPERM == EPERM, "errno values differ from Linux");

const char *lk_strerror(int code) { return strerror(code); }

int lk_errno(void) { return errno; }

int lk_spi_open(const char *path) {
    int fd;
    do { fd = open(path, O_RDWR | O_CLOEXEC); } while (fd < 0 && errno == EINTR);
    return fd < 0 ? -errno : fd;
}

int lk_spi_configure(int fd, uint8_t mode, uint8_t bits_per_word, uint32_t speed_hz, int *failed_request) {
    if (ioctl(fd, SPI_IOC_WR_MODE, &mode) < 0) { *failed_request = 1; return -errno; }
    if (ioctl(fd, SPI_IOC_WR_BITS_PER_WORD, &bits_per_word) < 0) { *failed_request = 2; return -errno; }
    if (ioctl(fd, SPI_IOC_WR_MAX_SPEED_HZ, &speed_hz) < 0) { *failed_request = 3; return -errno; }
    *failed_request = 0;
    return 0;
}

int lk_spi_transfer(int fd, uint8_t *buffer, uint32_t length, uint32_t speed_hz) {
    struct spi_ioc_transfer transfer;
    memset(&transfer, 0, sizeof transfer);
    transfer.tx_buf = (uint64_t)(uintptr_t)buffer;  // the kernel reads all bytes before writing rx
    transfer.rx_buf = (uint64_t)(uintptr_t)buffer;
    transfer.len = length;
    transfer.speed_hz = speed_hz;
    transfer.bits_per_word = 8;
    int result;
    do { result = ioctl(fd, SPI_IOC_MESSAGE(1), &transfer); } while (result < 0 && errno == EINTR);
    return result < 0 ? -errno : 0;
}

void lk_close(int fd) { close(fd); }

int lk_poll_readable(int fd, int64_t timeout_micros) {
    struct pollfd entry = { .fd = fd, .events = POLLIN, .revents = 0 };
    int timeout_ms = timeout_micros < 0 ? -1 : (int)((timeout_micros + 999) / 1000);
    int result = poll(&entry, 1, timeout_ms);
    if (result < 0) return -errno;
    return result > 0 ? 1 : 0;
}
