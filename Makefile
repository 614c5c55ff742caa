# Lorikeet: the two commands are `make run` and `make test` (see README.md).
SWIFT        ?= swift
CONFIG       ?= debug

# Firmware core and boards: every module here must compile in Embedded Swift.
CORE_MODULES  := TextCoding Randomness JSON HAL LoRaPHY LoRaModem LoRaWAN Regions SX1276 BoardProfile StationConf Runtime Forwarder GatewayProgram Mesh MeshProgram
BOARD_MODULES := SX1276Emulator MockBoard LinuxBoard SoapySDRSource
FIRMWARE_MODULES := $(CORE_MODULES) $(BOARD_MODULES)

# C libraries the core links, from Debian; cross toolchains for firmware-check.
LIB_PACKAGES   := libgpiod-dev libcjson-dev libmbedtls-dev libfftw3-dev libsoapysdr-dev
# valgrind counts instructions and allocations per forwarded uplink in `make bench`.
BENCH_PACKAGES := valgrind binutils
# python3 drives ot-cli-ftd and lorikeet mesh node through their CLIs in `make interop`.
INTEROP_PACKAGES := python3
CROSS_PACKAGES := gcc-aarch64-linux-gnu gcc-arm-linux-gnueabihf libc6-dev-arm64-cross libc6-dev-armhf-cross
# The firmware links the Debian libraries of its architecture (multiarch) and
# runs under qemu-user in firmware-test.
FIRMWARE_ARCHS    := arm64 armhf
FIRMWARE_PACKAGES := $(foreach a,$(FIRMWARE_ARCHS),libcjson-dev:$(a) libmbedtls-dev:$(a) libgpiod-dev:$(a)) \
                     binutils-aarch64-linux-gnu binutils-arm-linux-gnueabihf qemu-user

# make deb: dpkg's tools and lintian; make deb-test: a Debian 12 arm64 root run through qemu.
DEB_PACKAGES      := dpkg-dev lintian binutils-aarch64-linux-gnu binutils-arm-linux-gnueabihf
DEB_TEST_PACKAGES := mmdebstrap arch-test qemu-user-static binfmt-support lintian
DEB_ARCHES        := arm64 armhf
FIRMWARE_BUILD    ?= .build-firmware
DEB_DIR           := .build-deb

LORIKEET := .build/$(CONFIG)/lorikeet

.PHONY: all build run test unit-test bench firmware-check deps cross-deps clean firmware firmware-test firmware-deps deb deb-test interop

all: build

deps:
	@scripts/ensure-debian-packages $(LIB_PACKAGES)

cross-deps:
	@scripts/ensure-debian-packages $(CROSS_PACKAGES) $(LIB_PACKAGES)

build: deps
	$(SWIFT) build -c $(CONFIG) --product lorikeet

run: build
	@scripts/run-demo $(LORIKEET)

# The firmware's link is part of the test: a runtime symbol Embedded Swift
# lacks (e.g. Double(String)'s strtod) fails here, not on the board.
test: unit-test firmware-check firmware

unit-test: deps
	$(SWIFT) test

bench: deps firmware
	@scripts/ensure-debian-packages $(BENCH_PACKAGES)
	@scripts/bench

# Lorikeet mesh nodes with OpenThread's ot-cli-ftd (../shared/tools/openthread) on loopback.
interop: deps
	@scripts/ensure-debian-packages $(INTEROP_PACKAGES)
	@scripts/interop

firmware-check: cross-deps
	@scripts/firmware-check $(FIRMWARE_MODULES)

firmware-deps: cross-deps
	@scripts/ensure-foreign-architectures $(FIRMWARE_ARCHS)
	@scripts/ensure-debian-packages $(FIRMWARE_PACKAGES)

# lorikeet-gateway and lorikeet-mesh in Embedded Swift: .build-firmware/{x86_64,arm64,armhf}/lorikeet-{gateway,mesh} (stripped).
firmware: firmware-deps
	@scripts/firmware

firmware-test: firmware build
	@scripts/firmware-test $(LORIKEET)
	@scripts/firmware-test-mesh $(LORIKEET)

# lorikeet-gateway_<version>_{arm64,armhf}.deb in $(DEB_DIR)/ (version: packaging/changelog).
deb: firmware
	@scripts/ensure-debian-packages $(DEB_PACKAGES)
	@for arch in $(DEB_ARCHES); do scripts/deb-build $$arch $(FIRMWARE_BUILD)/$$arch/lorikeet-gateway $(DEB_DIR) || exit 1; done

# As root: installs the arm64 .deb with apt in a Debian 12 arm64 root and runs it on the mock board.
deb-test: deb build
	@scripts/ensure-debian-packages $(DEB_TEST_PACKAGES)
	@scripts/deb-test $(LORIKEET) $(DEB_DIR)

clean:
	rm -rf .build .build-*
