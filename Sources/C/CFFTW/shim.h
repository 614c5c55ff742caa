// FFTW (single precision) from Debian (libfftw3-dev).
#include <fftw3.h>
// The C math library (sin, cos, atan2, log, sqrt) for the modem's chirps and
// estimators: Embedded Swift has no Foundation.
#include <math.h>
