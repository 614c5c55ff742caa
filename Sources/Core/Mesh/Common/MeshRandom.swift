// Re-exported, so every file of the mesh (and its users) sees the
// generator's methods (Embedded Swift and Swift 6 look members up only in
// imported modules).
@_exported import Randomness

/// The mesh's name for the firmware's one seeded generator (SplitMix64,
/// `Sources/Core/Randomness`): every random choice of a node comes from
/// one, so a simulation with the same seed replays exactly.
public typealias MeshRandom = SeededRandom
