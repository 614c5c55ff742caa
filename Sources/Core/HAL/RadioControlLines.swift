/// The lines between a board and its radio besides the SPI bus — NRESET, the
/// DIO0 and DIO1 interrupt lines — and the clock their edges are stamped on,
/// as one type: a driver is generic over its bus and this, not over one type
/// per pin (lora-phy's `InterfaceVariant` groups reset, IRQ and RF-switch
/// lines the same way).
public protocol RadioControlLines {
    associatedtype Reset: OutputPin
    associatedtype DIO0: InterruptLine
    associatedtype DIO1: InterruptLine
    associatedtype Clock: MonotonicClock

    var reset: Reset { get set }
    var dio0: DIO0 { get set }
    var dio1: DIO1 { get set }
    var clock: Clock { get set }
}

/// The usual wiring: one HAL value per line.
public struct ControlLines<Reset: OutputPin, DIO0: InterruptLine, DIO1: InterruptLine, Clock: MonotonicClock>:
    RadioControlLines
{
    public var reset: Reset
    public var dio0: DIO0
    public var dio1: DIO1
    public var clock: Clock

    public init(reset: Reset, dio0: DIO0, dio1: DIO1, clock: Clock) {
        self.reset = reset
        self.dio0 = dio0
        self.dio1 = dio1
        self.clock = clock
    }
}
