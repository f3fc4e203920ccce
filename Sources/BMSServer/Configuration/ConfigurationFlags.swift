/// The `bms serve` options. Each one, when given, overrides its environment variable.
///
/// Values are kept as the text the user typed, so that the same parser checks flags and environment
/// variables and its message names whichever one was wrong (`--port: expected an integer …`).
public struct ConfigurationFlags: Sendable, Equatable {
    /// `--data DIR`: overrides `BMS_DATA`.
    public var data: String?
    /// `--host H`: overrides `BMS_HOST`.
    public var host: String?
    /// `--port P`: overrides `BMS_PORT`.
    public var port: String?
    /// `--assets DIR`: serve assets and templates from this folder instead of the embedded copies.
    public var assets: String?
    /// `--demo`: use `./bms-demo` as the data directory and print a banner with the URL.
    public var demo: Bool

    public init(data: String? = nil, host: String? = nil, port: String? = nil, assets: String? = nil, demo: Bool = false) {
        self.data = data
        self.host = host
        self.port = port
        self.assets = assets
        self.demo = demo
    }
}
