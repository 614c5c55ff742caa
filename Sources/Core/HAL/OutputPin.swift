/// A digital output (radio NRESET, a software chip select, an RF switch).
public protocol OutputPin {
    associatedtype Failure: HALError

    mutating func setHigh(_ high: Bool) throws(Failure)
}
