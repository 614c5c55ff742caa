import Randomness

/// The mesh's name for the firmware's one seeded generator (SplitMix64,
/// `Sources/Core/Randomness`): every random choice of a node comes from
/// one, so a simulation with the same seed replays exactly.
public typealias MeshRandom = SeededRandom
