import Forwarder
import Runtime

/// Timestamped log lines on stdout ("14:02:11.204 ...", UTC), written at
/// once (no stdio buffer), so they reach a pipe or the journal in order.
public enum GatewayLog {
    public static func line(_ text: String) {
        ProcessIO.writeLine(stamp(utcMicros: SystemUTCClock().utcMicros()) + " " + text)
    }

    /// "HH:MM:SS.mmm" of a UTC time.
    public static func stamp(utcMicros: Int64) -> String {
        let c = TimeText.civil(utcMicros: utcMicros)
        return pad(c.hour, 2) + ":" + pad(c.minute, 2) + ":" + pad(c.second, 2) + "." + pad(c.micros / 1000, 3)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = "\(value)"
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
