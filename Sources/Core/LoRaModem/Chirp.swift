import CFFTW

/// LoRa chirps as continuous-time phase functions (time in chips, one chip =
/// 1/BW). An up-chirp carrying symbol s starts at frequency s·BW/N − BW/2,
/// rises at BW per symbol and wraps from +BW/2 to −BW/2 (EP2763321; the
/// same waveform as gr-lora_sdr `build_upchirp`). Every full chirp ends on a
/// whole number of cycles, so a frame is phase-continuous.
public enum Chirp {
    /// Phase in cycles of up-chirp `symbol` at `x` chips into it (0 ≤ x ≤ N).
    @inline(__always)
    public static func upPhase(symbol: Int, chips n: Int, at x: Double) -> Double {
        let fold = Double(n - symbol)
        var cycles = x * x / (2 * Double(n)) + (Double(symbol) / Double(n) - 0.5) * x
        if x >= fold { cycles -= x - fold }
        return cycles
    }

    /// Phase in cycles of the down-chirp (the conjugate of up-chirp 0).
    @inline(__always)
    public static func downPhase(chips n: Int, at x: Double) -> Double {
        -(x * x / (2 * Double(n)) - 0.5 * x)
    }

    /// e^{j2π·cycles}, reduced to one turn first for accuracy.
    @inline(__always)
    public static func rotor(cycles: Double) -> Complex32 {
        let turn = cycles - (cycles).rounded(.down)
        let angle = 2 * Double.pi * turn
        return Complex32(Float(cos(angle)), Float(sin(angle)))
    }

    /// The base up-chirp sampled once per chip: N samples.
    public static func baseUpChirp(chips n: Int) -> [Complex32] {
        (0..<n).map { rotor(cycles: upPhase(symbol: 0, chips: n, at: Double($0))) }
    }
}
