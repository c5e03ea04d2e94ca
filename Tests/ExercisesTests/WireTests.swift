import ExerciseChecks
import ExerciseHarness
import ExerciseWire
import Foundation
import Testing

@Test func doublesCrossTheWireBitForBit() throws {
    let numbers: [Double] = [0.1, -0.0, 1e-300, .leastNonzeroMagnitude, .greatestFiniteMagnitude, -2.5, 1.0 / 3, 6.02214076e23]
    let line = WireValue(numbers).json
    let back = try WireValue.parse(Array(line.utf8)).doubles()
    #expect(back.map(\.bitPattern) == numbers.map(\.bitPattern))
    let specials = try WireValue.parse(Array(WireValue([Double.nan, .infinity, -.infinity]).json.utf8)).doubles()
    #expect(specials[0].isNaN && specials[1] == .infinity && specials[2] == -.infinity)
    #expect(try WireValue.parse(Array(WireValue(UInt64.max).json.utf8)).uint64() == UInt64.max)
}

@Test func stringsWithControlCharactersStayOnOneLine() throws {
    let text = "line\nbreak\t\u{1B}[31m\"quoted\"\\ é 🙂\u{0}"
    let line = WireValue(text).json
    #expect(!line.utf8.contains { $0 < 0x20 })
    #expect(try WireValue.parse(Array(line.utf8)).string() == text)
}

@Test func malformedOrTooDeepJSONIsRefused() {
    let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
    #expect(throws: WireError.self) { try WireValue.parse(Array(deep.utf8)) }
    for bad in ["", "{", "[1,]", "\"open", "01x", "{\"a\" 1}", "nul", "[1] 2", "1e999"] {
        #expect(throws: WireError.self, "\(bad)") { try WireValue.parse(Array(bad.utf8)) }
    }
}

@Test func answersOfAnotherVersionOrShapeAreRefused() throws {
    #expect(try WireProtocol.parseResponse(Array(#"{"ok":[1,2],"v":1}"#.utf8)) == .success(.array([.integer(1), .integer(2)])))
    for bad in [#"{"ok":1,"v":2}"#, #"{"ok":1}"#, #"{"v":1}"#, #"{"error":{"kind":"bribe"},"v":1}"#, "[]"] {
        #expect(throws: WireError.self, "\(bad)") { try WireProtocol.parseResponse(Array(bad.utf8)) }
    }
    let long = String(repeating: "x", count: 10_000)
    let error = ThrownError(kind: .thrown, type: long, message: long)
    #expect(error.message.count == WireProtocol.maximumErrorText && error.type.count == WireProtocol.maximumErrorText)
}

// MARK: The sandboxed process, with /bin/sh standing in for a harness.

/// A shell "harness" running `script` in the grading sandbox, with a time limit of `timeout` seconds.
private func shell(_ script: String, timeout: Double = 5) throws -> HarnessProcess {
    try HarnessProcess(executable: URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", script],
                       policy: .grading(hidden: ["/work"]), timeout: timeout)
}

private func processes(containing marker: String) -> [String] {
    let ids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc"))?.filter { Int($0) != nil } ?? []
    return ids.compactMap { id in
        guard let data = FileManager.default.contents(atPath: "/proc/\(id)/cmdline") else { return nil }
        let line = String(decoding: data.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
        return line.hasPrefix("sleep") && line.contains(marker) ? "\(id): \(line)" : nil
    }
}

/// Linux only: the checks read /proc, and the shell scripts use util-linux's `setsid`.
@Suite(.serialized, .enabled(if: FileManager.default.fileExists(atPath: "/proc/self/status")))
struct Sandbox {
    @Test func aHarnessThatNeverAnswersTimesOut() throws {
        let process = try shell("exec sleep 30", timeout: 1)
        let started = Date()
        #expect(throws: HarnessFailure.self) { try process.call("nameSimilarity", []) }
        #expect(process.breakdown == .timedOut)
        #expect(Date().timeIntervalSince(started) < 3)
        #expect(throws: HarnessFailure.self) { try process.call("nameSimilarity", []) }
        process.stop()
        process.removeFolder()
    }

    @Test func aFloodOrGarbageIsAProtocolViolationAndAnExitIsAnEnd() throws {
        let flood = try shell("head -c 20000000 /dev/zero")
        #expect(throws: HarnessFailure.self) { try flood.call("f", []) }
        #expect(flood.breakdown == .protocolViolation("answered with more than 16 MB"))
        flood.stop()
        flood.removeFolder()
        let garbage = try shell("echo '{\"ok\":1,\"v\":99}'; sleep 5")
        #expect(throws: HarnessFailure.self) { try garbage.call("f", []) }
        if case .protocolViolation = garbage.breakdown {} else { Issue.record("\(String(describing: garbage.breakdown))") }
        garbage.stop()
        garbage.removeFolder()
        let quitter = try shell("exit 3")
        #expect(throws: HarnessFailure.self) { try quitter.call("f", []) }
        #expect(quitter.breakdown == .ended && quitter.exitBeforeStop == HarnessProcess.Ending(status: 3, signalled: false))
        quitter.removeFolder()
    }

    @Test func theHarnessRunsAloneWithoutSecretsAndNothingItStartsSurvives() throws {
        let report = #"printf '{"v":1,"ok":"%s"}\n' "$(id -u) $$ $(pwd) $(env | grep -vc '^PWD=') $(ls /proc | grep -c '^[0-9]') $(ls /work | wc -l) $(ls /tmp | tr '\n' ,)""#
        let process = try shell("sleep 600.44 & setsid sleep 600.55 & (sleep 600.66 &) ; " + report + "; exec sleep 100")
        let answer = try process.call("report", []).get().string().split(separator: " ").map(String.init)
        #expect(answer.count == 7)
        if geteuid() == 0 {
            #expect(answer[0] != "0", "the harness runs as root")
            if SandboxPolicy.grading(hidden: []).isolate {
                #expect(answer[1] == "1", "the harness is PID 1 of its namespace")
                #expect(answer[2] == "/tmp/work")
                #expect(Int(answer[4]) ?? 99 <= 10, "it sees only its own processes: \(answer[4])")
                #expect(answer[5] == "0", "a hidden folder is empty")
                #expect(answer[6] == "work,", "its /tmp is its own")
            }
        }
        #expect(answer[3] == "5", "the environment is stripped to five variables (and the PWD the shell adds)")
        #expect(!processes(containing: "600.55").isEmpty)
        process.stop()
        process.removeFolder()
        if geteuid() == 0 {
            for marker in ["600.44", "600.55", "600.66"] { #expect(processes(containing: marker).isEmpty, "\(marker)") }
        }
    }
}
