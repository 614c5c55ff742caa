import HAL
@testable import LinuxBoard
import Testing

// This machine has no SPI or GPIO hardware: the real-device paths are
// exercised through their error handling, which is what a user with a
// misconfigured Pi sees first.

@Test func missingSpidevSaysSPIIsNotEnabled() {
    do {
        _ = try LinuxSPIDevice(path: "/dev/spidev7.3")
        Issue.record("opening a nonexistent spidev succeeded")
    } catch {
        #expect(error.cause == .spiNotEnabled)
        #expect(error.device == "/dev/spidev7.3")
        #expect(error.message.hasPrefix("/dev/spidev7.3: "))
        #expect(error.message.contains("SPI is not enabled: run raspi-config → Interface Options → SPI"))
        #expect(error.message.contains("dtparam=spi=on"))
        #expect(error.message.contains("/boot/firmware/config.txt"))
    }
}

@Test func spidevThatIsNotASPIDeviceFailsAtConfiguration() {
    // /dev/null opens but rejects the spidev ioctls: a clear error, no trap.
    do {
        _ = try LinuxSPIDevice(path: "/dev/null")
        Issue.record("configuring /dev/null as SPI succeeded")
    } catch {
        #expect(error.cause == .systemCall)
        #expect(error.message.hasPrefix("/dev/null: cannot set SPI mode 0: "))
    }
}

@Test func missingGPIOChipIsNamed() {
    do {
        _ = try GPIOChip("gpiochip97")
        Issue.record("opening a nonexistent gpiochip succeeded")
    } catch {
        #expect(error.cause == .chipNotFound)
        #expect(error.device == "gpiochip97")
        #expect(error.message.hasPrefix("gpiochip97: no such GPIO chip"))
        #expect(error.message.contains("gpiochip"))
    }
}

@Test func radioBoardReportsTheSPIDeviceFirst() {
    let wiring = LinuxRadioWiring(
        spiDevice: "/dev/spidev9.0", gpioChip: "gpiochip97", chipSelectLine: 25, resetLine: 17, dio0Line: 4,
        dio1Line: 23, dio2Line: 24)
    do {
        _ = try LinuxRadioBoard(wiring: wiring)
        Issue.record("opening a radio board without hardware succeeded")
    } catch {
        #expect(error.cause == .spiNotEnabled)
        #expect(error.device == "/dev/spidev9.0")
    }
}

@Test func missingGPIOChipPathIsNamed() {
    do {
        _ = try GPIOChip("/dev/gpiochip-none")
        Issue.record("opening a nonexistent gpiochip path succeeded")
    } catch {
        #expect(error.cause == .chipNotFound)
        #expect(error.message.hasPrefix("/dev/gpiochip-none: no such GPIO chip"))
    }
}

@Test func errnoTextComesFromTheCLibrary() {
    #expect(LinuxBoardError.describe(errno: 2) == "No such file or directory")
    #expect(LinuxBoardError.describe(errno: 16) == "Device or resource busy")
}

@Test func linuxClockIsMonotonicAndSleeps() {
    var clock = LinuxClock()
    let start = clock.nowMicros()
    clock.sleep(micros: 2_000)
    let end = clock.nowMicros()
    #expect(end >= start + 2_000)
}

// The tests run as root here, so EACCES and EBUSY cannot be provoked on real
// nodes; their messages are checked through the same mapping the open and
// request paths use.

@Test func permissionDeniedOnSpidevNamesTheGroup() {
    let error = LinuxSPIDevice.openError(path: "/dev/spidev0.0", errno: 13)
    #expect(error.cause == .permissionDenied)
    #expect(error.message == "/dev/spidev0.0: permission denied: add the user to the spi group (sudo usermod -aG spi $USER, then log in again)")
}

@Test func busyLineSaysAnotherProcessHoldsIt() {
    let error = GPIOChip.requestError(chip: "gpiochip0", line: 25, consumer: "lorikeet-nss", code: 16)
    #expect(error.cause == .busy)
    #expect(error.line == 25)
    #expect(error.message.hasPrefix("line 25 of gpiochip0 is busy: another process holds it"))
}

@Test func permissionDeniedOnALineNamesTheGPIOGroup() {
    let error = GPIOChip.requestError(chip: "gpiochip0", line: 17, consumer: "lorikeet-reset", code: 13)
    #expect(error.cause == .permissionDenied)
    #expect(error.message.contains("gpio group"))
}

@Test func unwiredLinesAreQuiet() throws {
    var reset = OptionalOutputLine(nil)
    #expect(!reset.isWired)
    try reset.setHigh(false)
    var dio1 = OptionalEventLine(nil)
    #expect(try dio1.takeEdge() == nil)
    #expect(try dio1.waitForEdge(timeoutMicros: 1_000) == nil)
    #expect(try dio1.isHigh() == false)
    #expect(dio1.fileDescriptor == nil)
}
