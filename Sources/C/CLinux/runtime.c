// See include/lk_runtime.h. Everything here is a thin wrapper: no policy,
// errors returned as -errno for the Swift side (Runtime/Syscalls.swift).
#define _GNU_SOURCE
#include "lk_runtime.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

int64_t lk_realtime_micros(void) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void from_sockaddr(const struct sockaddr *sa, lk_address *out) {
    memset(out, 0, sizeof *out);
    if (sa->sa_family == AF_INET) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
        out->family = 4;
        memcpy(out->bytes, &in->sin_addr, 4);
        out->port = ntohs(in->sin_port);
    } else if (sa->sa_family == AF_INET6) {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;
        if (IN6_IS_ADDR_V4MAPPED(&in6->sin6_addr)) {  // an IPv4 peer of a dual-stack socket
            out->family = 4;
            memcpy(out->bytes, (const uint8_t *)&in6->sin6_addr + 12, 4);
            out->port = ntohs(in6->sin6_port);
            return;
        }
        out->family = 6;
        memcpy(out->bytes, &in6->sin6_addr, 16);
        out->port = ntohs(in6->sin6_port);
        out->scope_id = in6->sin6_scope_id;
    }
}

static socklen_t to_sockaddr_for(const lk_address *a, struct sockaddr_storage *ss, int socket_domain) {
    memset(ss, 0, sizeof *ss);
    if (a->family == 4 && socket_domain == AF_INET6) {  // dual-stack: IPv4 as ::ffff:a.b.c.d
        struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;
        in6->sin6_family = AF_INET6;
        uint8_t *bytes = (uint8_t *)&in6->sin6_addr;
        bytes[10] = 0xff;
        bytes[11] = 0xff;
        memcpy(bytes + 12, a->bytes, 4);
        in6->sin6_port = htons(a->port);
        return sizeof *in6;
    }
    if (a->family == 4) {
        struct sockaddr_in *in = (struct sockaddr_in *)ss;
        in->sin_family = AF_INET;
        memcpy(&in->sin_addr, a->bytes, 4);
        in->sin_port = htons(a->port);
        return sizeof *in;
    }
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;
    in6->sin6_family = AF_INET6;
    memcpy(&in6->sin6_addr, a->bytes, 16);
    in6->sin6_port = htons(a->port);
    in6->sin6_scope_id = a->scope_id;
    return sizeof *in6;
}

static int socket_domain(int fd) {
    int domain = AF_INET;
    socklen_t len = sizeof domain;
    if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &len) != 0) return AF_INET;
    return domain;
}

int lk_resolve_udp(const char *host, uint16_t port, lk_address *out) {
    struct addrinfo hints, *list = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_DGRAM;
    hints.ai_flags = AI_ADDRCONFIG;
    int rc = getaddrinfo(host, NULL, &hints, &list);
    if (rc == EAI_BADFLAGS || (rc != 0 && rc != EAI_AGAIN && rc != EAI_NONAME)) {
        hints.ai_flags = 0;  // AI_ADDRCONFIG fails on hosts with loopback only
        rc = getaddrinfo(host, NULL, &hints, &list);
    }
    if (rc != 0) return rc < 0 ? rc : -rc;
    int found = -1;
    for (struct addrinfo *ai = list; ai; ai = ai->ai_next) {  // prefer IPv4 (as lora_pkt_fwd does)
        if (ai->ai_family == AF_INET) { from_sockaddr(ai->ai_addr, out); found = 0; break; }
    }
    if (found != 0 && list) { from_sockaddr(list->ai_addr, out); found = 0; }
    freeaddrinfo(list);
    if (found != 0) return EAI_NONAME < 0 ? EAI_NONAME : -EAI_NONAME;
    out->port = port;
    return 0;
}

void lk_gai_strerror(int code, char *buffer, size_t size) {
    if (size == 0) return;
    if (code == EAI_SYSTEM) { strncpy(buffer, strerror(errno), size - 1); buffer[size - 1] = 0; return; }
    strncpy(buffer, gai_strerror(code), size - 1);
    buffer[size - 1] = 0;
}

int lk_udp_open(uint8_t family, uint16_t bind_port, int loopback_only) {
    // family 0: one IPv6 socket that also reaches IPv4 peers (IPV6_V6ONLY off),
    // so an IPv6-only server answer works; IPv4 alone where IPv6 is disabled.
    int domain = family == 4 ? AF_INET : AF_INET6;
    int fd = socket(domain, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0 && family == 0 && (errno == EAFNOSUPPORT || errno == EPROTONOSUPPORT)) {
        domain = AF_INET;
        fd = socket(domain, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    }
    if (fd < 0) return -errno;
    if (domain == AF_INET6 && family == 0) {
        int off = 0;
        setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off);
    }
    // No SO_REUSEADDR: a second gateway (or anything else) on the same port is
    // an error at bind time, not two processes sharing the server's datagrams.
    if (bind_port != 0 || loopback_only) {
        lk_address local;
        memset(&local, 0, sizeof local);
        local.family = domain == AF_INET6 ? 6 : 4;
        local.port = bind_port;
        if (loopback_only) {
            if (local.family == 4) { local.bytes[0] = 127; local.bytes[3] = 1; } else { local.bytes[15] = 1; }
        }
        struct sockaddr_storage ss;
        socklen_t len = to_sockaddr_for(&local, &ss, domain);
        if (bind(fd, (struct sockaddr *)&ss, len) != 0) { int e = errno; close(fd); return -e; }
    }
    return fd;
}

long lk_udp_send(int fd, const uint8_t *bytes, size_t count, const lk_address *to) {
    struct sockaddr_storage ss;
    socklen_t len = to_sockaddr_for(to, &ss, socket_domain(fd));
    for (;;) {
        ssize_t n = sendto(fd, bytes, count, MSG_NOSIGNAL, (struct sockaddr *)&ss, len);
        if (n >= 0) return (long)n;
        if (errno != EINTR) return -errno;
    }
}

long lk_udp_receive(int fd, uint8_t *buffer, size_t capacity, lk_address *from) {
    struct sockaddr_storage ss;
    for (;;) {
        socklen_t len = sizeof ss;
        ssize_t n = recvfrom(fd, buffer, capacity, MSG_DONTWAIT | MSG_TRUNC, (struct sockaddr *)&ss, &len);
        if (n >= 0) { from_sockaddr((struct sockaddr *)&ss, from); return (long)n; }
        if (errno == EWOULDBLOCK) return -EAGAIN;
        if (errno != EINTR) return -errno;
    }
}

int lk_socket_port(int fd) {
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    if (getsockname(fd, (struct sockaddr *)&ss, &len) != 0) return -errno;
    lk_address a;
    from_sockaddr((struct sockaddr *)&ss, &a);
    return a.port;
}

int lk_poll_many(const int *fds, uint8_t *ready, int count, int64_t timeout_micros) {
    struct pollfd set[16];
    if (count > 16) return -EINVAL;
    for (int i = 0; i < count; i++) {
        set[i].fd = fds[i];
        set[i].events = POLLIN | POLLPRI;
        set[i].revents = 0;
        ready[i] = 0;
    }
    struct timespec ts, *tp = NULL;
    if (timeout_micros >= 0) {
        ts.tv_sec = timeout_micros / 1000000;
        ts.tv_nsec = (timeout_micros % 1000000) * 1000;
        tp = &ts;
    }
    int n = ppoll(set, (nfds_t)count, tp, NULL);  // µs resolution, unlike poll()'s ms
    if (n < 0) return errno == EINTR ? 0 : -errno;
    for (int i = 0; i < count; i++) ready[i] = set[i].revents != 0;
    return n;
}

static int signal_pipe[2] = {-1, -1};
static volatile sig_atomic_t last_signal = 0;

static void on_stop_signal(int number) {
    int saved = errno;
    last_signal = number;
    if (signal_pipe[1] >= 0) { ssize_t ignored = write(signal_pipe[1], "s", 1); (void)ignored; }
    errno = saved;
}

int lk_signals_install(void) {
    if (signal_pipe[0] < 0 && pipe2(signal_pipe, O_NONBLOCK | O_CLOEXEC) != 0) return -errno;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_stop_signal;
    sigemptyset(&action.sa_mask);
    if (sigaction(SIGINT, &action, NULL) != 0 || sigaction(SIGTERM, &action, NULL) != 0) return -errno;
    signal(SIGPIPE, SIG_IGN);
    return signal_pipe[0];
}

int lk_signals_take(void) {
    char drain[16];
    if (signal_pipe[0] >= 0) while (read(signal_pipe[0], drain, sizeof drain) > 0) {}
    int number = last_signal;
    last_signal = 0;
    return number;
}

int lk_sd_notify(const char *state) {
    const char *path = getenv("NOTIFY_SOCKET");
    if (!path || !*path) return 0;
    struct sockaddr_un address;
    memset(&address, 0, sizeof address);
    address.sun_family = AF_UNIX;
    size_t length = strlen(path);
    if (length >= sizeof address.sun_path) return -ENAMETOOLONG;
    memcpy(address.sun_path, path, length);
    if (path[0] == '@') address.sun_path[0] = 0;  // abstract namespace (sd_notify(3))
    socklen_t size = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + length + (path[0] == '@' ? 0 : 1));
    int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -errno;
    ssize_t n = sendto(fd, state, strlen(state), MSG_NOSIGNAL, (struct sockaddr *)&address, size);
    int e = errno;
    close(fd);
    return n < 0 ? -e : 1;
}

const char *lk_getenv(const char *name) { return getenv(name); }
