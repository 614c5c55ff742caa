// mbedTLS crypto from Debian (libmbedtls-dev): AES and CMAC for LoRaWAN.
#include <mbedtls/aes.h>
#include <mbedtls/cmac.h>
#include <mbedtls/cipher.h>
