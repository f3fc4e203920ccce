import Foundation
import Testing

@testable import BMSServer

@Suite("bms admin create, run as a real process")
struct AdminCLITests {
    static let environment = ["BCRYPT_COST": "4"]

    @Test("it creates an admin who can log in to a server on the same data; a second run with the same e-mail fails clearly")
    func create() async throws {
        try await withTemporaryDirectory { directory in
            let arguments = [
                "admin", "create", "--email", "Root@Example.com", "--password", "Admin-Password-1", "--phone", "+91 90000 00001",
                "--first-name", "Ravi", "--data", "data",
            ]
            let created = try await BMSExecutable.run(arguments, in: directory, environment: Self.environment)
            #expect(created.status == 0, "\(created.stderr)")
            #expect(created.stdout.hasPrefix("Created admin root@example.com (id "))
            #expect(!created.stdout.contains("Admin-Password-1") && !created.stderr.contains("Admin-Password-1"))

            let again = try await BMSExecutable.run(arguments, in: directory, environment: Self.environment)
            #expect(again.status == 1)
            #expect(again.stderrLines == ["bms: cannot create the admin: an account with this e-mail address exists already"])

            let port = try BMSExecutable.freePort()
            let server = try BMSExecutable.Child(["serve", "--port", String(port), "--data", "data"], in: directory, environment: Self.environment)
            try await server.waitUntilHealthy(port: port)
            let login = try RawHTTP.request(
                port: port, method: "POST", path: "/api/auth/login", headers: ["Content-Type": "application/json"],
                body: Array(#"{"email":"root@example.com","password":"Admin-Password-1"}"#.utf8))
            #expect(login.status == 200, "\(login.body)")
            #expect(login.body.contains(#""role":"admin""#))
            server.terminate()
            let stopped = await server.finish(within: .seconds(120))
            #expect(stopped.stderr.contains("weak bcrypt cost, for tests only"))
        }
    }

    @Test("bad input names the option; without --password and a terminal it says what to do")
    func badInput() async throws {
        try await withTemporaryDirectory { directory in
            let weak = try await BMSExecutable.run(
                ["admin", "create", "--email", "a@example.com", "--password", "short", "--phone", "+91 90000 00001", "--data", "data"],
                in: directory, environment: Self.environment)
            #expect(weak.status == 1)
            #expect(weak.stderrLines.count == 1)
            #expect(weak.stderr.hasPrefix("bms: cannot create the admin: --password "), "\(weak.stderr)")

            let noPassword = try await BMSExecutable.run(
                ["admin", "create", "--email", "a@example.com", "--phone", "+91 90000 00001", "--data", "data"], in: directory,
                environment: Self.environment)
            #expect(noPassword.status == 1)
            #expect(noPassword.stderrLines == ["bms: --password is required when standard input is not a terminal"])

            let help = try await BMSExecutable.run(["admin", "create", "--help"], in: directory)
            #expect(help.status == 0)
            for fragment in [
                "--email <address>", "--password <password>", "--first-name <name>", "--last-name <name>", "--phone <number>", "--data <dir|file>",
            ] {
                #expect(help.stdout.contains(fragment), "\(fragment)")
            }
        }
    }
}
