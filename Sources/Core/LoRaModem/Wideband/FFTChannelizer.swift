import CFFTW

/// Splits one complex baseband stream into narrow channels by fast
/// convolution (an FFT filter bank, overlap-save): one forward FFT of each
/// input block serves every channel; each channel then takes the bins
/// around its centre, multiplies them by the low-pass filter's response and
/// returns to the time domain with a small inverse FFT, which also
/// decimates (Borgerding, "Turning overlap-save into a multiband mixing,
/// downsampling filter bank", IEEE Signal Processing Magazine, March 2006).
///
/// Chosen over per-channel mixing + FIR decimation by measurement (`lorikeet
/// bench phy`, docs/phy.md): for the same filter it costs a fraction of the
/// CPU, a channel more costs one small FFT, and channels need not lie on a
/// fixed grid (a polyphase bank's do).
///
/// Output sample m of a channel stands for input sample `m·decimation −
/// delaySamples` (the filter's group delay).
public final class FFTChannelizer {
    public let decimation: Int
    public let sampleRateHz: Int
    public let offsetsHz: [Int]
    /// Bin offset of each channel's centre from the stream's centre (the
    /// centre is rounded to a bin: the residue, at most half a bin, is a
    /// carrier offset the demodulator removes).
    public let channelBins: [Int]
    /// Input samples per block (forward FFT size) and output samples per channel block.
    public let blockSize: Int
    public let channelBlockSize: Int
    /// Filter taps − 1: the overlap between blocks.
    public let overlap: Int
    /// Group delay of the channel filter in input samples.
    public var delaySamples: Int { overlap / 2 }

    let forward: FFTPlan
    let inverse: FFTPlan
    /// The filter's response at the channel's bins (j = −C/2 … C/2−1 stored
    /// at j mod C), scaled by 1/blockSize (FFTW does not normalise).
    let response: [Complex32]
    /// Input not yet transformed; element 0 is the first of the next block.
    var held: [Complex32]
    /// Input samples consumed by finished blocks, modulo blockSize (all the
    /// mixing phase needs; a count would overflow a 32-bit Int in 18 minutes).
    var blockPhase = 0

    /// `offsetsHz`: each channel's centre minus the stream's centre.
    /// `decimation`: input rate / output rate (whole). The filter passes
    /// ±0.40 and stops from ±0.5 of the output rate (Blackman window, 64 taps
    /// per output sample: a 5.5/64 output-rate transition).
    public init(sampleRateHz: Int, decimation: Int, offsetsHz: [Int]) {
        self.decimation = decimation
        self.sampleRateHz = sampleRateHz
        self.offsetsHz = offsetsHz
        channelBlockSize = 1024
        let blockSize = channelBlockSize * decimation
        self.blockSize = blockSize
        overlap = 64 * decimation
        channelBins = offsetsHz.map { offset in
            // Nearest bin: offset·blockSize/rate rounded, in 64 bits (armhf's Int is 32).
            let numerator = Int64(offset) * Int64(blockSize)
            let rate = Int64(sampleRateHz), half = Int64(sampleRateHz / 2)
            return Int(numerator >= 0 ? (numerator + half) / rate : -((-numerator + half) / rate))
        }
        forward = FFTPlan(size: blockSize)
        inverse = FFTPlan(size: channelBlockSize, inverse: true)
        held = [Complex32](repeating: .zero, count: overlap)

        // Low-pass prototype: windowed sinc, cutoff 0.45 of the output rate, overlap+1 taps centred on overlap/2.
        let taps = overlap + 1
        let cutoff = 0.45 / Double(decimation)  // cycles per input sample
        let prototype = FFTPlan(size: blockSize)
        for k in 0..<blockSize { prototype.input[k] = (0, 0) }
        var sum = 0.0
        var values = [Double](repeating: 0, count: taps)
        for k in 0..<taps {
            let x = Double(k - overlap / 2)
            let sinc = x == 0 ? 2 * cutoff : sin(2 * Double.pi * cutoff * x) / (Double.pi * x)
            let phase = 2 * Double.pi * Double(k) / Double(taps - 1)
            let window = 0.42 - 0.5 * cos(phase) + 0.08 * cos(2 * phase)
            values[k] = sinc * window
            sum += values[k]
        }
        for k in 0..<taps { prototype.input[k] = (Float(values[k] / sum), 0) }
        prototype.execute()
        var response = [Complex32](repeating: .zero, count: channelBlockSize)
        let scale = 1 / Float(blockSize)
        for j in 0..<channelBlockSize {
            let signed = j < channelBlockSize / 2 ? j : j - channelBlockSize
            response[j] = prototype.outputValue((signed + blockSize) % blockSize) * scale
        }
        self.response = response
    }

    /// How far the bin a channel is centred on lies above the channel's asked-for centre, in Hz.
    public func binResidueHz(channel: Int) -> Double {
        Double(channelBins[channel]) * Double(sampleRateHz) / Double(blockSize) - Double(offsetsHz[channel])
    }

    /// Output samples per channel each block yields.
    public var outputsPerBlock: Int { (blockSize - overlap) / decimation }

    /// Appends input; calls `deliver(channel, samples)` for every channel of
    /// every block the input completes (channel order, then block order).
    public func process(_ input: [Complex32], deliver: (Int, [Complex32]) -> Void) {
        held += input
        let hop = blockSize - overlap
        var consumed = 0
        while held.count - consumed >= blockSize {
            transformBlock(from: consumed, deliver: deliver)
            consumed += hop
            blockPhase = (blockPhase + hop) % blockSize
        }
        if consumed > 0 { held.removeFirst(consumed) }
    }

    /// End of the stream: zeros push every held input sample through the filter.
    public func finish(deliver: (Int, [Complex32]) -> Void) {
        let hop = blockSize - overlap
        let unprocessed = held.count - overlap
        guard unprocessed > 0 else { return }
        let blocks = (unprocessed + overlap / 2 + hop - 1) / hop
        process([Complex32](repeating: .zero, count: blocks * hop - unprocessed), deliver: deliver)
    }

    func transformBlock(from start: Int, deliver: (Int, [Complex32]) -> Void) {
        held.withUnsafeBufferPointer { samples in
            for k in 0..<blockSize {
                let value = samples[start + k]
                forward.input[k] = (value.re, value.im)
            }
        }
        forward.execute()
        let firstValid = overlap / decimation
        for (channel, bin) in channelBins.enumerated() {
            // Block input index 0 is stream sample (blocks so far × hop) − overlap;
            // mixing by e^{−j2π·bin·t/blockSize} in stream time needs this block's phase.
            let start = Int64((blockPhase - overlap + blockSize) % blockSize)
            let phaseIndex = Int((Int64(bin % blockSize) * start) % Int64(blockSize))
            let rotor = Chirp.rotor(cycles: -Double(phaseIndex) / Double(blockSize))
            for j in 0..<channelBlockSize {
                let signed = j < channelBlockSize / 2 ? j : j - channelBlockSize
                let source = ((bin + signed) % blockSize + blockSize) % blockSize
                let value = forward.outputValue(source) * response[j] * rotor
                inverse.input[j] = (value.re, value.im)
            }
            inverse.execute()
            var out = [Complex32](repeating: .zero, count: channelBlockSize - firstValid)
            for m in firstValid..<channelBlockSize { out[m - firstValid] = inverse.outputValue(m) }
            deliver(channel, out)
        }
    }
}
