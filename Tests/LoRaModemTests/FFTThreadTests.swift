import Foundation
import LoRaModem
import LoRaPHY
import Testing

/// FFTW's planner is not thread-safe (FFTW manual §5.4): plans are made and
/// destroyed under one lock, so receivers can be built, used and dropped on
/// several threads at once (as Swift Testing runs tests in parallel). Without
/// the lock this test died with SIGFPE/SIGSEGV inside libfftw3f now and then.
@Suite struct FFTThreadTests {
    @Test func receiversOnSeveralThreadsAtOnceAllDecode() throws {
        let samples = try IQFormat.cf32.decode(try fixture("hello_sf7_cr45_bw125k_fs500k.cf32"))
        let threads = 6
        let decoded = Counter()
        let done = DispatchGroup()
        for index in 0..<threads {
            done.enter()
            let thread = Thread {
                defer { done.leave() }
                // Plans of every size made and freed over and over, interleaved with the other threads'.
                for round in 0..<24 {
                    for sf in 7...12 {
                        let parameters = LoRaParameters(spreadingFactor: SpreadingFactor(rawValue: sf)!, bandwidth: .khz125, codingRate: .cr4_5)
                        _ = try? LoRaDemodulator(settings: LoRaReceiverSettings(parameters: parameters, sampleRate: 250_000))
                    }
                    if round % 12 == index % 12 {
                        let parameters = LoRaParameters(spreadingFactor: .sf7, bandwidth: .khz125, codingRate: .cr4_5)
                        if let frames = try? receive(samples, settings: LoRaReceiverSettings(parameters: parameters, sampleRate: 500_000)),
                           frames.first?.result.payload == Array("hello lora".utf8)
                        {
                            decoded.add()
                        }
                    }
                }
            }
            thread.start()
        }
        done.wait()
        #expect(decoded.value == 2 * threads)
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
