// FFTW (single precision) from Debian (libfftw3-dev).
#include <fftw3.h>
