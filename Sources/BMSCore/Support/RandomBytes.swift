/// Cryptographically secure random bytes from the system generator (getrandom on Linux).
enum RandomBytes {
    static func make(count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}
