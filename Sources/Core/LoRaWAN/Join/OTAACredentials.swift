/// What an end device and its join server share before an over-the-air
/// activation (LoRaWAN 1.0.x §6.2.1-6.2.3): the device's DevEUI, the
/// JoinEUI (AppEUI in 1.0.x) of its join server, and the root key AppKey.
public struct OTAACredentials: Equatable, Sendable {
    public var devEUI: EUI64
    public var joinEUI: EUI64
    public var appKey: AES128Key

    public init(devEUI: EUI64, joinEUI: EUI64, appKey: AES128Key) {
        self.devEUI = devEUI
        self.joinEUI = joinEUI
        self.appKey = appKey
    }
}
