import CLinux

/// SCHED_FIFO plus locked memory for the radio loop (the calling thread):
/// the loop then pre-empts ordinary processes, and page faults cannot
/// delay a downlink's start. Needs CAP_SYS_NICE and CAP_IPC_LOCK, or
/// RLIMIT_RTPRIO / RLIMIT_MEMLOCK (systemd: LimitRTPRIO=, LimitMEMLOCK=).
public enum RealTimeScheduling {
    /// nil on success, else the one-line reason ("sched_setscheduler: Operation not permitted").
    public static func enable(priority: Int32) -> String? {
        var step: Int32 = 0
        let rc = lk_realtime_enable(priority, &step)
        if rc == 0 { return nil }
        let text = Syscalls.errorText(Int32(truncatingIfNeeded: -rc))
        return step == 1 ? "SCHED_FIFO priority \(priority): \(text)" : "mlockall: \(text)"
    }
}
