/// Key sequence rotation over MLE and the MAC (OpenThread `mle.cpp`: `HandleUdpReceive`,
/// `ProcessKeySequence`, `ReestablishLinkWithNeighbor`; `key_manager.cpp`). A node follows a
/// neighbour's newer key sequence: from an authoritative message (one answering our challenge)
/// at once; from a peer message of a valid neighbour when it is the next sequence and the key
/// switch guard has run out; a larger jump from a peer re-establishes the link (Link Request,
/// or Child Update Request with a challenge to the parent) so that the authoritative answer
/// carries the sequence. The MAC reports frames under the next key (`macHeardNewerKeySequence`).
extension ThreadNode {
    enum KeySequenceClass { case authoritative, peer, unknown }

    /// `keysequence counter N`: set at once, the guard timer left as it is (OpenThread
    /// `otThreadSetKeySequenceCounter`: `kForceUpdate | kGuardTimerUnchanged`).
    public func setKeySequenceCounter(_ sequence: UInt32) {
        switchKeySequence(to: sequence, applySwitchGuard: false, resetGuardTimer: false)
    }

    /// `keysequence guardtime N` (hours).
    public func setKeySwitchGuardHours(_ hours: UInt32) { keyManager.keySwitchGuardHours = hours }

    /// The MAC accepted an authentic frame from a neighbour under the next key sequence.
    public func macHeardNewerKeySequence(_ sequence: UInt32) {
        guard sequence > keyManager.keySequence else { return }
        switchKeySequence(to: sequence, applySwitchGuard: true, resetGuardTimer: true)
    }

    func switchKeySequence(to sequence: UInt32, applySwitchGuard: Bool, resetGuardTimer: Bool) {
        if keyManager.setKeySequence(sequence, applySwitchGuard: applySwitchGuard, resetGuardTimer: resetGuardTimer,
                                     nowMillis: nowMillis) {
            onKeySequenceChanged?(sequence)
        }
    }

    /// The periodic rotation (672 h by default), from `tick`.
    func tickKeyRotation() {
        if keyManager.rotateIfDue(nowMillis: nowMillis) { onKeySequenceChanged?(keyManager.keySequence) }
    }

    /// Replay protection per sender over (key sequence, frame counter): an older sequence or a
    /// counter not above the last one is dropped. Parent and Link Requests are exempt: a
    /// rebooted neighbour restarts its counter and asks again.
    func mleMessageIsFresh(_ opened: MLESecurity.Opened, from sender: ExtendedAddress) -> Bool {
        let command = opened.message.command
        let exempt = command == .parentRequest || command == .linkRequest
        if let lastSequence = lastMLEKeySequence[sender.value], !exempt {
            if opened.keySequence < lastSequence { return false }
            if opened.keySequence == lastSequence, let last = lastMLEFrameCounter[sender.value], opened.frameCounter <= last {
                return false
            }
        }
        if opened.keySequence >= lastMLEKeySequence[sender.value] ?? 0 {
            lastMLEKeySequence[sender.value] = opened.keySequence
            lastMLEFrameCounter[sender.value] = opened.frameCounter
        }
        return true
    }

    /// Which messages may move our key sequence (taken before the message is handled, as the
    /// challenges it answers are consumed by handling it).
    func keySequenceClass(of m: MLEMessage, from sender: ExtendedAddress) -> KeySequenceClass {
        let response = (try? m.get(MLEResponse.self))?.value
        switch m.command {
        case .parentResponse:
            if case .parentRequest = attach, let response, attachChallenges.contains(response) { return .authoritative }
        case .childIDResponse:
            if case .childIDRequest = attach, parentCandidate?.extAddress == sender { return .authoritative }
        case .linkAccept, .linkAcceptAndRequest:
            if let response, response == linkRequestChallenge || pendingChallenges[sender.value]?.contains(response) == true { return .authoritative }
        case .childUpdateResponse:
            if let response, !keyResyncChallenge.isEmpty, response == keyResyncChallenge, parent?.extAddress == sender {
                return .authoritative
            }
        default:
            break
        }
        return isValidNeighbor(sender) ? .peer : .unknown
    }

    func isValidNeighbor(_ ext: ExtendedAddress) -> Bool {
        if parent?.extAddress == ext { return true }
        if children.contains(where: { $0.extAddress == ext }) { return true }
        return routers.contains { $0.extAddress == ext && $0.linkEstablished && $0.routerID != routerID }
    }

    /// After a message was handled: adopt a newer sequence as its class allows.
    func processKeySequence(_ sequence: UInt32, class kind: KeySequenceClass, from sender: ExtendedAddress) {
        let ours = keyManager.keySequence
        guard sequence > ours else { return }
        let isNext = sequence - ours == 1
        switch kind {
        case .authoritative:
            switchKeySequence(to: sequence, applySwitchGuard: false, resetGuardTimer: isNext)
        case .peer:
            guard isNext else {
                reestablishLink(with: sender)
                return
            }
            switchKeySequence(to: sequence, applySwitchGuard: true, resetGuardTimer: true)
        case .unknown:
            break
        }
    }

    func reestablishLink(with sender: ExtendedAddress) {
        guard role.isAttached else { return }
        if role == .child, let p = parent, p.extAddress == sender {
            keyResyncChallenge = newChallenge()
            var m = MLEMessage(.childUpdateRequest)
            m.append(MLESourceAddress(raw: rloc16))
            m.append(MLEMode.ftd)
            m.append(MLETimeout(raw: settings.childTimeoutSeconds))
            m.append(leaderData)
            m.append(MLEAddressRegistration(entries: [.compressed(contextID: 0, iid: iidBytes(meshLocalIID))]))
            m.append(try! MLEChallenge(value: keyResyncChallenge))
            sendMLE(m, to: ThreadAddresses.linkLocal(p.extAddress))
            return
        }
        if role.isRouterOrLeader, routers.contains(where: { $0.extAddress == sender && $0.routerID != routerID }) {
            sendLinkRequest(to: ThreadAddresses.linkLocal(sender))
        }
    }
}
