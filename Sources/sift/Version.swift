/// The version printed by `sift --version` and recorded in manifests.
let siftVersion = "0.1.0"
