// Thin C shims for Linux facilities Swift cannot reach directly (ioctl
// request macros, variadic calls, struct layouts from kernel headers).
#ifndef LORIKEET_CLINUX_H
#define LORIKEET_CLINUX_H

#include <stdint.h>

/// Monotonic clock in microseconds (CLOCK_MONOTONIC).
uint64_t lk_monotonic_micros(void);

#include "lk_runtime.h"

#endif
