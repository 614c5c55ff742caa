#include "CLinux.h"
#include <errno.h>
#include <time.h>

uint64_t lk_monotonic_micros(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

void lk_sleep_micros(uint64_t micros) {
    struct timespec request = { .tv_sec = (time_t)(micros / 1000000u), .tv_nsec = (long)(micros % 1000000u) * 1000 };
    struct timespec remaining;
    while (clock_nanosleep(CLOCK_MONOTONIC, 0, &request, &remaining) == EINTR) request = remaining;
}
