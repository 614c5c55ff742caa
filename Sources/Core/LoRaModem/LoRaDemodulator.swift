import CFFTW
import LoRaPHY

/// What the receiver listens for.
public struct LoRaReceiverSettings: Sendable {
    /// SF, bandwidth; coding rate and CRC only matter in implicit-header mode.
    public var parameters: LoRaParameters
    /// Samples per second of the input; an integer multiple of the bandwidth.
    public var sampleRate: Double
    public var syncWord: UInt8
    /// Payload length in implicit-header mode.
    public var implicitPayloadLength: Int
    /// Soft (max-log) decoding from FFT magnitudes, else hard symbol decisions.
    public var softDecoding: Bool

    public init(
        parameters: LoRaParameters, sampleRate: Double, syncWord: UInt8 = 0x12, implicitPayloadLength: Int = 0,
        softDecoding: Bool = true
    ) {
        self.parameters = parameters
        self.sampleRate = sampleRate
        self.syncWord = syncWord
        self.implicitPayloadLength = implicitPayloadLength
        self.softDecoding = softDecoding
    }
}

/// One frame found in the stream.
public struct LoRaReceivedFrame: Sendable {
    public var result: LoRaDecodeResult
    /// Hard chirp decisions of the data symbols (+1 shift included).
    public var symbols: [Int]
    /// In-band SNR (signal power over noise power in the bandwidth), from the data symbols.
    public var snrDB: Double
    /// Carrier offset of the transmitter in hertz.
    public var cfoHz: Double
    /// Start of the preamble, in seconds from the first sample.
    public var offsetSeconds: Double
    /// End of the last data symbol, in seconds from the first sample.
    public var endSeconds: Double = 0
    /// Mean power of the channel-filtered samples over the data symbols
    /// (signal and noise in the bandwidth), in dB relative to a full-scale
    /// (amplitude 1) tone: the basis of an RSSI estimate.
    public var channelPowerDB: Double = -200
}

/// Why a receiver could not be set up.
public struct LoRaModemError: Error, Sendable, Equatable {
    public let message: String
    public init(message: String) { self.message = message }
}

/// A streaming LoRa receiver for one SF and bandwidth: feed it samples in
/// chunks of any size and it returns the frames completed so far.
///
/// Synchronisation (after Bernier et al., "Low complexity LoRa frame
/// synchronization", and tapparelj/gr-lora_sdr's frame_sync): up-chirp
/// windows on an arbitrary grid show one FFT peak u = CFO − timing offset;
/// four consecutive equal peaks are a preamble. Re-gridding by u, the two
/// down-chirps show 2·CFO − u, which splits carrier and timing offsets
/// (integer and fractional, CFO up to ±BW/4); the phase advance between
/// preamble windows refines the fractional CFO, aligned windows then refine
/// the timing, and the sync word is checked before the header is decoded.
public final class LoRaDemodulator {
    public let settings: LoRaReceiverSettings
    let n: Int
    let sf: Int
    let ratio: Int
    let filter: ChannelFilter
    let fft: FFTPlan
    let decoder: LoRaDecoder
    /// conj(base up-chirp) and the base up-chirp, one sample per chip.
    let upReference: [Complex32]
    let downReference: [Complex32]
    /// Peak-to-mean power ratio above which a down-chirp window counts.
    let significance: Float

    /// The most input samples per chip a receiver takes (its filter has 12
    /// taps per sample per chip, and it holds a frame's input until decoded).
    public static let maxSamplesPerChip = 64

    /// Sync words of preambles that were skipped because they did not match.
    public private(set) var otherSyncWords: [UInt8] = []

    var raw: [Complex32] = []
    /// Stream index of `raw[0]`. 64-bit, and only ever converted from a
    /// difference: a 32-bit Int (armhf) would overflow after 2^31 samples
    /// (36 minutes at 1 MS/s).
    var rawStart: Int64 = 0
    var scanChip = 0.0
    var runBin = -10
    var runLength = 0
    var pending: (chip: Double, bin: Int)?
    var progress: FrameProgress?
    var draining = false
    /// Filtered windows (`windowSlots` of N samples) and their (chip, CFO) keys.
    var windows: [Complex32]
    var windowKeys: [(chip: Double, cfo: Double)]
    var nextWindowSlot = 0
    let scanKernel: ChannelFilter.Kernel
    var frameKernel: ChannelFilter.Kernel
    var dechirpCache: (cfo: Double, up: [Complex32], down: [Complex32]) = (0, [], [])

    public init(settings: LoRaReceiverSettings) throws(LoRaModemError) {
        self.settings = settings
        let ratioValue = settings.sampleRate / settings.parameters.bandwidth.hertz
        let rounded = ratioValue.rounded()
        // Checked before any conversion to an integer: the rate comes from outside.
        guard settings.sampleRate.isFinite, ratioValue.isFinite, rounded <= Double(LoRaDemodulator.maxSamplesPerChip) else {
            throw LoRaModemError(
                message: "sample rate is more than \(LoRaDemodulator.maxSamplesPerChip) samples per chip of the \(settings.parameters.bandwidth.kilohertzLabel) kHz bandwidth: decimate first, or decode it as a wideband stream")
        }
        guard rounded >= 1, abs(ratioValue - rounded) < 1e-6 else {
            throw LoRaModemError(
                message: "sample rate \(Int(settings.sampleRate.rounded())) Hz is not a whole multiple of the \(settings.parameters.bandwidth.kilohertzLabel) kHz bandwidth")
        }
        ratio = Int(rounded)
        sf = settings.parameters.spreadingFactor.rawValue
        n = 1 << sf
        filter = ChannelFilter(ratio: ratio)
        fft = FFTPlan(size: n)
        decoder = LoRaDecoder(parameters: settings.parameters, implicitPayloadLength: settings.implicitPayloadLength)
        let base = Chirp.baseUpChirp(chips: n)
        downReference = base
        upReference = base.map { $0.conjugate }
        significance = Float(2 * log(Double(n)))
        let windowSlots = 4
        windows = [Complex32](repeating: .zero, count: windowSlots * n)
        windowKeys = [(chip: Double, cfo: Double)](repeating: (.nan, .nan), count: windowSlots)
        scanKernel = filter.kernel(fraction: 0, cyclesPerInput: 0)
        frameKernel = scanKernel
    }

    /// Seconds per chip.
    var chipSeconds: Double { 1 / settings.parameters.bandwidth.hertz }

    // MARK: stream

    /// Appends samples and returns the frames they complete.
    public func process(_ samples: [Complex32]) -> [LoRaReceivedFrame] {
        raw += samples
        return run()
    }

    /// End of the stream: decodes what can still be decoded.
    public func finish() -> [LoRaReceivedFrame] {
        draining = true
        return run()
    }

    func run() -> [LoRaReceivedFrame] {
        var frames = [LoRaReceivedFrame]()
        while true {
            if pending != nil || progress != nil {
                let outcome: Attempt
                if var frame = progress {
                    outcome = continueFrame(&frame)
                    progress = frame
                } else {
                    outcome = attempt(chip: pending!.chip, bin: pending!.bin)
                }
                switch outcome {
                case .needMore:
                    trim()
                    return frames
                case .failed(let resume):
                    pending = nil
                    progress = nil
                    scanChip = max(scanChip, resume)
                case .synced(let frame):
                    pending = nil
                    progress = frame
                case .frame(let frame, let end):
                    pending = nil
                    progress = nil
                    frames.append(frame)
                    scanChip = end
                    runLength = 0
                }
                continue
            }
            guard available(chip: scanChip, count: n) else {
                trim()
                return frames
            }
            let peak = spectrumPeak(chip: scanChip, reference: .up)
            // Within 2 bins of the last: a peak between two bins (fractional
            // carrier and timing offsets) lands on either side from window to
            // window, so consecutive peaks can be 2 apart (seen at SF11 with a
            // 47.55-bin offset: 1346, 1348, 1346, 1348 — no run of 4 within 1).
            if circularDistance(peak.bin, runBin) <= 2 {
                runLength += 1
            } else {
                runLength = 1
            }
            runBin = peak.bin
            if runLength >= 4 {
                pending = (scanChip, peak.bin)
                runLength = 0
            }
            scanChip += Double(n)
        }
    }

    /// Drops input that no window will read again.
    func trim() {
        let keepChip = min(pending?.chip ?? scanChip, progress?.preambleStart ?? scanChip, scanChip) - Double(20 * n)
        let keep = (keepChip * Double(ratio)).rounded(.down) - Double(filter.halfTaps + 1)
        let drop = keep - Double(rawStart)
        if drop > 65_536 && drop > Double(raw.count / 2) {
            let count = min(raw.count, Int(drop))
            raw.removeFirst(count)
            rawStart += Int64(count)
        }
    }

    // MARK: windows

    /// Whether the input before a window at `chip` is still held (before the
    /// first sample of the stream counts as silence).
    func reachable(chip: Double) -> Bool {
        if rawStart == 0 { return chip >= -0.5 }
        return chip * Double(ratio) - Double(filter.halfTaps) >= Double(rawStart)
    }

    func available(chip: Double, count: Int) -> Bool {
        // At the end of the stream, missing samples count as silence.
        let end = Double(rawStart) + Double(raw.count)
        if draining { return chip * Double(ratio) < end }
        let last = ((chip + Double(count)) * Double(ratio)).rounded(.down) + Double(filter.halfTaps)
        return last < end
    }

    /// Which chirp a window is multiplied with before its FFT.
    enum Reference {
        /// conj(base up-chirp): an up-chirp of symbol s peaks at bin s.
        case up
        /// The base up-chirp: a down-chirp peaks at bin 0.
        case down
    }

    /// Fills the FFT input with one sample per chip from `chip` on, each
    /// multiplied by the `reference` chirp, and transforms it. A carrier offset
    /// (in bins) is removed before the channel filter (its taps are shifted in
    /// frequency), so the filter and the fractional-delay interpolation see the
    /// signal centred in the band.
    func fill(chip: Double, reference: Reference, cfoBins: Double = 0) {
        let slot = filteredWindow(chip: chip, cfoBins: cfoBins)
        let table: [Complex32]
        switch reference {
        case .up: table = cfoBins == 0 ? upReference : dechirpTables(cfoBins: cfoBins).up
        case .down: table = cfoBins == 0 ? downReference : dechirpTables(cfoBins: cfoBins).down
        }
        windows.withUnsafeBufferPointer { store in
            table.withUnsafeBufferPointer { chirp in
                let offset = slot * n
                for m in 0..<n {
                    let value = store[offset + m] * chirp[m]
                    fft.input[m] = (value.re, value.im)
                }
            }
        }
        fft.execute()
    }

    /// The dechirping chirps with a carrier offset of `cfoBins` removed too
    /// (computed once per offset, i.e. once per frame).
    func dechirpTables(cfoBins: Double) -> (up: [Complex32], down: [Complex32]) {
        if dechirpCache.cfo != cfoBins {
            var up = upReference, down = downReference
            for m in 0..<n {
                let rotor = Chirp.rotor(cycles: -cfoBins * Double(m) / Double(n))
                up[m] = up[m] * rotor
                down[m] = down[m] * rotor
            }
            dechirpCache = (cfoBins, up, down)
        }
        return (dechirpCache.up, dechirpCache.down)
    }

    /// The channel-filtered, decimated window at `chip` (one sample per chip)
    /// in slot `result` of `windows`. Windows are remembered: synchronisation
    /// reads the same window with both chirps and again one step later.
    func filteredWindow(chip: Double, cfoBins: Double) -> Int {
        for slot in windowKeys.indices where windowKeys[slot].chip == chip && windowKeys[slot].cfo == cfoBins {
            return slot
        }
        let slot = nextWindowSlot
        nextWindowSlot = (nextWindowSlot + 1) % windowKeys.count
        windowKeys[slot] = (chip, cfoBins)
        // Positions relative to raw[0] (exact: rawStart is a whole number below 2^53).
        let position = chip * Double(ratio) - Double(rawStart)
        let floor = position.rounded(.down)
        // A window far outside what is held reads as silence (never an out-of-range Int).
        guard floor > -Double(4 * n * ratio), floor < Double(raw.count + 4 * n * ratio) else {
            for m in 0..<n { windows[slot * n + m] = .zero }
            return slot
        }
        let n0 = Int(floor)
        let fraction = position - floor
        if ratio == 1 && fraction == 0 && cfoBins == 0 {
            raw.withUnsafeBufferPointer { input in
                for m in 0..<n {
                    let index = n0 + m
                    windows[slot * n + m] = index >= 0 && index < input.count ? input[index] : .zero
                }
            }
            return slot
        }
        let cyclesPerInput = cfoBins / Double(n * ratio)
        // The scan's kernel (on the chip grid, no offset) is kept apart from a frame's.
        let kernel: ChannelFilter.Kernel
        if fraction == 0 && cyclesPerInput == 0 {
            kernel = scanKernel
        } else {
            if frameKernel.fraction != fraction || frameKernel.cyclesPerInput != cyclesPerInput {
                frameKernel = filter.kernel(fraction: fraction, cyclesPerInput: cyclesPerInput)
            }
            kernel = frameKernel
        }
        raw.withUnsafeBufferPointer { input in
            windows.withUnsafeMutableBufferPointer { store in
                filter.apply(
                    kernel, input: input, inputStart: 0, centre: n0, count: n, output: store.baseAddress! + slot * n)
            }
        }
        return slot
    }

    struct Peak {
        var bin: Int
        var power: Float
        var total: Float
        /// Fractional offset of the true peak from `bin` (Jacobsen's estimator).
        var fraction: Double
        var value: Complex32
    }

    func spectrumPeak(chip: Double, reference: Reference, cfoBins: Double = 0) -> Peak {
        fill(chip: chip, reference: reference, cfoBins: cfoBins)
        return currentPeak()
    }

    func currentPeak() -> Peak {
        var noMagnitudes: [Float]? = nil
        let (best, bestPower, total) = strongestBin(magnitudes: &noMagnitudes)
        let left = fft.outputValue((best - 1) & (n - 1))
        let centre = fft.outputValue(best)
        let right = fft.outputValue((best + 1) & (n - 1))
        // δ = Re[(X₋ − X₊) / (2X₀ − X₋ − X₊)]
        let numRe = left.re - right.re, numIm = left.im - right.im
        let denRe = 2 * centre.re - left.re - right.re, denIm = 2 * centre.im - left.im - right.im
        let denPower = denRe * denRe + denIm * denIm
        var fraction = denPower > 0 ? Double((numRe * denRe + numIm * denIm) / denPower) : 0
        fraction = max(-0.5, min(0.5, fraction))
        return Peak(bin: best, power: bestPower, total: total, fraction: fraction, value: centre)
    }

    /// The strongest bin of the current spectrum, its power and the total
    /// power of all bins; also each bin's magnitude when `magnitudes` is given
    /// (the soft decoder's input).
    func strongestBin(magnitudes: inout [Float]?) -> (bin: Int, power: Float, total: Float) {
        var best = 0
        var bestPower: Float = -1
        var total: Float = 0
        for k in 0..<n {
            let power = fft.outputPower(k)
            total += power
            magnitudes?[k] = power.squareRoot()
            if power > bestPower {
                bestPower = power
                best = k
            }
        }
        return (best, bestPower, total)
    }

    func circularDistance(_ a: Int, _ b: Int) -> Int {
        let d = (a - b) & (n - 1)
        return min(d, n - d)
    }

    /// Signed bin in (−N/2, N/2].
    func signedBin(_ bin: Double) -> Double {
        var value = bin.truncatingRemainder(dividingBy: Double(n))
        if value > Double(n) / 2 { value -= Double(n) }
        if value <= -Double(n) / 2 { value += Double(n) }
        return value
    }

    // MARK: frame synchronisation

    enum Attempt {
        case needMore
        case failed(resumeChip: Double)
        case synced(FrameProgress)
        case frame(LoRaReceivedFrame, endChip: Double)
    }

    func attempt(chip: Double, bin: Int) -> Attempt {
        let chips = Double(n)
        let u = bin > n / 2 ? bin - n : bin
        let grid = chip - Double(u)
        let giveUp = Attempt.failed(resumeChip: chip + chips)
        // Find the first aligned window j whose windows j+2 and j+3 are down-chirps.
        var sync: Int?
        var downPeaks: (Peak, Peak)?
        var previousDown: Peak?
        for j in -1...64 {
            let start = grid + Double(j + 2) * chips
            guard available(chip: start, count: 2 * n) else { return draining ? giveUp : .needMore }
            let down3 = spectrumPeak(chip: start + chips, reference: .down)
            let up3 = currentPowerOf(reference: .up, chip: start + chips)
            let down2 = previousDown ?? spectrumPeak(chip: start, reference: .down)
            let up2 = currentPowerOf(reference: .up, chip: start)
            previousDown = down3
            // Both windows favour the down-chirp, agree on its bin, and stand out
            // from the noise together (one may be faded at low SNR).
            let ratio2 = down2.power * Float(n) / max(down2.total, .leastNormalMagnitude)
            let ratio3 = down3.power * Float(n) / max(down3.total, .leastNormalMagnitude)
            if down2.power > up2 && down3.power > up3 && circularDistance(down2.bin, down3.bin) <= 1
                && ratio2 + ratio3 > 1.5 * significance
            {
                sync = j
                downPeaks = (down2, down3)
                break
            }
        }
        guard let j = sync, let (down2, down3) = downPeaks else { return giveUp }
        let syncChip = grid + Double(j) * chips

        // Preamble windows before the sync word (aligned grid: peaks near bin 0).
        var upFractions = [Double]()
        var phaseRe = 0.0, phaseIm = 0.0
        var previous: Complex32?
        for k in stride(from: 3, through: 1, by: -1) {
            let start = syncChip - Double(k) * chips
            guard available(chip: start, count: n), reachable(chip: start) else { continue }
            fill(chip: start, reference: .up)
            let peak = currentPeak()
            guard circularDistance(peak.bin, 0) <= 1 else {
                previous = nil
                continue
            }
            upFractions.append(signedBin(Double(peak.bin)) + peak.fraction)
            let atZero = fft.outputValue(0)
            if let last = previous {
                let product = atZero * last.conjugate
                phaseRe += Double(product.re)
                phaseIm += Double(product.im)
            }
            previous = atZero
        }
        guard !upFractions.isEmpty else { return giveUp }
        let deltaU = upFractions.reduce(0, +) / Double(upFractions.count)
        let v2 = Double(down2.bin) + down2.fraction
        var v3 = Double(down3.bin) + down3.fraction
        if v3 - v2 > chips / 2 { v3 -= chips }
        if v2 - v3 > chips / 2 { v3 += chips }
        let v = signedBin((v2 + v3) / 2)
        let coarse = (v + deltaU) / 2
        var cfo = coarse
        if phaseRe != 0 || phaseIm != 0 {
            let fine = atan2(phaseIm, phaseRe) / (2 * Double.pi)
            cfo = fine + (coarse - fine).rounded()
        }
        var tau = syncChip + cfo - deltaU

        // Refine the timing on windows aligned with the estimate.
        guard available(chip: tau + 4 * chips, count: n) else { return draining ? giveUp : .needMore }
        var refinedU = [Double]()
        for k in 1...2 {
            let start = tau - Double(k) * chips
            guard reachable(chip: start) else { continue }
            let peak = spectrumPeak(chip: start, reference: .up, cfoBins: cfo)
            if circularDistance(peak.bin, 0) <= 1 { refinedU.append(signedBin(Double(peak.bin)) + peak.fraction) }
        }
        var refinedV = [Double]()
        for k in 2...3 {
            let peak = spectrumPeak(chip: tau + Double(k) * chips, reference: .down, cfoBins: cfo)
            if circularDistance(peak.bin, 0) <= 1 { refinedV.append(signedBin(Double(peak.bin)) + peak.fraction) }
        }
        if !refinedU.isEmpty && !refinedV.isEmpty {
            let du = refinedU.reduce(0, +) / Double(refinedU.count)
            let dv = refinedV.reduce(0, +) / Double(refinedV.count)
            tau -= (du - dv) / 2
        }

        // Sync word.
        let (sync1, sync2) = LoRaModulator.syncSymbols(settings.syncWord)
        let first = spectrumPeak(chip: tau, reference: .up, cfoBins: cfo)
        let second = spectrumPeak(chip: tau + chips, reference: .up, cfoBins: cfo)
        guard circularDistance(first.bin, sync1) <= 1, circularDistance(second.bin, sync2) <= 1 else {
            // Another network's frame: note its sync word (nibbles ×8 on air).
            let high = UInt8(((first.bin + 4) / 8) & 0xF), low = UInt8(((second.bin + 4) / 8) & 0xF)
            otherSyncWords.append(high << 4 | low)
            return .failed(resumeChip: tau + 4 * chips)
        }

        // Preamble length, for the frame's start time.
        var preamble = 0
        while preamble < 64 {
            let start = tau - Double(preamble + 1) * chips
            guard reachable(chip: start) else { break }
            let peak = spectrumPeak(chip: start, reference: .up, cfoBins: cfo)
            guard circularDistance(peak.bin, 0) <= 1, peak.power > significance * peak.total / Float(n) else { break }
            preamble += 1
        }

        let progress = FrameProgress(
            tau: tau, cfo: cfo, dataStart: tau + 4.25 * chips, preambleStart: tau - Double(preamble) * chips)
        return .synced(progress)
    }

    /// A synchronised frame being demodulated (kept across input chunks).
    struct FrameProgress {
        var tau: Double
        var cfo: Double
        var dataStart: Double
        var preambleStart: Double
        var spectra: [[Float]] = []
        var hard: [Int] = []
        var signal = 0.0
        var noise = 0.0
        /// Σ over data symbols of the total FFT power (N² × mean sample power).
        var power = 0.0
        var symbolCount: Int?
    }

    /// Demodulates the symbols of `progress` the input holds; the frame once complete.
    func continueFrame(_ progress: inout FrameProgress) -> Attempt {
        let chips = Double(n)
        func demodulate(upTo count: Int) -> Bool {
            while progress.hard.count < count {
                let start = progress.dataStart + Double(progress.hard.count) * chips
                guard available(chip: start, count: n) else { return false }
                fill(chip: start, reference: .up, cfoBins: progress.cfo)
                var magnitudes: [Float]? = [Float](repeating: 0, count: n)
                let (best, bestPower, total) = strongestBin(magnitudes: &magnitudes)
                let noisePerBin = Double(total - bestPower) / Double(n - 1)
                progress.signal += max(0, Double(bestPower) - noisePerBin)
                progress.noise += noisePerBin * chips
                progress.power += Double(total)
                progress.spectra.append(magnitudes!)
                progress.hard.append(best)
            }
            return true
        }
        let giveUp = Attempt.failed(resumeChip: progress.dataStart)
        if progress.symbolCount == nil {
            guard demodulate(upTo: LoRaFrameLayout.firstBlockSymbols) else { return draining ? giveUp : .needMore }
            let header: LoRaHeader?
            if settings.parameters.explicitHeader {
                header = settings.softDecoding
                    ? decoder.header(firstBlockMagnitudes: progress.spectra) : decoder.header(firstBlock: progress.hard)
            } else {
                header = decoder.implicitHeader
            }
            progress.symbolCount = header.map { decoder.symbolCount(header: $0) } ?? LoRaFrameLayout.firstBlockSymbols
        }
        let count = progress.symbolCount ?? LoRaFrameLayout.firstBlockSymbols
        guard demodulate(upTo: count) else { return draining ? giveUp : .needMore }
        let end = progress.dataStart + Double(count) * chips
        let result: LoRaDecodeResult
        do {
            result = settings.softDecoding
                ? try decoder.decode(magnitudes: progress.spectra) : try decoder.decode(symbols: progress.hard)
        } catch {
            return .failed(resumeChip: end)
        }
        let signal = progress.signal, noise = progress.noise
        let snr = signal <= 0 ? -99 : noise <= 0 ? 99 : min(99, 10 * log10(signal / noise))
        let meanPower = progress.power / (chips * chips * Double(max(1, count)))
        let frame = LoRaReceivedFrame(
            result: result, symbols: progress.hard, snrDB: snr,
            cfoHz: progress.cfo * settings.parameters.bandwidth.hertz / chips,
            offsetSeconds: progress.preambleStart * chipSeconds, endSeconds: end * chipSeconds,
            channelPowerDB: meanPower > 0 ? max(-200, 10 * log10(meanPower)) : -200)
        // Capture: a frame that failed its checks may have been overrun by a
        // stronger one on the same channel and SF that started during it; scan
        // its data again so that the stronger one's preamble is found.
        let intact = result.headerValid && result.crc != .bad
        return .frame(frame, endChip: intact ? end : progress.dataStart)
    }

    /// Peak power of the window at `chip` dechirped with `reference`.
    func currentPowerOf(reference: Reference, chip: Double) -> Float {
        spectrumPeak(chip: chip, reference: reference).power
    }
}
