// IPv4 multicast UDP sockets for OpenThread's simulation radio transport
// (examples/platforms/simulation: frames go to 224.0.0.116 on loopback).
// Each returns a non-blocking, close-on-exec descriptor or -errno.
#ifndef LORIKEET_LK_MULTICAST_H
#define LORIKEET_LK_MULTICAST_H

#include <stdint.h>

/// A receiver bound to `port` with SO_REUSEADDR and SO_REUSEPORT (many
/// simulated nodes share the port), joined to `group` (4 bytes, network
/// order) on the interface `interface_address` (e.g. 127.0.0.1).
int lk_udp_open_multicast_receiver(const uint8_t *group, uint16_t port, const uint8_t *interface_address);

/// A sender bound to `bind_address`:`port` with IP_MULTICAST_IF on
/// `bind_address` and IP_MULTICAST_LOOP on, so other processes on the
/// host hear what it sends to the group.
int lk_udp_open_multicast_sender(const uint8_t *bind_address, uint16_t port);

#endif
