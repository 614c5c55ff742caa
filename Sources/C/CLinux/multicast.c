// See include/lk_multicast.h. Thin wrappers: errors as -errno.
#define _GNU_SOURCE
#include "lk_multicast.h"

#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int fail(int fd) {
    int code = -errno;
    close(fd);
    return code;
}

// A non-blocking IPv4 UDP socket with SO_REUSEADDR, bound to address:port
// after `prepare` (options that must precede bind) succeeded; -errno otherwise.
static int open_bound(const uint8_t *address, uint16_t port, int (*prepare)(int fd, const void *context),
                      const void *context) {
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) return -errno;
    int one = 1;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0) return fail(fd);
    if (prepare(fd, context) < 0) return fail(fd);
    struct sockaddr_in bound;
    memset(&bound, 0, sizeof bound);
    bound.sin_family = AF_INET;
    bound.sin_port = htons(port);
    memcpy(&bound.sin_addr, address, 4);
    if (bind(fd, (struct sockaddr *)&bound, sizeof bound) < 0) return fail(fd);
    return fd;
}

static int reuse_port(int fd, const void *context) {
    (void)context;
    int one = 1;
    return setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
}

static int multicast_out(int fd, const void *context) {
    struct in_addr interface;
    memcpy(&interface, context, 4);
    // ENOPROTOOPT: qemu-user 7.2 does not know IP_MULTICAST_IF. Linux sends a
    // multicast from a socket bound to a local address out of that address's
    // device anyway (net/ipv4/route.c, ip_route_output_key_hash_rcu), so the
    // bound 127.0.0.1 keeps the frames on loopback.
    if (setsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &interface, sizeof interface) < 0 && errno != ENOPROTOOPT) return -1;
    unsigned char loop = 1;
    return setsockopt(fd, IPPROTO_IP, IP_MULTICAST_LOOP, &loop, sizeof loop);
}

int lk_udp_open_multicast_receiver(const uint8_t *group, uint16_t port, const uint8_t *interface_address) {
    int fd = open_bound(group, port, reuse_port, NULL);
    if (fd < 0) return fd;
    // struct ip_mreq, not ip_mreqn (the same join: by interface address):
    // qemu-user 7.2 reads ip_mreqn's int imr_ifindex as a 64-bit long on
    // arm64 and fails with ENODEV, so the firmware could not join under emulation.
    struct ip_mreq request;
    memset(&request, 0, sizeof request);
    memcpy(&request.imr_multiaddr, group, 4);
    memcpy(&request.imr_interface, interface_address, 4);
    if (setsockopt(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &request, sizeof request) < 0) return fail(fd);
    return fd;
}

int lk_udp_open_multicast_sender(const uint8_t *bind_address, uint16_t port) {
    return open_bound(bind_address, port, multicast_out, bind_address);
}
