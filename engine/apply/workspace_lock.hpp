#pragma once
// The lock that stops two applies on one workspace at once: a lock file created
// exclusively (O_EXCL) that names its holder (pid, the process's start time, host name,
// command, when). A lock whose holder is gone is stale: a pid that no longer runs, or that
// now belongs to another process (its start time differs), on this host. A stale lock is
// taken over with a warning; a live one refuses the run.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace ardoq::apply {

struct LockHolder {
    int pid = 0;
    std::uint64_t start_time = 0; // clock ticks after boot (/proc/PID/stat field 22)
    std::string host;
    std::string command;
    std::string since; // ISO-8601 UTC
};

// The start time of a running process, nullopt when there is no such process.
std::optional<std::uint64_t> process_start_time(int pid);
// Whether `holder` still runs (on this host; a lock from another host counts as live).
bool holder_alive(const LockHolder& holder);

class WorkspaceLock {
public:
    // Takes the lock file `path` (its directory is created) for `command`. Throws RunError
    // when a live run holds it, naming the holder, the workspace (`what`) and the file.
    WorkspaceLock(std::filesystem::path path, std::string_view what, std::string_view command);
    // Removes the lock file, if it is still this process's.
    ~WorkspaceLock();
    WorkspaceLock(const WorkspaceLock&) = delete;
    WorkspaceLock& operator=(const WorkspaceLock&) = delete;

    const std::filesystem::path& path() const noexcept { return m_path; }

private:
    std::filesystem::path m_path;
    std::string m_content;
};

// The lock file of a workspace on a target: <dir>/<target>-<workspace id>.lock, the target
// made safe as a file name ("127.0.0.1_8080", "file_.ardoq-sync_workspace.json").
std::filesystem::path lock_path(const std::filesystem::path& dir, std::string_view target,
                                std::string_view workspace_id);

} // namespace ardoq::apply
