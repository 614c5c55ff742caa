// libgpiod v1.6 from Debian (libgpiod-dev).
#include <gpiod.h>
