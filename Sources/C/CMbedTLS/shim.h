// mbedTLS crypto from Debian (libmbedtls-dev): AES and CMAC for LoRaWAN.
#include <mbedtls/aes.h>
#include <mbedtls/cmac.h>
#include <mbedtls/cipher.h>
// AES-CCM (IEEE 802.15.4 MAC security, Thread MLE) and HMAC-SHA256 (Thread key derivation) for Mesh.
#include <mbedtls/ccm.h>
#include <mbedtls/md.h>
