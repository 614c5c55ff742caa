/// LoRa's diagonal interleaver (EP2763321): a block of `rowBits` codewords of
/// `codewordBits` bits becomes `codewordBits` symbols of `rowBits` bits. Bit j
/// (most significant first) of symbol i is bit i (first sent first) of
/// codeword (i − j − 1) mod rowBits.
public enum LoRaInterleaver {
    /// Interleaves one block: `codewords.count == rowBits`; returns `codewordBits` rows.
    public static func interleave(_ codewords: [UInt8], codewordBits: Int) -> [Int] {
        let rowBits = codewords.count
        var rows = [Int](repeating: 0, count: codewordBits)
        for i in 0..<codewordBits {
            var row = 0
            for j in 0..<rowBits {
                let codeword = codewords[modulo(i - j - 1, rowBits)]
                let bit = Int(codeword >> UInt8(codewordBits - 1 - i)) & 1
                row |= bit << (rowBits - 1 - j)
            }
            rows[i] = row
        }
        return rows
    }

    /// Undoes `interleave` on hard rows: returns `rowBits` codewords.
    public static func deinterleave(_ rows: [Int], rowBits: Int) -> [UInt8] {
        let codewordBits = rows.count
        var codewords = [UInt8](repeating: 0, count: rowBits)
        for i in 0..<codewordBits {
            for j in 0..<rowBits {
                let bit = UInt8((rows[i] >> (rowBits - 1 - j)) & 1)
                codewords[modulo(i - j - 1, rowBits)] |= bit << UInt8(codewordBits - 1 - i)
            }
        }
        return codewords
    }

    /// Undoes `interleave` on soft rows (`rows[i][j]`: LLR of bit j, most
    /// significant first): returns per codeword the LLRs of its bits, first sent first.
    public static func deinterleave(soft rows: [[Float]], rowBits: Int) -> [[Float]] {
        let codewordBits = rows.count
        var codewords = [[Float]](repeating: [Float](repeating: 0, count: codewordBits), count: rowBits)
        for i in 0..<codewordBits {
            for j in 0..<rowBits {
                codewords[modulo(i - j - 1, rowBits)][i] = rows[i][j]
            }
        }
        return codewords
    }

    @inline(__always)
    static func modulo(_ value: Int, _ divisor: Int) -> Int {
        let remainder = value % divisor
        return remainder < 0 ? remainder + divisor : remainder
    }
}
