/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_FORK_RUN_H
#define SELMCAST_FORK_RUN_H

// Shared by the benchmark examples: run one measurement in a forked child, so that its peak
// memory is its own and nothing it leaves behind (simulator state, heap) reaches the next one.

#include <functional>
#include <sys/resource.h>
#include <sys/wait.h>
#include <type_traits>
#include <unistd.h>

namespace ns3
{

/**
 * \return the peak resident memory of this process so far, KiB
 */
inline long
SelmcastPeakKiB()
{
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

/**
 * Run a measurement in a child process and pass its result back through a pipe.
 * \tparam T plain data (it is copied as bytes)
 * \param run the measurement
 * \param[out] result what run returned in the child
 * \return true when the child ran to the end and sent a whole result
 */
template <typename T>
bool
SelmcastRunForked(const std::function<T()>& run, T& result)
{
    static_assert(std::is_trivially_copyable<T>::value, "the result crosses a pipe as bytes");
    int fds[2];
    if (pipe(fds) != 0)
    {
        return false;
    }
    pid_t pid = fork();
    if (pid < 0)
    {
        close(fds[0]);
        close(fds[1]);
        return false;
    }
    if (pid == 0)
    {
        close(fds[0]);
        T value = run();
        ssize_t written = write(fds[1], &value, sizeof(value));
        close(fds[1]);
        _exit(written == sizeof(value) ? 0 : 1);
    }
    close(fds[1]);
    ssize_t got = read(fds[0], &result, sizeof(result));
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    return got == sizeof(result) && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

} // namespace ns3

#endif // SELMCAST_FORK_RUN_H
