/// The two ABP / post-join session keys of LoRaWAN 1.0.x (§6.1.3, §6.1.4):
/// NwkSKey signs every frame (MIC) and encrypts FPort-0 payloads (MAC
/// commands); AppSKey encrypts application payloads.
public struct SessionKeys: Equatable, Sendable {
    public var nwkSKey: AES128Key
    public var appSKey: AES128Key

    public init(nwkSKey: AES128Key, appSKey: AES128Key) {
        self.nwkSKey = nwkSKey
        self.appSKey = appSKey
    }
}
