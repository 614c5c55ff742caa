/// A router-eligible end device (REED) as a parent (Thread 1.1 §4.7.1; OpenThread
/// `MleRouter::HandleParentRequest`, `HandleChildIdRequest`): it answers the second phase of a
/// Parent Request (scan mask with REEDs) with a Parent Response; a Child ID Request to it makes it
/// ask the leader for a router id (Address Solicit, reason "have Child ID Request"), and once a
/// router it answers the request. So a network past the upgrade threshold still takes new nodes
/// where only a REED is in range.
extension ThreadNode {
    struct PendingChildIDRequest {
        var message: MLEMessage
        var sender: ExtendedAddress
        var datagram: ThreadDatagram
        var frameCounter: UInt32
    }

    /// At most this many Child ID Requests wait for our router id.
    static let maxPendingChildIDRequests = 4

    /// A child that may become a router.
    var isREED: Bool { role == .child && settings.routerEligible }

    /// OpenThread's conditions for a REED's Parent Response: attached and not attaching
    /// elsewhere, the leader heard within the network id timeout, a finite path cost to it,
    /// and room for another router.
    var reedMayAnswerParentRequest: Bool {
        guard case .idle = attach, parent != nil else { return false }
        return nowMillis < lastLeaderHeardMillis + settings.timings.networkIDTimeoutMillis
            && pathCost(toRouter: leaderData.leaderRouterID) < 16
            && routers.count <= Int(ThreadTiming.maxRouterID)
    }

    func deferChildIDRequest(_ request: PendingChildIDRequest) {
        pendingChildIDRequests.removeAll { $0.sender == request.sender }
        if pendingChildIDRequests.count >= Self.maxPendingChildIDRequests { pendingChildIDRequests.removeFirst() }
        pendingChildIDRequests.append(request)
        sendAddressSolicit(reason: ThreadTLVType.reasonHaveChildIDRequest)
    }

    /// Now a router: the deferred Child ID Requests get their responses.
    func answerPendingChildIDRequests() {
        let pending = pendingChildIDRequests
        pendingChildIDRequests = []
        for p in pending {
            do {
                try handleChildIDRequest(p.message, from: p.sender, datagram: p.datagram, frameCounter: p.frameCounter)
            } catch {
                droppedMLE += 1
                lastDropReason = error.message
            }
        }
    }
}
