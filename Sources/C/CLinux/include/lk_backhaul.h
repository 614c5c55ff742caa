// The backhaul thread (issue 12 #7): everything that can block on the
// network — getaddrinfo, sendto, recvfrom — runs on its own pthread, and
// hands datagrams to the radio loop through bounded queues and an eventfd
// the loop polls. Policy (when to resolve, backoff) stays in Swift
// (Forwarder/Backhaul/ServerLink), testable on the virtual clock.
#ifndef LORIKEET_LK_BACKHAUL_H
#define LORIKEET_LK_BACKHAUL_H

#include <stddef.h>
#include <stdint.h>
#include "lk_runtime.h"

/// Datagrams each queue holds, and the largest one (Semtech datagrams stay
/// far below: ≤ 1400 bytes of JSON per PUSH_DATA, PULL_RESP ≤ ~1000).
#define LK_BACKHAUL_SLOTS 16
#define LK_BACKHAUL_SLOT_BYTES 2048

typedef struct lk_backhaul lk_backhaul;

/// Starts a thread serving the non-blocking UDP socket `socket_fd` (not
/// closed by the thread). Returns 0 and `*out`, or -errno.
int lk_backhaul_start(int socket_fd, lk_backhaul **out);
/// Readable (eventfd) when a datagram or an answer waits for the loop.
int lk_backhaul_wake_fd(const lk_backhaul *b);
/// Queues a datagram for sending: 0, -ENOBUFS when the queue is full,
/// -EMSGSIZE when larger than a slot.
int lk_backhaul_send(lk_backhaul *b, const uint8_t *bytes, size_t count, const lk_address *to);
/// One received datagram (its true size; copied up to `capacity`), or
/// -EAGAIN when none waits. Also drains the wake descriptor when empty.
long lk_backhaul_receive(lk_backhaul *b, uint8_t *buffer, size_t capacity, lk_address *from);
/// Asks the thread to resolve `host`: 0, or -EBUSY while one is pending.
int lk_backhaul_resolve(lk_backhaul *b, const char *host, uint16_t port);
/// 1 and `*out` when resolved, a negative EAI_* code when it failed (text:
/// lk_gai_strerror), 0 when no answer is waiting.
int lk_backhaul_take_resolution(lk_backhaul *b, lk_address *out);
/// The -errno of the oldest failed send not yet taken, or 0.
long lk_backhaul_take_send_error(lk_backhaul *b);
/// Datagrams dropped because the receive queue was full.
uint64_t lk_backhaul_dropped(const lk_backhaul *b);
/// Stops and joins the thread, frees everything.
void lk_backhaul_stop(lk_backhaul *b);

#endif
