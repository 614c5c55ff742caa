# Lorikeet: the two commands are `make run` and `make test` (see README.md).
SWIFT        ?= swift
CONFIG       ?= debug

# Firmware core and boards: every module here must compile in Embedded Swift.
CORE_MODULES  := TextCoding JSON HAL LoRaPHY LoRaModem LoRaWAN Regions SX1276 BoardProfile StationConf Runtime Forwarder GatewayProgram
BOARD_MODULES := SX1276Emulator MockBoard LinuxBoard
FIRMWARE_MODULES := $(CORE_MODULES) $(BOARD_MODULES)

# C libraries the core links, from Debian; cross toolchains for firmware-check.
LIB_PACKAGES   := libgpiod-dev libcjson-dev libmbedtls-dev libfftw3-dev
# valgrind counts instructions and allocations per forwarded uplink in `make bench`.
BENCH_PACKAGES := valgrind binutils
CROSS_PACKAGES := gcc-aarch64-linux-gnu gcc-arm-linux-gnueabihf libc6-dev-arm64-cross libc6-dev-armhf-cross

LORIKEET := .build/$(CONFIG)/lorikeet

.PHONY: all build run test unit-test bench firmware-check deps cross-deps clean

all: build

deps:
	@scripts/ensure-debian-packages $(LIB_PACKAGES)

cross-deps:
	@scripts/ensure-debian-packages $(CROSS_PACKAGES) $(LIB_PACKAGES)

build: deps
	$(SWIFT) build -c $(CONFIG) --product lorikeet

run: build
	@scripts/run-demo $(LORIKEET)

test: unit-test firmware-check

unit-test: deps
	$(SWIFT) test

bench: deps
	@scripts/ensure-debian-packages $(BENCH_PACKAGES)
	@scripts/bench

firmware-check: cross-deps
	@scripts/firmware-check $(FIRMWARE_MODULES)

clean:
	rm -rf .build .build-*
