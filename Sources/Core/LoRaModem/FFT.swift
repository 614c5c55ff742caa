import CFFTW
import Synchronization

/// A complex FFT of one size through FFTW (single precision), forward or
/// inverse (unnormalised, as FFTW's): the plan and its aligned buffers are
/// made once and reused for every transform.
///
/// Threads: FFTW's planner (plan creation and destruction) is not
/// thread-safe (FFTW manual §5.4 "Thread safety": only `fftw_execute` is),
/// so every `FFTPlan` is made and freed under one process-wide lock
/// (`FFTPlanner`). Receivers may then be created, used and dropped on any
/// number of threads, each receiver on one thread at a time: `execute()`
/// touches only the plan's own buffers.
public final class FFTPlan {
    public let size: Int
    /// Write the input here, call `execute()`, read `output`.
    public let input: UnsafeMutablePointer<fftwf_complex>
    public let output: UnsafeMutablePointer<fftwf_complex>
    private let plan: fftwf_plan

    public init(size: Int, inverse: Bool = false) {
        self.size = size
        let bytes = MemoryLayout<fftwf_complex>.stride * size
        input = fftwf_malloc(bytes)!.bindMemory(to: fftwf_complex.self, capacity: size)
        output = fftwf_malloc(bytes)!.bindMemory(to: fftwf_complex.self, capacity: size)
        input.initialize(repeating: (0, 0), count: size)
        output.initialize(repeating: (0, 0), count: size)
        let (input, output) = (input, output)
        plan = FFTPlanner.serialised { fftwf_plan_dft_1d(Int32(size), input, output, inverse ? FFTW_BACKWARD : FFTW_FORWARD, FFTW_ESTIMATE)! }
    }

    deinit {
        let plan = plan
        FFTPlanner.serialised { fftwf_destroy_plan(plan) }
        fftwf_free(input)
        fftwf_free(output)
    }

    public func execute() { fftwf_execute(plan) }

    @inline(__always)
    public func setInput(_ index: Int, _ value: Complex32) { input[index] = (value.re, value.im) }

    @inline(__always)
    public func outputValue(_ index: Int) -> Complex32 {
        let value = output[index]
        return Complex32(value.0, value.1)
    }

    @inline(__always)
    public func outputPower(_ index: Int) -> Float {
        let value = output[index]
        return value.0 * value.0 + value.1 * value.1
    }
}

/// The one lock around FFTW's planner. A spin lock on an atomic flag, since
/// Embedded Swift has neither Dispatch nor Foundation locks; planning with
/// FFTW_ESTIMATE takes microseconds and happens once per receiver, so
/// waiting threads spin only briefly.
enum FFTPlanner {
    static let busy = Atomic<Bool>(false)

    static func serialised<Result>(_ body: () -> Result) -> Result {
        while !busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged {}
        defer { busy.store(false, ordering: .releasing) }
        return body()
    }
}
