import Foundation
import LoRaModem

/// liquid-dsp 1.5 (Debian libliquid1), loaded at run time for the channelizer
/// comparison only: Lorikeet itself does not use it (docs/phy.md says why).
/// The C signatures are liquid.h's; `liquid_float_complex` is two floats.
struct LiquidDSP {
    typealias Create3 = @convention(c) (UInt32, UInt32, Float) -> OpaquePointer?
    typealias CreatePFB = @convention(c) (Int32, UInt32, UInt32, Float) -> OpaquePointer?
    typealias DecimBlock = @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?, UInt32, UnsafeMutableRawPointer?) -> Int32
    typealias NCOCreate = @convention(c) (Int32) -> OpaquePointer?
    typealias NCOSetFrequency = @convention(c) (OpaquePointer?, Float) -> Int32
    typealias NCOMix = @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?, UnsafeMutableRawPointer?, UInt32) -> Int32
    typealias PFBExecute = @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?, UnsafeMutableRawPointer?) -> Int32
    typealias Destroy = @convention(c) (OpaquePointer?) -> Int32

    let firdecimCreate: Create3
    let firdecimExecuteBlock: DecimBlock
    let firdecimDestroy: Destroy
    let ncoCreate: NCOCreate
    let ncoSetFrequency: NCOSetFrequency
    let ncoMixBlockDown: NCOMix
    let ncoDestroy: Destroy
    let pfbCreate: CreatePFB
    let pfbExecute: PFBExecute
    let pfbDestroy: Destroy

    init?() {
        guard let library = dlopen("libliquid.so.1", RTLD_NOW) ?? dlopen("libliquid.so", RTLD_NOW) else { return nil }
        func symbol<T>(_ name: String, _: T.Type) -> T? { dlsym(library, name).map { unsafeBitCast($0, to: T.self) } }
        guard let a = symbol("firdecim_crcf_create_kaiser", Create3.self),
              let b = symbol("firdecim_crcf_execute_block", DecimBlock.self),
              let c = symbol("firdecim_crcf_destroy", Destroy.self),
              let d = symbol("nco_crcf_create", NCOCreate.self),
              let e = symbol("nco_crcf_set_frequency", NCOSetFrequency.self),
              let f = symbol("nco_crcf_mix_block_down", NCOMix.self),
              let g = symbol("nco_crcf_destroy", Destroy.self),
              let h = symbol("firpfbch2_crcf_create_kaiser", CreatePFB.self),
              let i = symbol("firpfbch2_crcf_execute", PFBExecute.self),
              let j = symbol("firpfbch2_crcf_destroy", Destroy.self)
        else { return nil }
        (firdecimCreate, firdecimExecuteBlock, firdecimDestroy) = (a, b, c)
        (ncoCreate, ncoSetFrequency, ncoMixBlockDown, ncoDestroy) = (d, e, f, g)
        (pfbCreate, pfbExecute, pfbDestroy) = (h, i, j)
    }

    /// Per channel: NCO mix down, then a Kaiser FIR decimator (length 2·D·m+1, 60 dB).
    func mixingDecimatorCPU(_ samples: [Complex32], offsetsCycles: [Double], decimation: Int, semiLength: Int) -> Double {
        let decimators = offsetsCycles.map { _ in firdecimCreate(UInt32(decimation), UInt32(semiLength), 60) }
        let oscillators = offsetsCycles.map { offset -> OpaquePointer? in
            let nco = ncoCreate(0)  // LIQUID_NCO
            _ = ncoSetFrequency(nco, Float(2 * Double.pi * offset))
            return nco
        }
        var mixed = [Complex32](repeating: .zero, count: 262_144)
        var output = [Complex32](repeating: .zero, count: 262_144 / decimation)
        let cpu = PhyBench.channelizerCPU(samples) { chunk in
            var input = chunk
            let count = input.count
            let blocks = count / decimation
            for c in offsetsCycles.indices {
                input.withUnsafeMutableBytes { x in
                    mixed.withUnsafeMutableBytes { y in _ = ncoMixBlockDown(oscillators[c], x.baseAddress, y.baseAddress, UInt32(count)) }
                }
                mixed.withUnsafeMutableBytes { x in
                    output.withUnsafeMutableBytes { y in _ = firdecimExecuteBlock(decimators[c], x.baseAddress, UInt32(blocks), y.baseAddress) }
                }
            }
        }
        for decimator in decimators { _ = firdecimDestroy(decimator) }
        for oscillator in oscillators { _ = ncoDestroy(oscillator) }
        return cpu
    }

    /// A 2× oversampled polyphase analysis bank of `channels` (all computed).
    func polyphaseBankCPU(_ samples: [Complex32], channels: Int, semiLength: Int) -> Double {
        let bank = pfbCreate(0, UInt32(channels), UInt32(semiLength), 60)  // LIQUID_ANALYZER
        var output = [Complex32](repeating: .zero, count: channels)
        let hop = channels / 2
        let cpu = PhyBench.channelizerCPU(samples) { chunk in
            var input = chunk
            input.withUnsafeMutableBufferPointer { x in
                output.withUnsafeMutableBytes { y in
                    var index = 0
                    while index + hop <= x.count {
                        _ = pfbExecute(bank, UnsafeMutableRawPointer(x.baseAddress! + index), y.baseAddress)
                        index += hop
                    }
                }
            }
        }
        _ = pfbDestroy(bank)
        return cpu
    }
}
