#define _GNU_SOURCE
#include "ExerciseSandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <grp.h>

#ifdef __linux__
#include <sched.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#endif

// Reports a failed step to the parent through the error pipe, then ends the child. Async-signal-safe.
static void fail(int pipe_fd, const char *step) {
    int saved = errno;
    char message[256];
    size_t used = 0;
    for (const char *p = step; *p && used < 100; p++) message[used++] = *p;
    message[used++] = ':';
    message[used++] = ' ';
    const char *reason = strerror(saved);  // glibc's strerror reads a static table
    for (const char *p = reason; *p && used < sizeof message - 1; p++) message[used++] = *p;
    ssize_t ignored = write(pipe_fd, message, used);
    (void)ignored;
    _exit(127);
}

static void limit(int pipe_fd, int resource, long value) {
    if (value <= 0) return;
    struct rlimit bound = {(rlim_t)value, (rlim_t)value};
    if (setrlimit(resource, &bound) != 0) fail(pipe_fd, "setrlimit");
}

// The last steps, common to both modes: limits, descriptors, user, folder, exec.
static void become_harness(const exercise_sandbox_spec *spec, int pipe_fd, int exe_fd, const char *workdir) {
    struct rlimit none = {0, 0};
    setrlimit(RLIMIT_CORE, &none);
    limit(pipe_fd, RLIMIT_CPU, spec->cpu_seconds);
    limit(pipe_fd, RLIMIT_AS, spec->address_space);
    limit(pipe_fd, RLIMIT_NPROC, spec->processes);
    limit(pipe_fd, RLIMIT_FSIZE, spec->file_size);
    if (dup2(spec->stdin_fd, 0) < 0 || dup2(spec->stdout_fd, 1) < 0 || dup2(spec->stderr_fd, 2) < 0) {
        fail(pipe_fd, "dup2");
    }
    // Close every other descriptor the grader had open (the error pipe and the executable are close-on-exec).
    for (int fd = 3; fd < 1024; fd++) {
        if (fd != pipe_fd && fd != exe_fd) close(fd);
    }
    if (spec->gid >= 0) {
        if (setgroups(0, NULL) != 0) fail(pipe_fd, "setgroups");
        if (setgid((gid_t)spec->gid) != 0) fail(pipe_fd, "setgid");
    }
    if (spec->uid >= 0 && setuid((uid_t)spec->uid) != 0) fail(pipe_fd, "setuid");
#ifdef __linux__
    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
#endif
    if (workdir && chdir(workdir) != 0) fail(pipe_fd, "chdir");
    sigset_t empty;
    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    for (int s = 1; s < 32; s++) signal(s, SIG_DFL);
#ifdef __linux__
    if (exe_fd >= 0) {
        fexecve(exe_fd, spec->argv, spec->envp);
        fail(pipe_fd, "fexecve");
    }
#endif
    execve(spec->executable, spec->argv, spec->envp);
    fail(pipe_fd, "execve");
}

#ifdef __linux__
// In the new namespaces, as PID 1: a private view of the file system, then the harness.
static void isolated_child(const exercise_sandbox_spec *spec, int pipe_fd, int exe_fd) {
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) fail(pipe_fd, "mount private");
    if (mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) != 0) fail(pipe_fd, "mount /proc");
    for (const char *const *path = spec->hidden; path && *path; path++) {
        if (mount("hidden", *path, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=4k,mode=0555") != 0
            && errno != ENOENT && errno != ENOTDIR) {
            fail(pipe_fd, "hide a folder");
        }
    }
    const char *scratch[] = {"/tmp", "/var/tmp", "/dev/shm"};
    for (int i = 0; i < 3; i++) {
        if (mount("scratch", scratch[i], "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=64m,mode=1777") != 0
            && errno != ENOENT) {
            fail(pipe_fd, "mount a scratch folder");
        }
    }
    if (mkdir("/tmp/work", 0700) != 0) fail(pipe_fd, "mkdir /tmp/work");
    if (spec->uid >= 0 && chown("/tmp/work", (uid_t)spec->uid, (gid_t)(spec->gid >= 0 ? spec->gid : 0)) != 0) {
        fail(pipe_fd, "chown /tmp/work");
    }
    become_harness(spec, pipe_fd, exe_fd, "/tmp/work");
}
#endif

static int pipe_cloexec(int fds[2]) {
#ifdef __linux__
    return pipe2(fds, O_CLOEXEC);
#else
    if (pipe(fds) != 0) return -1;
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    fcntl(fds[1], F_SETFD, FD_CLOEXEC);
    return 0;
#endif
}

pid_t exercise_sandbox_spawn(const exercise_sandbox_spec *spec, char *error, unsigned long error_size) {
    int report[2];
    if (pipe_cloexec(report) != 0) {
        snprintf(error, error_size, "pipe: %s", strerror(errno));
        return -1;
    }
    int exe_fd = -1;
#ifdef __linux__
    if (spec->isolate) {
        // Opened now: inside the namespace the folder holding it may be hidden.
        exe_fd = open(spec->executable, O_RDONLY | O_CLOEXEC);
        if (exe_fd < 0) {
            snprintf(error, error_size, "open %s: %s", spec->executable, strerror(errno));
            close(report[0]);
            close(report[1]);
            return -1;
        }
    }
#endif
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(error, error_size, "fork: %s", strerror(errno));
        close(report[0]);
        close(report[1]);
        if (exe_fd >= 0) close(exe_fd);
        return -1;
    }
    if (pid == 0) {
        close(report[0]);
        if (setsid() < 0) fail(report[1], "setsid");
#ifdef __linux__
        if (spec->isolate) {
            if (unshare(CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWNET) != 0) fail(report[1], "unshare");
            pid_t init = fork();  // PID 1 of the new namespace: when it ends, the kernel kills the namespace
            if (init < 0) fail(report[1], "fork");
            if (init == 0) {
                prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
                isolated_child(spec, report[1], exe_fd);
            }
            // This process only waits, then ends as the harness did; its descriptors must not keep pipes open.
            close(report[1]);
            close(exe_fd);
            close(spec->stdin_fd);
            close(spec->stdout_fd);
            close(spec->stderr_fd);
            int status = 0;
            while (waitpid(init, &status, 0) < 0 && errno == EINTR) {}
            if (WIFSIGNALED(status)) {
                struct rlimit none = {0, 0};
                setrlimit(RLIMIT_CORE, &none);
                signal(WTERMSIG(status), SIG_DFL);
                kill(getpid(), WTERMSIG(status));
                _exit(128 + WTERMSIG(status));
            }
            _exit(WIFEXITED(status) ? WEXITSTATUS(status) : 127);
        }
#endif
        become_harness(spec, report[1], -1, spec->workdir);
    }
    close(report[1]);
    if (exe_fd >= 0) close(exe_fd);
    char message[256];
    ssize_t got;
    do { got = read(report[0], message, sizeof message - 1); } while (got < 0 && errno == EINTR);
    close(report[0]);
    if (got > 0) {
        message[got] = 0;
        snprintf(error, error_size, "%s", message);
        kill(-pid, SIGKILL);
        kill(pid, SIGKILL);
        while (waitpid(pid, NULL, 0) < 0 && errno == EINTR) {}
        return -1;
    }
    return pid;
}

int exercise_sandbox_kill_user(int uid, int rounds) {
    if (uid <= 0) return 0;
    pid_t helper = fork();
    if (helper < 0) return -1;
    if (helper == 0) {
        if (setgroups(0, NULL) != 0 || setgid((gid_t)uid) != 0 || setuid((uid_t)uid) != 0) _exit(255);
        int found = 0;
        for (int round = 0; round < rounds; round++) {
            // kill(-1) reaches every process this user may signal, except this helper: the user's processes.
            if (kill(-1, SIGKILL) != 0 && errno == ESRCH) break;
            found++;
            usleep(2000);
        }
        _exit(found);
    }
    int status = 0;
    while (waitpid(helper, &status, 0) < 0 && errno == EINTR) {}
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void exercise_sandbox_ignore_sigpipe(void) { signal(SIGPIPE, SIG_IGN); }
