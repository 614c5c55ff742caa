/// One complex baseband sample (I + jQ), single precision as GNU Radio's cf32.
public struct Complex32: Sendable, Equatable {
    public var re: Float
    public var im: Float

    @inline(__always)
    public init(_ re: Float, _ im: Float) {
        self.re = re
        self.im = im
    }

    public static let zero = Complex32(0, 0)

    @inline(__always)
    public static func + (a: Complex32, b: Complex32) -> Complex32 { Complex32(a.re + b.re, a.im + b.im) }

    @inline(__always)
    public static func * (a: Complex32, b: Complex32) -> Complex32 {
        Complex32(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re)
    }

    @inline(__always)
    public static func * (a: Complex32, scale: Float) -> Complex32 { Complex32(a.re * scale, a.im * scale) }

    public var conjugate: Complex32 { Complex32(re, -im) }
    public var power: Float { re * re + im * im }
}
