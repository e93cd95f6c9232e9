#pragma once
// Test support: run a real program and capture what it did, or keep one running in the
// background (for servers such as the emulator).

#include <map>
#include <string>
#include <vector>

namespace ardoq::test {

struct ProcessResult {
    int exit_code = -1; // -1 when killed by a signal
    std::string out;
    std::string err;
};

// Runs argv[0] with arguments, optional stdin text and extra environment variables
// (added to the current environment; a value of "" removes the variable). Waits for it.
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& stdin_text = {},
                          const std::map<std::string, std::string>& env = {},
                          const std::string& cwd = {});

// A child process running in the background; stopped (SIGTERM, then SIGKILL) on destruction.
class BackgroundProcess {
public:
    BackgroundProcess(const std::vector<std::string>& argv,
                      const std::map<std::string, std::string>& env = {});
    ~BackgroundProcess();
    BackgroundProcess(const BackgroundProcess&) = delete;
    BackgroundProcess& operator=(const BackgroundProcess&) = delete;

    // Reads one line from the child's stdout (blocking, with a timeout in ms); "" on EOF/timeout.
    std::string read_line(int timeout_ms = 10000);
    // Sends a signal and waits for exit; returns the exit code (-1 for a signal death).
    int stop(int signal_number = 15, int timeout_ms = 10000);
    int pid() const noexcept { return m_pid; }

private:
    int m_pid = -1;
    int m_out_fd = -1;
    std::string m_buffer;
    bool m_exited = false;
    int m_exit_code = -1;
};

// Path helpers from the build: the repository root, the built binaries, a fresh temp dir
// (removed with its contents when the test process exits, unless ARDOQ_KEEP_TEST_DIRS is set).
std::string source_dir();
std::string sync_bin();
std::string emulator_bin();
std::string make_temp_dir(const std::string& prefix = "ardoq-sync-test");
std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& content);

} // namespace ardoq::test
