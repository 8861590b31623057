import Crypto
import _CryptoExtras
import Foundation
import SiftCore

/// Passwords are stored as scrypt hashes (Percival 2009; RFC 7914), never in clear and never
/// logged. Parameters follow OWASP's Password Storage Cheat Sheet for scrypt: N = 2^15, r = 8,
/// p = 3 (32 MiB of memory per hash, about the work of its N = 2^17, p = 1 row), with a 16-byte
/// random salt and a 32-byte output. The parameters are stored with each hash
/// (`scrypt$logN$r$p$salt$key`, base64), so they can be raised later without breaking old users.
public enum PasswordHasher {
    public static let logN = 15
    public static let blockSize = 8
    public static let parallelism = 3

    public static func hash(_ password: String) throws -> String {
        let salt = SecureRandom.bytes(16)
        let key = try derive(password, salt: salt, logN: logN, r: blockSize, p: parallelism)
        return "scrypt$\(logN)$\(blockSize)$\(parallelism)$\(Data(salt).base64EncodedString())$\(Data(key).base64EncodedString())"
    }

    /// Whether `password` matches `encoded`. The derived key is compared in constant time, so the
    /// time taken says nothing about how much of it matched.
    public static func verify(_ password: String, encoded: String) -> Bool {
        let parts = encoded.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "scrypt", let logN = Int(parts[1]), let r = Int(parts[2]), let p = Int(parts[3]),
              (10...22).contains(logN), (1...32).contains(r), (1...16).contains(p),
              let salt = Data(base64Encoded: String(parts[4])), let stored = Data(base64Encoded: String(parts[5])),
              let derived = try? derive(password, salt: Array(salt), logN: logN, r: r, p: p)
        else { return false }
        return constantTimeEqual(derived, Array(stored))
    }

    /// A hash that matches no password, verified against when a user name is unknown, so that a
    /// wrong name costs the same time as a wrong password.
    static let decoy: String = (try? hash(SecureRandom.token())) ?? "scrypt$15$8$3$AAAA$AAAA"

    private static func derive(_ password: String, salt: [UInt8], logN: Int, r: Int, p: Int) throws -> [UInt8] {
        let key = try KDF.Scrypt.deriveKey(from: Array(password.utf8), salt: salt, outputByteCount: 32,
                                           rounds: 1 << logN, blockSize: r, parallelism: p)
        return key.withUnsafeBytes { Array($0) }
    }
}

/// Equality whose time depends only on the lengths: every byte is looked at, differences are
/// OR-ed together, and the answer is read once at the end.
func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for i in a.indices { difference |= a[i] ^ b[i] }
    return difference == 0
}

func constantTimeEqual(_ a: String, _ b: String) -> Bool { constantTimeEqual(Array(a.utf8), Array(b.utf8)) }

/// Randomness from the system's generator (getrandom on Linux), for salts, tokens and passwords.
enum SecureRandom {
    static func bytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    /// 256 random bits, URL-safe base64 without padding: session ids and CSRF tokens.
    static func token() -> String {
        Data(bytes(32)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// A password people can type: 20 characters from an alphabet without look-alikes (~113 bits).
    static func password() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}

extension String {
    /// SHA-256 in hex: sessions are stored by the hash of their token, so a copy of the database
    /// does not hand out live sessions.
    var sha256Hex: String { SHA256Digest.hex(Array(utf8)) }
}
