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

int lk_udp_open_multicast_receiver(const uint8_t *group, uint16_t port, const uint8_t *interface_address) {
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) return -errno;
    int one = 1;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0) return fail(fd);
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) < 0) return fail(fd);
    struct sockaddr_in address;
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    memcpy(&address.sin_addr, group, 4);
    if (bind(fd, (struct sockaddr *)&address, sizeof address) < 0) return fail(fd);
    struct ip_mreqn request;
    memset(&request, 0, sizeof request);
    memcpy(&request.imr_multiaddr, group, 4);
    memcpy(&request.imr_address, interface_address, 4);
    if (setsockopt(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &request, sizeof request) < 0) return fail(fd);
    return fd;
}

int lk_udp_open_multicast_sender(const uint8_t *bind_address, uint16_t port) {
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) return -errno;
    int one = 1;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0) return fail(fd);
    struct in_addr interface;
    memcpy(&interface, bind_address, 4);
    if (setsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &interface, sizeof interface) < 0) return fail(fd);
    unsigned char loop = 1;
    if (setsockopt(fd, IPPROTO_IP, IP_MULTICAST_LOOP, &loop, sizeof loop) < 0) return fail(fd);
    struct sockaddr_in address;
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    memcpy(&address.sin_addr, bind_address, 4);
    if (bind(fd, (struct sockaddr *)&address, sizeof address) < 0) return fail(fd);
    return fd;
}
