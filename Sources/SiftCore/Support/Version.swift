/// Sift's version: printed by `sift --version` and recorded in recipe manifests, so that an output
/// can be traced to the code that made it.
public let siftVersion = "0.1.0"
