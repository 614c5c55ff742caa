/// The join server of a small network (`lorikeet serve`): answers the
/// JoinRequests of the devices it knows with a JoinAccept, allocates their
/// DevAddr and derives their session keys. Deterministic: AppNonces count up
/// from `firstAppNonce`, addresses from `firstDevAddr`, one per DevEUI.
public struct JoinServer: Sendable {
    /// RECEIVE_DELAY1 after a JoinAccept: JOIN_ACCEPT_DELAY1 (5 s, LoRaWAN
    /// 1.0.x §6.2.5 / Regional Parameters); RX2 one second later.
    public static let joinAcceptDelay1Micros: UInt64 = 5_000_000
    public static let joinAcceptDelay2Micros: UInt64 = 6_000_000

    public let netID: UInt32
    /// RxDelay given to joined devices (RX1 this many seconds after their uplinks).
    public let rxDelay: UInt8
    var devices: [EUI64: OTAACredentials] = [:]
    var addresses: [EUI64: DevAddr] = [:]
    var usedDevNonces: [EUI64: Set<UInt16>] = [:]
    /// Addresses taken by others (ABP devices): never allocated.
    var reserved: Set<DevAddr> = []
    var nextDevAddr: UInt32
    var nextAppNonce: UInt32

    public init(netID: UInt32 = 0x000013, firstDevAddr: DevAddr = DevAddr(0x2601_2000), firstAppNonce: UInt32 = 1,
                rxDelay: UInt8 = 1) {
        self.netID = netID & 0xFF_FFFF
        self.rxDelay = rxDelay & 0x0F
        nextDevAddr = firstDevAddr.rawValue
        nextAppNonce = firstAppNonce & 0xFF_FFFF
    }

    public mutating func add(_ credentials: OTAACredentials) { devices[credentials.devEUI] = credentials }

    /// Keeps `devAddr` (an ABP device's) out of the allocation.
    public mutating func reserve(_ devAddr: DevAddr) { reserved.insert(devAddr) }

    public var deviceCount: Int { devices.count }

    public func knows(_ devEUI: EUI64) -> Bool { devices[devEUI] != nil }

    /// What a successful join gives the device and the network.
    public struct Answer: Equatable, Sendable {
        public var request: JoinRequest
        public var accept: JoinAccept
        /// The encrypted JoinAccept to send in RX1 (or RX2).
        public var phyPayload: [UInt8]
        public var keys: SessionKeys
    }

    /// Checks a JoinRequest (known DevEUI and JoinEUI, MIC with the AppKey,
    /// DevNonce never used before by this device: §6.2.4 replay protection)
    /// and builds its JoinAccept.
    public mutating func answer(_ phyPayload: [UInt8]) throws(LoRaWANError) -> Answer {
        let header = try DataFrameCodec.peek(phyPayload)
        guard header.messageType == .joinRequest, let devEUI = header.devEUI else {
            throw LoRaWANError("not a JoinRequest: \(header.messageType.name)")
        }
        guard let credentials = devices[devEUI] else { throw LoRaWANError("JoinRequest from unknown DevEUI \(devEUI.hex)") }
        let request = try JoinRequest.decode(phyPayload, appKey: credentials.appKey)
        guard request.joinEUI == credentials.joinEUI else {
            throw LoRaWANError("JoinRequest from DevEUI \(devEUI.hex) for JoinEUI \(request.joinEUI.hex), expected \(credentials.joinEUI.hex)")
        }
        guard !(usedDevNonces[devEUI]?.contains(request.devNonce) ?? false) else {
            throw LoRaWANError("JoinRequest from DevEUI \(devEUI.hex) repeats DevNonce \(request.devNonce): ignored (replay)")
        }
        while addresses[devEUI] == nil && reserved.contains(DevAddr(nextDevAddr)) { nextDevAddr &+= 1 }
        let devAddr = addresses[devEUI] ?? DevAddr(nextDevAddr)
        let accept = JoinAccept(appNonce: nextAppNonce, netID: netID, devAddr: devAddr, rxDelay: rxDelay)
        let bytes = try accept.encode(appKey: credentials.appKey)
        let keys = try SessionKeys.derive(appKey: credentials.appKey, accept: accept, devNonce: request.devNonce)
        if addresses[devEUI] == nil {
            addresses[devEUI] = devAddr
            nextDevAddr &+= 1
        }
        usedDevNonces[devEUI, default: []].insert(request.devNonce)
        nextAppNonce = (nextAppNonce &+ 1) & 0xFF_FFFF
        return Answer(request: request, accept: accept, phyPayload: bytes, keys: keys)
    }
}
