import BMSCore
import BMSStore
import Foundation
import Testing

@testable import BMSServer

#if canImport(Glibc)
    import Glibc
#endif

@Suite("The bms command line, run as a real process")
struct CLITests {
    @Test("bms version prints the version and the schema version")
    func version() async throws {
        try await withTemporaryDirectory { directory in
            let outcome = try await BMSExecutable.run(["version"], in: directory)
            #expect(outcome.status == 0)
            #expect(outcome.stdout == "bms \(AppVersion.current) (data schema \(BookMySleepSchema.current.version))\n")
            let flag = try await BMSExecutable.run(["--version"], in: directory)
            #expect(flag.stdout == outcome.stdout)
        }
    }

    @Test("every command and option has help")
    func help() async throws {
        try await withTemporaryDirectory { directory in
            let top = try await BMSExecutable.run(["--help"], in: directory)
            #expect(top.status == 0)
            for command in ["serve", "admin", "backup", "check", "reindex", "version"] { #expect(top.stdout.contains(command)) }
            let expected: [String: [String]] = [
                "serve": [
                    "--data <dir|file>", "--host <host>", "--port <port>", "--demo", "--assets <dir>", "BMS_PORT", "RATE_LIMIT_PER_MIN", "JWT_SECRET",
                    "BCRYPT_COST", "SMTP_URL",
                ],
                "backup": ["--to <file>", "--data <dir|file>", "--force", "hot backup"],
                "check": ["--data <dir|file>", "Exits 0 when clean"],
                "reindex": ["--data <dir|file>", "Rebuild every index"],
                "version": ["data schema version"],
            ]
            for (command, fragments) in expected {
                let help = try await BMSExecutable.run([command, "--help"], in: directory)
                #expect(help.status == 0)
                for fragment in fragments { #expect(help.stdout.contains(fragment), "\(command): \(fragment)") }
            }
        }
    }

    @Test("bms serve answers from any directory, backs up while serving, and exits 0 on SIGTERM")
    func serveBackupAndStop() async throws {
        try await withTemporaryDirectory { directory in
            #expect(!FileManager.default.fileExists(atPath: directory + "/Assets"))
            let port = try BMSExecutable.freePort()
            let server = try BMSExecutable.Child(["serve", "--port", String(port), "--data", "data"], in: directory, environment: [:])
            try await server.waitUntilHealthy(port: port)

            let landing = try RawHTTP.request(port: port, path: "/")
            #expect(landing.status == 200)
            #expect(landing.headers["content-type"] == "text/html; charset=utf-8")
            #expect(landing.body.contains("BookMySleep"))
            let css = try RawHTTP.request(port: port, path: "/assets/css/site.css")
            #expect(css.status == 200)
            #expect(css.headers["content-type"] == "text/css; charset=utf-8")
            #expect(css.bodyBytes == (try SourceTree.asset("css/site.css")))

            let backup = try await BMSExecutable.run(["backup", "--to", "backup.mdb", "--data", "data"], in: directory)
            #expect(backup.status == 0, "\(backup.stderr)")
            #expect(backup.stdout.hasPrefix("Backed up data to backup.mdb ("))
            let check = try await BMSExecutable.run(["check", "--data", "backup.mdb"], in: directory)
            #expect(check.status == 0, "\(check.stderr)")
            #expect(check.stdout == "Checked backup.mdb: 0 records, 0 index entries; clean.\n")

            server.terminate()
            let stopped = await server.finish(within: .seconds(120))
            #expect(stopped.status == 0)
            let lines = stopped.stderr.split(separator: "\n")
            for line in lines {
                #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) is [String: Any], "\(line)")
            }
            #expect(lines.last?.contains(#""message":"data store closed""#) == true)
            #expect(lines.contains { $0.contains(#""route":"/assets/**""#) })
            let afterwards = try await BMSExecutable.run(["check", "--data", "data"], in: directory)
            #expect(afterwards.status == 0)
        }
    }

    @Test("bms serve --demo keeps its data in ./bms-demo and prints the address")
    func demo() async throws {
        try await withTemporaryDirectory { directory in
            let port = try BMSExecutable.freePort()
            let server = try BMSExecutable.Child(["serve", "--demo", "--port", String(port)], in: directory, environment: ["BCRYPT_COST": "4"])
            try await server.waitUntilHealthy(port: port)
            #expect(FileManager.default.fileExists(atPath: directory + "/bms-demo/data.mdb"))
            server.terminate()
            let stopped = await server.finish(within: .seconds(120))
            #expect(stopped.status == 0)
            #expect(stopped.stdout.contains("BookMySleep demo is running at http://127.0.0.1:\(port)"))
            #expect(stopped.stdout.contains("Data is kept in ./bms-demo."))
            #expect(stopped.stdout.contains("Demo logins (password \(DemoData.password))"))
        }
    }

    @Test("bms seed loads the demo data once, and the data checks clean")
    func seed() async throws {
        try await withTemporaryDirectory { directory in
            let environment = ["BCRYPT_COST": "4"]
            let first = try await BMSExecutable.run(["seed", "--data", "data"], in: directory, environment: environment)
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout.contains("Loaded 24 users, 10 properties with 17 rooms and 30 bookings into data."))
            let again = try await BMSExecutable.run(["seed", "--data", "data"], in: directory, environment: environment)
            #expect(again.status == 0)
            #expect(again.stdout.contains("data already has users; nothing was loaded."))
            let check = try await BMSExecutable.run(["check", "--data", "data"], in: directory)
            #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        }
    }

    @Test("a data.mdb of random bytes is refused with one clear line and left untouched")
    func notOurFile() async throws {
        try await withTemporaryDirectory { directory in
            let data = directory + "/data"
            try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
            var generator = SystemRandomNumberGenerator()
            let noise = (0..<65536).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            try Data(noise).write(to: URL(filePath: data + "/data.mdb"))
            let before = try BMSExecutable.digest(of: data + "/data.mdb")

            let check = try await BMSExecutable.run(["check", "--data", data], in: directory)
            #expect(check.status == 2)
            #expect(check.stderrLines.count == 1)
            #expect(check.stderr.hasPrefix("bms: \(data)/data.mdb is not a BookMySleep data file ("))
            #expect(check.stderr.hasSuffix("); it was left untouched\n"))

            let serve = try await BMSExecutable.run(["serve", "--data", data, "--port", String(try BMSExecutable.freePort())], in: directory)
            #expect(serve.status == 1)
            #expect(serve.stderrLines.count == 1)
            #expect(serve.stderr.contains("is not a BookMySleep data file"))

            let backup = try await BMSExecutable.run(["backup", "--to", directory + "/copy.mdb", "--data", data], in: directory)
            #expect(backup.status == 1)
            #expect(!FileManager.default.fileExists(atPath: directory + "/copy.mdb"))

            #expect(try BMSExecutable.digest(of: data + "/data.mdb") == before)
        }
    }

    @Test("a data path that runs through a regular file is refused with a clear cannot-open message")
    func pathThroughFile() async throws {
        try await withTemporaryDirectory { directory in
            try Data("not a folder".utf8).write(to: URL(filePath: directory + "/file"))
            let data = directory + "/file/data"
            let serve = try await BMSExecutable.run(["serve", "--data", data, "--port", String(try BMSExecutable.freePort())], in: directory)
            #expect(serve.status == 1)
            #expect(serve.stderrLines.count == 1)
            #expect(serve.stderr.hasPrefix("bms: cannot open data at \(data): "))
            let check = try await BMSExecutable.run(["check", "--data", data], in: directory)
            #expect(check.status == 2)
            #expect(check.stderr == "bms: cannot open data at \(data): there is no data directory or data file there\n")
        }
    }

    @Test("a data file from a newer bms is refused, naming both schema versions, and left untouched")
    func newerSchema() async throws {
        try await withTemporaryDirectory { directory in
            let data = directory + "/data"
            try Store.open(at: data, schema: Schema(version: 99)).close()
            let before = try BMSExecutable.digest(of: data + "/data.mdb")

            for arguments in [["check", "--data", data], ["serve", "--data", data, "--port", String(try BMSExecutable.freePort())]] {
                let outcome = try await BMSExecutable.run(arguments, in: directory)
                #expect(outcome.status == (arguments[0] == "check" ? 2 : 1))
                #expect(outcome.stderrLines.count == 1)
                #expect(
                    outcome.stderr.hasPrefix(
                        "bms: \(data)/data.mdb was written by a newer bms (schema 99; this binary understands up to \(BookMySleepSchema.current.version))"
                    ))
            }
            #expect(try BMSExecutable.digest(of: data + "/data.mdb") == before)
        }
    }

    @Test("a bad configuration value stops bms serve before it touches any data")
    func badConfiguration() async throws {
        try await withTemporaryDirectory { directory in
            let outcome = try await BMSExecutable.run(["serve"], in: directory, environment: ["BMS_PORT": "abc"])
            #expect(outcome.status == 1)
            #expect(outcome.stderr == "bms: BMS_PORT: expected an integer 1…65535, got \"abc\"\n")
            #expect(!FileManager.default.fileExists(atPath: directory + "/bms-data"))
            let flag = try await BMSExecutable.run(["serve", "--port", "99999"], in: directory)
            #expect(flag.stderr == "bms: --port: expected an integer 1…65535, got \"99999\"\n")
        }
    }

    @Test("a port already in use is reported in words, and the data is closed again")
    func portInUse() async throws {
        try await withTemporaryDirectory { directory in
            let (socket, port) = try BMSExecutable.listeningSocket()
            defer { close(socket) }
            let outcome = try await BMSExecutable.run(["serve", "--port", String(port), "--data", "data"], in: directory)
            #expect(outcome.status == 1)
            #expect(
                outcome.stderr.hasSuffix("\nbms: cannot listen on 127.0.0.1:\(port): the address is already in use (is another server running?)\n"))
            #expect(outcome.stderr.contains(#""message":"data store closed""#))
        }
    }

    @Test("maintenance commands refuse missing data and existing backup files")
    func maintenanceErrors() async throws {
        try await withTemporaryDirectory { directory in
            let missing = try await BMSExecutable.run(["check"], in: directory)
            #expect(missing.status == 2)
            #expect(missing.stderr == "bms: cannot open data at ./bms-data: there is no data directory or data file there\n")
            try FileManager.default.createDirectory(atPath: directory + "/empty", withIntermediateDirectories: true)
            let empty = try await BMSExecutable.run(["reindex", "--data", "empty"], in: directory)
            #expect(empty.status == 1)
            #expect(empty.stderr == "bms: cannot open data at empty: the directory holds no data.mdb\n")

            try Store.open(at: directory + "/data", schema: Schema(version: 1)).close()
            let reindex = try await BMSExecutable.run(["reindex", "--data", "data"], in: directory, environment: ["BMS_DATA": "ignored"])
            #expect(reindex.status == 0, "\(reindex.stderr)")
            #expect(reindex.stdout == "Rebuilt 0 index entries in data.\n")

            let first = try await BMSExecutable.run(["backup", "--to", "copy.mdb"], in: directory, environment: ["BMS_DATA": "data"])
            #expect(first.status == 0, "\(first.stderr)")
            let again = try await BMSExecutable.run(["backup", "--to", "copy.mdb"], in: directory, environment: ["BMS_DATA": "data"])
            #expect(again.status == 1)
            #expect(again.stderr == "bms: copy.mdb exists; pass --force to replace it\n")
            let forced = try await BMSExecutable.run(["backup", "--to", "copy.mdb", "--force"], in: directory, environment: ["BMS_DATA": "data"])
            #expect(forced.status == 0, "\(forced.stderr)")
        }
    }
}
