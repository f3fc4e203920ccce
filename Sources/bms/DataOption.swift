import ArgumentParser
import BMSServer
import BMSStore
import Foundation

/// The `--data` option every command shares.
struct DataOption: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The data directory (holding data.mdb) or a single data file such as a backup. Overrides BMS_DATA; default ./bms-data.",
            valueName: "dir|file"))
    var data: String?

    /// `--data`, `BMS_DATA`, `BMS_MAP_SIZE` and `BMS_MAX_MAP_SIZE`, resolved.
    func storeConfiguration() throws -> StoreConfiguration {
        try StoreConfiguration(dataFlag: data, environment: ProcessInfo.processInfo.environment)
    }

    /// Like `storeConfiguration()`, but refuses a path that holds no data yet: maintenance commands must
    /// not create an empty data directory where the user expected their data.
    func existingStoreConfiguration() throws -> StoreConfiguration {
        let configuration = try storeConfiguration()
        var isDirectory: ObjCBool = false
        let path = configuration.path
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandError("cannot open data at \(path): there is no data directory or data file there")
        }
        if isDirectory.boolValue, !FileManager.default.fileExists(atPath: path + "/data.mdb") {
            throw CommandError("cannot open data at \(path): the directory holds no data.mdb")
        }
        return configuration
    }
}

extension StoreConfiguration {
    /// Opens the data for a command, saying on standard error when an older data file is upgraded first.
    func openForCommand() throws -> Store {
        try open { FileHandle.standardError.write(Data("bms: \($0)\n".utf8)) }
    }
}
