import Testing
import LoRaModem

/// The SIMD filter kernel against the plain definition: output m is
/// Σ_k taps[k]·rotor·input[centre + m·ratio + k − halfTaps + 1].
@Suite struct ChannelFilterTests {
    func reference(
        _ filter: ChannelFilter, fraction: Double, cyclesPerInput: Double, input: [Complex32], inputStart: Int, centre: Int,
        count: Int
    ) -> [Complex32] {
        let kernel = filter.kernel(fraction: fraction, cyclesPerInput: cyclesPerInput)
        return (0..<count).map { m in
            var re = 0.0, im = 0.0
            for k in kernel.re.indices {
                let index = centre + m * filter.ratio + k - filter.halfTaps + 1 - inputStart
                guard index >= 0, index < input.count else { continue }
                let x = input[index]
                re += Double(x.re * kernel.re[k] - x.im * kernel.im[k])
                im += Double(x.re * kernel.im[k] + x.im * kernel.re[k])
            }
            return Complex32(Float(re), Float(im))
        }
    }

    @Test(arguments: [(1, 0.0, 0.0), (1, 0.3, 0.0), (2, 0.0, 0.0), (2, 0.7, 0.01), (3, 0.25, -0.02), (4, 0.0, 0.0), (4, 0.6, 0.004)])
    func simdKernelMatchesTheDefinition(ratio: Int, fraction: Double, cyclesPerInput: Double) {
        let filter = ChannelFilter(ratio: ratio)
        var noise = GaussianNoise(seed: UInt64(ratio * 100) + UInt64(fraction * 10))
        var input = [Complex32](repeating: .zero, count: 600)
        noise.add(to: &input, power: 1)
        let kernel = filter.kernel(fraction: fraction, cyclesPerInput: cyclesPerInput)
        #expect(kernel.isReal == (cyclesPerInput == 0))
        let inputStart = 1_000
        // From before the held input (silence) through its end (silence again).
        for centre in [inputStart - 40, inputStart + 3, inputStart + 450] {
            let count = 40
            var output = [Complex32](repeating: Complex32(9, 9), count: count)
            input.withUnsafeBufferPointer { samples in
                output.withUnsafeMutableBufferPointer { out in
                    filter.apply(kernel, input: samples, inputStart: inputStart, centre: centre, count: count, output: out.baseAddress!)
                }
            }
            let expected = reference(
                filter, fraction: fraction, cyclesPerInput: cyclesPerInput, input: input, inputStart: inputStart, centre: centre,
                count: count)
            for m in 0..<count {
                #expect(abs(output[m].re - expected[m].re) < 1e-4 && abs(output[m].im - expected[m].im) < 1e-4, "output \(m) at \(centre)")
            }
        }
    }

    @Test func unitGainInTheBandAndShiftedToTheCarrierOffset() {
        let filter = ChannelFilter(ratio: 4)
        // A tone at 0.2 cycles per input sample: outside the centred passband
        // (±0.1375), inside the one shifted to it.
        var tone = [Complex32]()
        for i in 0..<400 { tone.append(Chirp.rotor(cycles: 0.2 * Double(i))) }
        func outputPower(_ kernel: ChannelFilter.Kernel) -> Float {
            var output = [Complex32](repeating: .zero, count: 20)
            tone.withUnsafeBufferPointer { samples in
                output.withUnsafeMutableBufferPointer { out in
                    filter.apply(kernel, input: samples, inputStart: 0, centre: 100, count: 20, output: out.baseAddress!)
                }
            }
            return output.map(\.power).reduce(0, +) / 20
        }
        #expect(outputPower(filter.kernel(fraction: 0, cyclesPerInput: 0)) < 1e-3)
        #expect(abs(outputPower(filter.kernel(fraction: 0.5, cyclesPerInput: 0.2)) - 1) < 0.01)
    }
}
