import CFFTW

/// A forward complex FFT of one size through FFTW (single precision): the
/// plan and its aligned buffers are made once and reused for every transform.
public final class FFTPlan {
    public let size: Int
    /// Write the input here, call `execute()`, read `output`.
    public let input: UnsafeMutablePointer<fftwf_complex>
    public let output: UnsafeMutablePointer<fftwf_complex>
    private let plan: fftwf_plan

    public init(size: Int) {
        self.size = size
        let bytes = MemoryLayout<fftwf_complex>.stride * size
        input = fftwf_malloc(bytes)!.bindMemory(to: fftwf_complex.self, capacity: size)
        output = fftwf_malloc(bytes)!.bindMemory(to: fftwf_complex.self, capacity: size)
        input.initialize(repeating: (0, 0), count: size)
        output.initialize(repeating: (0, 0), count: size)
        plan = fftwf_plan_dft_1d(Int32(size), input, output, FFTW_FORWARD, FFTW_ESTIMATE)!
    }

    deinit {
        fftwf_destroy_plan(plan)
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
