#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A C library opened at run time. zstd and brotli are loaded this way rather than linked, so that
/// building Sift needs no `-dev` package: on Debian `libzstd1` is always installed (dpkg and apt
/// need it) and `libbrotli1` usually is; a file that needs a missing one gets a located error
/// naming the package to install.
struct SharedLibrary: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer

    /// Tries each name in turn (Linux sonames, then macOS names).
    init?(_ names: [String]) {
        for name in names {
            if let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) {
                self.handle = handle
                return
            }
        }
        return nil
    }

    func symbol<T>(_ name: String, as type: T.Type) -> T? {
        guard let pointer = dlsym(handle, name) else { return nil }
        return unsafeBitCast(pointer, to: type)
    }
}
