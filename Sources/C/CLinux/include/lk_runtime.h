// Runtime and forwarder shims: UDP sockets, name resolution, poll, signals,
// systemd notification, wall-clock time. Each returns -errno on failure so
// Swift can name the cause (lk_strerror) without touching errno itself.
#ifndef LORIKEET_LK_RUNTIME_H
#define LORIKEET_LK_RUNTIME_H

#include <stdint.h>
#include <stddef.h>

/// An IPv4 or IPv6 socket address in a form Swift can copy and compare.
typedef struct {
    uint8_t family;       // 4 or 6 (0: none)
    uint8_t bytes[16];    // IPv4 uses the first 4
    uint16_t port;        // host byte order
    uint32_t scope_id;    // IPv6 link-local scope
} lk_address;

/// Wall-clock time (CLOCK_REALTIME) in microseconds since 1970-01-01 UTC.
int64_t lk_realtime_micros(void);

/// Resolves `host` (name or literal) and `port` to the first UDP address.
/// Returns 0, or a negative EAI_* code (text: lk_gai_strerror).
int lk_resolve_udp(const char *host, uint16_t port, lk_address *out);
void lk_gai_strerror(int code, char *buffer, size_t size);

/// A non-blocking, close-on-exec UDP socket for `family` (4 or 6; 0: IPv6
/// dual-stack reaching IPv4 peers too, IPv4 where IPv6 is off) bound to
/// `bind_port` on the wildcard (0: ephemeral), exclusively (no SO_REUSEADDR), or -errno.
int lk_udp_open(uint8_t family, uint16_t bind_port, int loopback_only);
/// Sends one datagram; returns bytes sent or -errno.
long lk_udp_send(int fd, const uint8_t *bytes, size_t count, const lk_address *to);
/// Receives one datagram without waiting; returns its size, -EAGAIN if none, or -errno.
long lk_udp_receive(int fd, uint8_t *buffer, size_t capacity, lk_address *from);
/// The local port a socket is bound to, or -errno.
int lk_socket_port(int fd);

/// ppoll() on up to `count` descriptors for readability. `timeout_micros` < 0:
/// wait indefinitely. Sets ready[i] to 1 for readable (or failed) descriptors.
/// Returns the number ready, 0 on timeout or signal, or -errno.
int lk_poll_many(const int *fds, uint8_t *ready, int count, int64_t timeout_micros);

/// Installs SIGINT/SIGTERM handlers writing to a self-pipe; returns the
/// pipe's read end (readable once a signal arrived) or -errno.
int lk_signals_install(void);
/// The last stop signal received (SIGINT/SIGTERM) and drains the pipe; 0 if none.
int lk_signals_take(void);

/// Sends `state` (e.g. "READY=1") to the datagram socket named by
/// $NOTIFY_SOCKET ('@' = abstract namespace). Returns 1 if sent, 0 when
/// not under systemd (no $NOTIFY_SOCKET), or -errno.
int lk_sd_notify(const char *state);

/// A process environment variable, or NULL.
const char *lk_getenv(const char *name);

#endif
