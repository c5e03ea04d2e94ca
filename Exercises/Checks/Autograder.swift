import Foundation

/// The Gradescope autograder bundle: the zip an instructor uploads as the assignment's autograder
/// (https://gradescope-autograders.readthedocs.io/en/latest/specs/). Gradescope unzips it into `/autograder/source`,
/// runs `setup.sh` once as root to build the image, then for every upload runs `run_autograder` with the student's
/// files in `/autograder/submission`, and reads `/autograder/results/results.json`.
///
/// ```
/// setup.sh         installs the pinned Swift toolchain (signature checked), builds the grader, grades the course's
///                  stubs once so that each upload recompiles only its own files, and closes /autograder/source to
///                  other users
/// run_autograder   exercises grade --submission ROOT/submission --results ROOT/results/results.json
///                  (ROOT is $AUTOGRADER_ROOT, /autograder by default)
/// course/          the course package as the grader needs it: every check, hidden ones included; the workspace as
///                  the student edition has it (stubs: no reference solution is shipped); pages without worked
///                  solutions; no instructor's tests
/// ```
public enum Autograder {
    /// The Swift release `setup.sh` installs: the one this course is built and tested with.
    public static let swiftVersion = "6.3.1"

    /// The bundle's files for the package at `packageRoot` (a git checkout: only the files it tracks are shipped).
    /// - Throws: `ExerciseToolError` when the package is not a git checkout, a file cannot be read or a marker is
    ///   unbalanced.
    public static func files(packageRoot: URL) throws(ExerciseToolError) -> [PackageFiles.File] {
        let root = packageRoot.standardizedFileURL.resolvingSymlinksInPath()
        let (course, _) = try Release.edition(of: try Release.courseFiles(root), keepingHiddenChecks: true)
        return [PackageFiles.File(path: "setup.sh", contents: Data(setupScript.utf8), permissions: 0o755),
                PackageFiles.File(path: "run_autograder", contents: Data(runScript.utf8), permissions: 0o755)]
            + course.files.map { file in
                var moved = file
                moved.path = "course/" + file.path
                return moved
            }
    }

    /// Writes the bundle for the package at `packageRoot` to the zip file `output` (replaced atomically) and returns
    /// how many files it holds.
    /// - Throws: `ExerciseToolError` (see `files(packageRoot:)`), or `.fileSystem` when the zip cannot be written.
    public static func write(packageRoot: URL, to output: URL) throws(ExerciseToolError) -> Int {
        var info = stat()
        if lstat(output.path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            throw .fileSystem(path: output.path, reason: "is a folder: --out needs a file name such as autograder.zip")
        }
        let files = try files(packageRoot: packageRoot)
        var zip = ZipWriter()
        do {
            for file in files { try zip.add(path: file.path, contents: [UInt8](file.contents), permissions: file.permissions) }
        } catch {
            throw .fileSystem(path: output.path, reason: "cannot make the bundle (\(error))")
        }
        do { try Data(zip.bytes).write(to: output, options: .atomic) } catch {
            throw .fileSystem(path: output.path, reason: "cannot write the bundle")
        }
        return files.count
    }

    /// `setup.sh`: run once by Gradescope, as root, on its Ubuntu base image (22.04 or 24.04, x86_64 or aarch64).
    public static let setupScript = """
        #!/usr/bin/env bash
        # Gradescope runs this once, as root, to build the autograder's image. Written by `exercises autograder`.
        set -euo pipefail
        SWIFT_VERSION=\(swiftVersion)
        SOURCE="${AUTOGRADER_ROOT:-/autograder}/source"

        export DEBIAN_FRONTEND=noninteractive
        apt-get update
        # The toolchain's own needs (swift.org's list for Ubuntu), gcc and g++ bringing the matching C and C++ libraries.
        apt-get install -y --no-install-recommends ca-certificates curl gnupg2 binutils git gcc g++ libc6-dev \\
            libcurl4-openssl-dev libedit2 libpython3-dev libsqlite3-0 libxml2-dev libz3-dev pkg-config tzdata unzip \\
            zlib1g-dev

        # The pinned toolchain from swift.org, its signature checked against swift.org's keys.
        . /etc/os-release
        case "$(uname -m)" in
            aarch64) ARCH="-aarch64" ;;
            *) ARCH="" ;;
        esac
        PLATFORM="ubuntu${VERSION_ID}"
        NAME="swift-${SWIFT_VERSION}-RELEASE-${PLATFORM}${ARCH}"
        URL="https://download.swift.org/swift-${SWIFT_VERSION}-release/${PLATFORM//./}${ARCH}/swift-${SWIFT_VERSION}-RELEASE/${NAME}.tar.gz"
        WORK="$(mktemp -d)"
        curl -fsSL -o "$WORK/swift.tar.gz" "$URL"
        curl -fsSL -o "$WORK/swift.tar.gz.sig" "$URL.sig"
        export GNUPGHOME="$WORK/gnupg"
        mkdir -m 700 "$GNUPGHOME"
        curl -fsSL https://www.swift.org/keys/all-keys.asc | gpg --batch --import -
        gpg --batch --verify "$WORK/swift.tar.gz.sig" "$WORK/swift.tar.gz"
        mkdir -p /opt/swift
        tar -xzf "$WORK/swift.tar.gz" -C /opt/swift --strip-components=1
        rm -rf "$WORK"
        export PATH="/opt/swift/usr/bin:$PATH"
        swift --version | grep -q "Swift version ${SWIFT_VERSION} " || { echo "not Swift ${SWIFT_VERSION}" >&2; exit 1; }

        # The grader, built once; then the course's own stubs graded once, so that the scratch folder in the image holds
        # the compiled maths library, wire format and harness, and each upload recompiles only its own files.
        cd "$SOURCE/course"
        swift build --product exercises
        .build/debug/exercises grade --submission "$SOURCE/course/Exercises/Workspace" --results "$SOURCE/warm-up.json" \\
            --scratch "$SOURCE/scratch" > /dev/null
        rm -f "$SOURCE/warm-up.json"

        # Where the kernel gives the sandbox no namespaces (it tries them first), only permissions keep the student's
        # code, run as a user of its own, away from the hidden checks: nothing here is readable by other users.
        chmod -R o-rwx "$SOURCE"

        """

    /// `run_autograder`: run by Gradescope for every upload. `AUTOGRADER_ROOT` may name another root than
    /// `/autograder` (for a rehearsal on the instructor's machine).
    public static let runScript = """
        #!/usr/bin/env bash
        # Gradescope runs this for every upload: the student's files are in ROOT/submission (any layout, a zip too), the
        # results go to ROOT/results/results.json. ROOT is $AUTOGRADER_ROOT, or /autograder. Written by
        # `exercises autograder`.
        ROOT="${AUTOGRADER_ROOT:-/autograder}"
        SOURCE="$ROOT/source"
        TOOL="$SOURCE/course/.build/debug/exercises"
        export PATH="/opt/swift/usr/bin:$PATH"
        mkdir -p "$ROOT/results"
        chmod 700 "$ROOT/results"
        if [ ! -x "$TOOL" ]; then
            printf '%s\\n' '{"score": 0, "output": "The autograder is not set up (setup.sh did not build the grader): please tell your instructor.", "tests": []}' \\
                > "$ROOT/results/results.json"
            exit 1
        fi
        exec "$TOOL" grade --submission "$ROOT/submission" --results "$ROOT/results/results.json" \\
            --scratch "$SOURCE/scratch"

        """
}
