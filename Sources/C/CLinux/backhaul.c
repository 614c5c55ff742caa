// See include/lk_backhaul.h. One mutex guards both queues and the resolve
// request; the thread sleeps in poll() on the socket and its command eventfd.
#define _GNU_SOURCE
#include "lk_backhaul.h"
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

typedef struct {
    lk_address address;
    size_t count;   // true size (may exceed the slot: then truncated)
    uint8_t bytes[LK_BACKHAUL_SLOT_BYTES];
} slot;

typedef struct {
    slot slots[LK_BACKHAUL_SLOTS];
    unsigned head, count;
} ring;

struct lk_backhaul {
    int socket_fd;
    int wake_fd;     // thread -> loop
    int command_fd;  // loop -> thread
    pthread_t thread;
    pthread_mutex_t lock;
    ring outgoing, incoming;
    int stop;
    // Resolution: request (host set, pending) and answer (ready, rc, address).
    char host[256];
    uint16_t port;
    int resolve_pending, answer_ready, answer_rc;
    lk_address answer;
    long send_error;
    uint64_t dropped;
};

static void signal_fd(int fd) {
    uint64_t one = 1;
    ssize_t ignored = write(fd, &one, sizeof one);
    (void)ignored;
}

static void drain_fd(int fd) {
    uint64_t value;
    ssize_t ignored = read(fd, &value, sizeof value);
    (void)ignored;
}

static slot *ring_push(ring *r) {
    if (r->count == LK_BACKHAUL_SLOTS) return NULL;
    slot *s = &r->slots[(r->head + r->count) % LK_BACKHAUL_SLOTS];
    r->count++;
    return s;
}

static slot *ring_front(ring *r) { return r->count ? &r->slots[r->head] : NULL; }

static void ring_pop(ring *r) {
    r->head = (r->head + 1) % LK_BACKHAUL_SLOTS;
    r->count--;
}

static void *backhaul_main(void *context) {
    lk_backhaul *b = context;
    slot local;  // one datagram sent or received outside the lock (2 KB of the thread's stack)
    for (;;) {
        struct pollfd set[2] = {{b->socket_fd, POLLIN, 0}, {b->command_fd, POLLIN, 0}};
        poll(set, 2, -1);
        if (set[1].revents) drain_fd(b->command_fd);
        pthread_mutex_lock(&b->lock);
        if (b->stop) { pthread_mutex_unlock(&b->lock); break; }
        int wake = 0;
        // Sends: copy one out, send without the lock, repeat.
        while (ring_front(&b->outgoing)) {
            local = *ring_front(&b->outgoing);
            ring_pop(&b->outgoing);
            pthread_mutex_unlock(&b->lock);
            long sent = lk_udp_send(b->socket_fd, local.bytes, local.count, &local.address);
            pthread_mutex_lock(&b->lock);
            if (sent < 0 && b->send_error == 0) { b->send_error = sent; wake = 1; }
        }
        // Resolution: getaddrinfo may block for seconds; the loop never waits on it.
        if (b->resolve_pending) {
            char host[256];
            memcpy(host, b->host, sizeof host);
            uint16_t port = b->port;
            pthread_mutex_unlock(&b->lock);
            lk_address address;
            memset(&address, 0, sizeof address);
            int rc = lk_resolve_udp(host, port, &address);
            pthread_mutex_lock(&b->lock);
            b->resolve_pending = 0;
            b->answer_ready = 1;
            b->answer_rc = rc;
            b->answer = address;
            wake = 1;
        }
        pthread_mutex_unlock(&b->lock);
        // Receives: everything the socket holds.
        for (;;) {
            long n = lk_udp_receive(b->socket_fd, local.bytes, sizeof local.bytes, &local.address);
            if (n < 0) break;
            local.count = (size_t)n;
            pthread_mutex_lock(&b->lock);
            slot *s = ring_push(&b->incoming);
            if (s) {
                s->address = local.address;
                s->count = local.count;
                memcpy(s->bytes, local.bytes, local.count < sizeof s->bytes ? local.count : sizeof s->bytes);
                wake = 1;
            } else {
                b->dropped++;
            }
            pthread_mutex_unlock(&b->lock);
        }
        if (wake) signal_fd(b->wake_fd);
    }
    return NULL;
}

int lk_backhaul_start(int socket_fd, lk_backhaul **out) {
    lk_backhaul *b = calloc(1, sizeof *b);
    if (!b) return -ENOMEM;
    b->socket_fd = socket_fd;
    b->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    b->command_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (b->wake_fd < 0 || b->command_fd < 0) {
        int e = errno;
        if (b->wake_fd >= 0) close(b->wake_fd);
        if (b->command_fd >= 0) close(b->command_fd);
        free(b);
        return -e;
    }
    pthread_mutex_init(&b->lock, NULL);
    int rc = pthread_create(&b->thread, NULL, backhaul_main, b);
    if (rc != 0) {
        close(b->wake_fd);
        close(b->command_fd);
        pthread_mutex_destroy(&b->lock);
        free(b);
        return -rc;
    }
    pthread_setname_np(b->thread, "lk-backhaul");
    *out = b;
    return 0;
}

int lk_backhaul_wake_fd(const lk_backhaul *b) { return b->wake_fd; }

int lk_backhaul_send(lk_backhaul *b, const uint8_t *bytes, size_t count, const lk_address *to) {
    if (count > LK_BACKHAUL_SLOT_BYTES) return -EMSGSIZE;
    pthread_mutex_lock(&b->lock);
    slot *s = ring_push(&b->outgoing);
    if (s) {
        s->address = *to;
        s->count = count;
        memcpy(s->bytes, bytes, count);
    }
    pthread_mutex_unlock(&b->lock);
    if (!s) return -ENOBUFS;
    signal_fd(b->command_fd);
    return 0;
}

long lk_backhaul_receive(lk_backhaul *b, uint8_t *buffer, size_t capacity, lk_address *from) {
    pthread_mutex_lock(&b->lock);
    slot *s = ring_front(&b->incoming);
    long result = -EAGAIN;
    if (s) {
        size_t stored = s->count < LK_BACKHAUL_SLOT_BYTES ? s->count : LK_BACKHAUL_SLOT_BYTES;
        memcpy(buffer, s->bytes, stored < capacity ? stored : capacity);
        *from = s->address;
        result = (long)s->count;
        ring_pop(&b->incoming);
    } else {
        drain_fd(b->wake_fd);  // under the lock: a new datagram signals again after this
    }
    pthread_mutex_unlock(&b->lock);
    return result;
}

int lk_backhaul_resolve(lk_backhaul *b, const char *host, uint16_t port) {
    size_t length = strlen(host);
    if (length >= sizeof b->host) return -ENAMETOOLONG;
    pthread_mutex_lock(&b->lock);
    int busy = b->resolve_pending;
    if (!busy) {
        memcpy(b->host, host, length + 1);
        b->port = port;
        b->resolve_pending = 1;
        b->answer_ready = 0;
    }
    pthread_mutex_unlock(&b->lock);
    if (busy) return -EBUSY;
    signal_fd(b->command_fd);
    return 0;
}

int lk_backhaul_take_resolution(lk_backhaul *b, lk_address *out) {
    pthread_mutex_lock(&b->lock);
    int result = 0;
    if (b->answer_ready) {
        b->answer_ready = 0;
        if (b->answer_rc == 0) { *out = b->answer; result = 1; } else { result = b->answer_rc < 0 ? b->answer_rc : -b->answer_rc; }
    }
    pthread_mutex_unlock(&b->lock);
    return result;
}

long lk_backhaul_take_send_error(lk_backhaul *b) {
    pthread_mutex_lock(&b->lock);
    long e = b->send_error;
    b->send_error = 0;
    pthread_mutex_unlock(&b->lock);
    return e;
}

uint64_t lk_backhaul_dropped(const lk_backhaul *b) { return b->dropped; }

void lk_backhaul_stop(lk_backhaul *b) {
    pthread_mutex_lock(&b->lock);
    b->stop = 1;
    pthread_mutex_unlock(&b->lock);
    signal_fd(b->command_fd);
    pthread_join(b->thread, NULL);
    close(b->wake_fd);
    close(b->command_fd);
    pthread_mutex_destroy(&b->lock);
    free(b);
}
