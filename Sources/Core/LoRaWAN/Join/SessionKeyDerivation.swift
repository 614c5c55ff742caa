extension SessionKeys {
    /// The session keys of a LoRaWAN 1.0.x join (§6.2.5):
    ///
    ///     NwkSKey = aes128_encrypt(AppKey, 0x01 | AppNonce | NetID | DevNonce | pad16)
    ///     AppSKey = aes128_encrypt(AppKey, 0x02 | AppNonce | NetID | DevNonce | pad16)
    ///
    /// with AppNonce and NetID as 3 bytes and DevNonce as 2, little-endian as on air.
    public static func derive(
        appKey: AES128Key, appNonce: UInt32, netID: UInt32, devNonce: UInt16
    ) throws(LoRaWANError) -> SessionKeys {
        func block(_ first: UInt8) -> [UInt8] {
            var b: [UInt8] = [first]
            b.append(contentsOf: JoinAccept.littleEndian24(appNonce))
            b.append(contentsOf: JoinAccept.littleEndian24(netID))
            b.append(UInt8(truncatingIfNeeded: devNonce))
            b.append(UInt8(truncatingIfNeeded: devNonce >> 8))
            b.append(contentsOf: [UInt8](repeating: 0, count: 16 - b.count))
            return b
        }
        let both = try LoRaWANCrypto.aes128Encrypt(blocks: block(0x01) + block(0x02), key: appKey)
        return SessionKeys(nwkSKey: AES128Key(bytes: Array(both[0..<16]))!, appSKey: AES128Key(bytes: Array(both[16..<32]))!)
    }

    /// The keys a JoinAccept gives the device that sent `devNonce`.
    public static func derive(appKey: AES128Key, accept: JoinAccept, devNonce: UInt16) throws(LoRaWANError) -> SessionKeys {
        try derive(appKey: appKey, appNonce: accept.appNonce, netID: accept.netID, devNonce: devNonce)
    }
}
