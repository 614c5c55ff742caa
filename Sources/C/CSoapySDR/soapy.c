// See lk_soapy.h. The prototypes come from SoapySDR's own headers; the
// functions from the library found at run time.
#include "lk_soapy.h"

#include <SoapySDR/Constants.h>
#include <SoapySDR/Device.h>
#include <SoapySDR/Errors.h>
#include <SoapySDR/Formats.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <unistd.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>

#define LK_SOAPY_FUNCTIONS(X) \
    X(SoapySDRDevice_lastError) X(SoapySDRDevice_enumerateStrArgs) X(SoapySDRKwargsList_clear) \
    X(SoapySDRDevice_makeStrArgs) X(SoapySDRDevice_unmake) X(SoapySDRDevice_setSampleRate) \
    X(SoapySDRDevice_setFrequency) X(SoapySDRDevice_setGainMode) X(SoapySDRDevice_setGain) \
    X(SoapySDRDevice_setupStream) X(SoapySDRDevice_activateStream) X(SoapySDRDevice_readStream) \
    X(SoapySDRDevice_deactivateStream) X(SoapySDRDevice_closeStream) X(SoapySDR_errToStr)

static struct {
#define LK_FIELD(name) __typeof__(name) *name;
    LK_SOAPY_FUNCTIONS(LK_FIELD)
#undef LK_FIELD
} api;

struct lk_soapy {
    SoapySDRDevice *device;
    SoapySDRStream *stream;
    unsigned long overflows;
};

static int load(char *error, size_t size) {
    static void *library;
    if (library) return 0;
    // LORIKEET_SOAPYSDR names another library file (tests use it to see the "not installed" path).
    const char *override = getenv("LORIKEET_SOAPYSDR");
    const char *names[] = {override ? override : "libSoapySDR.so.0.8", override ? override : "libSoapySDR.so"};
    for (size_t i = 0; i < 2 && !library; i++) library = dlopen(names[i], RTLD_NOW);
    if (!library) {
        snprintf(error, size, "SoapySDR is not installed (%s not found): apt-get install libsoapysdr0.8 and your SDR's module, e.g. soapysdr-module-rtlsdr", names[0]);
        return -1;
    }
#define LK_LOAD(name) \
    if (!(api.name = (__typeof__(name) *)dlsym(library, #name))) { \
        snprintf(error, size, "SoapySDR library lacks %s (version 0.8 needed)", #name); \
        return -1; \
    }
    LK_SOAPY_FUNCTIONS(LK_LOAD)
#undef LK_LOAD
    return 0;
}

// Enumerating and opening wake every installed module, and each writes its own
// lines to stderr (SoapyRemote's avahi errors, UHD's banner, ALSA from the audio
// module) that would bury our one-line error; what matters reaches the user
// through SoapySDR's lastError in that line. So stderr is muted meanwhile.
static int mute_stderr(void) {
    fflush(stderr);
    int saved = dup(2);
    int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (null >= 0) { dup2(null, 2); close(null); }
    return saved;
}

static void restore_stderr(int saved) {
    if (saved < 0) return;
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
}

static SoapySDRDevice *find_and_make(const char *args, size_t *found) {
    // UHD's discovery threads log after enumeration returns; its own switch
    // keeps them quiet (unless the user set one).
    setenv("UHD_LOG_CONSOLE_LEVEL", "off", 0);
    int saved = mute_stderr();
    SoapySDRKwargs *list = api.SoapySDRDevice_enumerateStrArgs(args, found);
    api.SoapySDRKwargsList_clear(list, *found);
    SoapySDRDevice *device = *found ? api.SoapySDRDevice_makeStrArgs(args) : NULL;
    restore_stderr(saved);
    return device;
}

lk_soapy *lk_soapy_open(const char *args, double rate_hz, double centre_hz, double gain_db, char *error, size_t size) {
    if (load(error, size) != 0) return NULL;
    size_t found = 0;
    SoapySDRDevice *device = find_and_make(args, &found);
    if (found == 0) {
        snprintf(error, size, "no SDR found for \"%s\" (plugged in? its SoapySDR module installed, e.g. soapysdr-module-rtlsdr? `SoapySDRUtil --find` lists what SoapySDR sees)", args);
        return NULL;
    }
    if (!device) {
        snprintf(error, size, "cannot open the SDR \"%s\": %s", args, api.SoapySDRDevice_lastError());
        return NULL;
    }
    const char *step = NULL;
    if (api.SoapySDRDevice_setSampleRate(device, SOAPY_SDR_RX, 0, rate_hz) != 0) step = "set the sample rate";
    else if (api.SoapySDRDevice_setFrequency(device, SOAPY_SDR_RX, 0, centre_hz, NULL) != 0) step = "tune to the centre frequency";
    else if (gain_db < 0 ? api.SoapySDRDevice_setGainMode(device, SOAPY_SDR_RX, 0, true) != 0
                         : (api.SoapySDRDevice_setGainMode(device, SOAPY_SDR_RX, 0, false),
                            api.SoapySDRDevice_setGain(device, SOAPY_SDR_RX, 0, gain_db) != 0)) step = "set the gain";
    SoapySDRStream *stream = NULL;
    if (!step && !(stream = api.SoapySDRDevice_setupStream(device, SOAPY_SDR_RX, SOAPY_SDR_CF32, NULL, 0, NULL))) step = "set up a CF32 stream";
    if (!step && api.SoapySDRDevice_activateStream(device, stream, 0, 0, 0) != 0) step = "start streaming";
    if (step) {
        snprintf(error, size, "the SDR \"%s\" could not %s: %s", args, step, api.SoapySDRDevice_lastError());
        if (stream) api.SoapySDRDevice_closeStream(device, stream);
        api.SoapySDRDevice_unmake(device);
        return NULL;
    }
    lk_soapy *sdr = calloc(1, sizeof *sdr);
    if (!sdr) {
        snprintf(error, size, "out of memory");
        api.SoapySDRDevice_closeStream(device, stream);
        api.SoapySDRDevice_unmake(device);
        return NULL;
    }
    sdr->device = device;
    sdr->stream = stream;
    return sdr;
}

long lk_soapy_read(lk_soapy *sdr, float *iq, size_t count, long timeout_us, char *error, size_t size) {
    void *buffers[1] = {iq};
    int flags = 0;
    long long time_ns = 0;
    int read = api.SoapySDRDevice_readStream(sdr->device, sdr->stream, buffers, count, &flags, &time_ns, timeout_us);
    if (read >= 0) return read;
    if (read == SOAPY_SDR_TIMEOUT) return 0;
    if (read == SOAPY_SDR_OVERFLOW) {
        sdr->overflows++;
        return 0;
    }
    snprintf(error, size, "the SDR stopped: %s", api.SoapySDR_errToStr(read));
    return -1;
}

unsigned long lk_soapy_overflows(const lk_soapy *sdr) { return sdr->overflows; }

void lk_soapy_close(lk_soapy *sdr) {
    if (!sdr) return;
    api.SoapySDRDevice_deactivateStream(sdr->device, sdr->stream, 0, 0);
    api.SoapySDRDevice_closeStream(sdr->device, sdr->stream);
    api.SoapySDRDevice_unmake(sdr->device);
    free(sdr);
}
