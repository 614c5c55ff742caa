import CFFTW

/// Channel filter, decimator and fractional-delay interpolator in one: a
/// Hann-windowed sinc low-pass at BW/2 evaluated at any real position of
/// the input stream, so the receiver reads one sample per chip at exactly the
/// timing it estimated (with `ratio` input samples per chip; ratio 1 makes it
/// a pure fractional-delay interpolator).
public struct ChannelFilter: Sendable {
    /// Input samples per chip (sample rate / bandwidth).
    public let ratio: Int
    /// Taps on each side of the output position.
    public let halfTaps: Int
    let cutoff: Double

    public init(ratio: Int) {
        self.ratio = ratio
        halfTaps = ratio == 1 ? 8 : 6 * ratio
        cutoff = 0.55 / Double(ratio)
    }

    /// Any low-pass of this shape: `halfTaps` each side, `cutoff` in cycles
    /// per input sample, one output every `ratio` inputs (the benchmark's
    /// mixing + FIR channelizer, compared with `FFTChannelizer`).
    public init(ratio: Int, halfTaps: Int, cutoff: Double) {
        self.ratio = ratio
        self.halfTaps = halfTaps
        self.cutoff = cutoff
    }

    /// Taps for an output at input position n0 + `fraction` (0 ≤ fraction < 1):
    /// tap k (k = −halfTaps+1 … halfTaps) multiplies input n0 + k.
    public func taps(fraction: Double) -> [Float] {
        var taps = [Float](repeating: 0, count: 2 * halfTaps)
        if fraction == 0 && ratio == 1 {
            taps[halfTaps - 1] = 1
            return taps
        }
        let span = Double(halfTaps)
        var values = [Double](repeating: 0, count: 2 * halfTaps)
        var sum = 0.0
        for index in 0..<(2 * halfTaps) {
            let k = Double(index - halfTaps + 1)
            let x = fraction - k
            let arg = 2 * cutoff * x
            let sinc = abs(arg) < 1e-12 ? 1.0 : sin(Double.pi * arg) / (Double.pi * arg)
            let ratio = abs(x) / span
            let window = ratio >= 1 ? 0 : 0.5 + 0.5 * cos(Double.pi * ratio)
            values[index] = sinc * window
            sum += values[index]
        }
        for index in 0..<(2 * halfTaps) { taps[index] = Float(values[index] / sum) }
        return taps
    }
}

extension ChannelFilter {
    /// The taps for one fractional position and carrier offset, laid out for
    /// SIMD over interleaved I/Q input: 4 complex samples (8 floats) per
    /// vector. `a` holds (tr, tr) pairs and `b` (ti, −ti) pairs, so that
    /// Σ x·a + Σ x·b keeps the output's real part in the even lanes of `a`
    /// plus the odd lanes of `b` and its imaginary part in the others; the
    /// inner loop needs no shuffles. Real taps (no carrier offset) skip `b`.
    public struct Kernel {
        public let fraction: Double
        /// The carrier offset the taps are shifted to, in cycles per input sample.
        public let cyclesPerInput: Double
        /// Taps as complex values (index k multiplies input n0 + k − halfTaps + 1).
        public let re: [Float]
        public let im: [Float]
        let a: [SIMD8<Float>]
        let b: [SIMD8<Float>]
        public var isReal: Bool { b.isEmpty }
        /// Inputs read per output, a multiple of 4 (taps padded with zeros).
        public var span: Int { 4 * a.count }
    }

    /// Taps at input position n0 + `fraction`, shifted in frequency to
    /// `cyclesPerInput` so that they pass a signal with that carrier offset.
    public func kernel(fraction: Double, cyclesPerInput: Double) -> Kernel {
        let base = taps(fraction: fraction)
        var re = [Float](repeating: 0, count: base.count)
        var im = [Float](repeating: 0, count: base.count)
        for k in base.indices {
            if cyclesPerInput == 0 {
                re[k] = base[k]
            } else {
                // Tap k multiplies input n0 + k − halfTaps + 1: rotate it by e^{−jω(k − halfTaps + 1)}.
                let rotor = Chirp.rotor(cycles: -cyclesPerInput * Double(k - halfTaps + 1))
                re[k] = base[k] * rotor.re
                im[k] = base[k] * rotor.im
            }
        }
        let vectors = (base.count + 3) / 4
        var a = [SIMD8<Float>](repeating: .zero, count: vectors)
        var b = [SIMD8<Float>](repeating: .zero, count: cyclesPerInput == 0 ? 0 : vectors)
        for k in base.indices {
            a[k / 4][2 * (k % 4)] = re[k]
            a[k / 4][2 * (k % 4) + 1] = re[k]
            if cyclesPerInput != 0 {
                b[k / 4][2 * (k % 4)] = im[k]
                b[k / 4][2 * (k % 4) + 1] = -im[k]
            }
        }
        return Kernel(fraction: fraction, cyclesPerInput: cyclesPerInput, re: re, im: im, a: a, b: b)
    }

    /// Filters `count` outputs, `ratio` inputs apart, into `output`: output m
    /// is centred on input `centre + m·ratio` of `input` (whose element 0 is
    /// stream sample `inputStart`); inputs before 0 or at `inputEnd` and beyond
    /// count as silence.
    public func apply(
        _ kernel: Kernel, input: UnsafeBufferPointer<Complex32>, inputStart: Int, centre: Int, count: Int,
        output: UnsafeMutablePointer<Complex32>
    ) {
        let vectors = kernel.a.count
        let end = inputStart + input.count
        kernel.a.withUnsafeBufferPointer { a in
            kernel.b.withUnsafeBufferPointer { b in
                guard let base = input.baseAddress.map({ UnsafeRawPointer($0) }) else {
                    for m in 0..<count { output[m] = .zero }
                    return
                }
                for m in 0..<count {
                    let first = centre + m * ratio - halfTaps + 1
                    guard first >= inputStart, first + 4 * vectors <= end else {
                        output[m] = edgeOutput(kernel, input: input, inputStart: inputStart, first: first)
                        continue
                    }
                    let pointer = base + (first - inputStart) * MemoryLayout<Complex32>.stride
                    var accA0 = SIMD8<Float>.zero, accA1 = SIMD8<Float>.zero
                    var v = 0
                    if kernel.isReal {
                        while v + 1 < vectors {
                            accA0 += pointer.loadUnaligned(fromByteOffset: 32 * v, as: SIMD8<Float>.self) * a[v]
                            accA1 += pointer.loadUnaligned(fromByteOffset: 32 * v + 32, as: SIMD8<Float>.self) * a[v + 1]
                            v += 2
                        }
                        if v < vectors {
                            accA0 += pointer.loadUnaligned(fromByteOffset: 32 * v, as: SIMD8<Float>.self) * a[v]
                        }
                        let acc = accA0 + accA1
                        output[m] = Complex32(acc.evenHalf.sum(), acc.oddHalf.sum())
                    } else {
                        var accB0 = SIMD8<Float>.zero, accB1 = SIMD8<Float>.zero
                        while v + 1 < vectors {
                            let x0 = pointer.loadUnaligned(fromByteOffset: 32 * v, as: SIMD8<Float>.self)
                            let x1 = pointer.loadUnaligned(fromByteOffset: 32 * v + 32, as: SIMD8<Float>.self)
                            accA0 += x0 * a[v]
                            accB0 += x0 * b[v]
                            accA1 += x1 * a[v + 1]
                            accB1 += x1 * b[v + 1]
                            v += 2
                        }
                        if v < vectors {
                            let x0 = pointer.loadUnaligned(fromByteOffset: 32 * v, as: SIMD8<Float>.self)
                            accA0 += x0 * a[v]
                            accB0 += x0 * b[v]
                        }
                        let accA = accA0 + accA1, accB = accB0 + accB1
                        output[m] = Complex32(
                            accA.evenHalf.sum() + accB.oddHalf.sum(), accA.oddHalf.sum() + accB.evenHalf.sum())
                    }
                }
            }
        }
    }

    /// One output whose taps reach beyond the held input (scalar, rare).
    func edgeOutput(_ kernel: Kernel, input: UnsafeBufferPointer<Complex32>, inputStart: Int, first: Int) -> Complex32 {
        var re: Float = 0
        var im: Float = 0
        for k in kernel.re.indices {
            let index = first + k - inputStart
            guard index >= 0, index < input.count else { continue }
            let sample = input[index]
            re += sample.re * kernel.re[k] - sample.im * kernel.im[k]
            im += sample.re * kernel.im[k] + sample.im * kernel.re[k]
        }
        return Complex32(re, im)
    }
}
