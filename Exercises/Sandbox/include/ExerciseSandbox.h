// Starting a student's harness in a sandbox, and making sure nothing it started outlives it.
//
// Written in C because everything between fork() and exec() must be async-signal-safe, which Swift code cannot
// promise. The grader (Swift) prepares every string and number first; this file only makes system calls.
#ifndef EXERCISE_SANDBOX_H
#define EXERCISE_SANDBOX_H

#include <sys/types.h>

typedef struct {
    /// The program to run, its argument vector and its whole environment (both NULL-terminated).
    const char *executable;
    char *const *argv;
    char *const *envp;
    /// The working folder (ignored with `isolate`, which makes a fresh /tmp/work).
    const char *workdir;
    /// Linux, as root: new PID, mount and network namespaces. The child is PID 1 of its own namespace, so when it
    /// ends the kernel kills everything it started; it sees its own /proc, fresh empty /tmp, /var/tmp and /dev/shm,
    /// empty read-only folders over every path in `hidden`, and no network.
    int isolate;
    const char *const *hidden;
    /// Switch to this user and group (>= 0, as root) with no supplementary groups; < 0 keeps them.
    int uid;
    int gid;
    /// Resource limits: CPU seconds, address space bytes, processes of the user, bytes of any file written.
    /// 0 leaves a limit as it is. Core dumps are always off.
    long cpu_seconds;
    long address_space;
    long processes;
    long file_size;
    /// The child's standard input, output and error.
    int stdin_fd;
    int stdout_fd;
    int stderr_fd;
} exercise_sandbox_spec;

/// Starts the child as the leader of a new session (so its process group is its pid). Returns the pid, or -1 when
/// it could not start, with a one-line reason in `error` (e.g. "unshare: Operation not permitted").
pid_t exercise_sandbox_spawn(const exercise_sandbox_spec *spec, char *error, unsigned long error_size);

/// Kills every process whose user is `uid` (> 0): a helper becomes that user and sends SIGKILL to all it may
/// signal, until none is left or `rounds` rounds were made. Returns how many rounds found processes (0: none).
int exercise_sandbox_kill_user(int uid, int rounds);

/// Ignores SIGPIPE in this process, so that writing to a harness that died is an error, not the grader's death.
void exercise_sandbox_ignore_sigpipe(void);

#endif
