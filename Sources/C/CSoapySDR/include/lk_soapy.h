// A live SDR through SoapySDR (Debian libsoapysdr), loaded with dlopen when
// first used: Lorikeet runs, and `phy listen` says what is missing, on a
// machine without SoapySDR. Only the receive path `phy listen` needs.
#ifndef LK_SOAPY_H
#define LK_SOAPY_H

#include <stddef.h>

typedef struct lk_soapy lk_soapy;

/// Opens the first device matching `args` ("driver=rtlsdr", "" for any),
/// sets rate, centre frequency and gain (gain_db < 0: automatic) and starts
/// a complex-float stream. NULL on failure with one line in `error`.
lk_soapy *lk_soapy_open(const char *args, double rate_hz, double centre_hz, double gain_db, char *error, size_t error_size);

/// Reads up to `count` samples (interleaved float I/Q) into `iq`: the count
/// read, 0 on a timeout or an overflow (counted in `overflows`), or −1 with
/// one line in `error`.
long lk_soapy_read(lk_soapy *sdr, float *iq, size_t count, long timeout_us, char *error, size_t error_size);

/// Samples the device dropped (SoapySDR overflows) so far.
unsigned long lk_soapy_overflows(const lk_soapy *sdr);

void lk_soapy_close(lk_soapy *sdr);

#endif
