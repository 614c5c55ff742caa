// cJSON from Debian (libcjson-dev).
#include <cjson/cJSON.h>
