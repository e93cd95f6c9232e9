#include "support/process.hpp"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <poll.h>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace ardoq::test {

namespace {

std::vector<std::string> merged_env(const std::map<std::string, std::string>& extra) {
    std::map<std::string, std::string> all;
    for (char** e = environ; *e != nullptr; ++e) {
        std::string kv(*e);
        auto eq = kv.find('=');
        if (eq != std::string::npos)
            all[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
    for (const auto& [k, v] : extra) {
        if (v.empty())
            all.erase(k);
        else
            all[k] = v;
    }
    std::vector<std::string> out;
    out.reserve(all.size());
    for (const auto& [k, v] : all)
        out.push_back(k + "=" + v);
    return out;
}

std::vector<char*> c_array(std::vector<std::string>& strings) {
    std::vector<char*> out;
    out.reserve(strings.size() + 1);
    for (auto& s : strings)
        out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

int decode_status(int status) {
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

} // namespace

ProcessResult run_process(const std::vector<std::string>& argv, const std::string& stdin_text,
                          const std::map<std::string, std::string>& env, const std::string& cwd) {
    int in_pipe[2], out_pipe[2], err_pipe[2];
    if (pipe(in_pipe) != 0 || pipe(out_pipe) != 0 || pipe(err_pipe) != 0)
        throw std::runtime_error("pipe failed");
    auto args = argv;
    auto envs = merged_env(env);
    auto c_args = c_array(args);
    auto c_env = c_array(envs);

    pid_t pid = fork();
    if (pid < 0)
        throw std::runtime_error("fork failed");
    if (pid == 0) {
        dup2(in_pipe[0], 0);
        dup2(out_pipe[1], 1);
        dup2(err_pipe[1], 2);
        for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]})
            close(fd);
        if (!cwd.empty() && chdir(cwd.c_str()) != 0)
            _exit(126);
        execve(c_args[0], c_args.data(), c_env.data());
        _exit(127);
    }
    close(in_pipe[0]);
    close(out_pipe[1]);
    close(err_pipe[1]);

    // Feed stdin from a thread so a large input cannot deadlock against full output pipes.
    std::thread feeder([fd = in_pipe[1], &stdin_text] {
        std::size_t off = 0;
        signal(SIGPIPE, SIG_IGN);
        while (off < stdin_text.size()) {
            auto n = write(fd, stdin_text.data() + off, stdin_text.size() - off);
            if (n <= 0)
                break;
            off += static_cast<std::size_t>(n);
        }
        close(fd);
    });

    ProcessResult result;
    pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
    int open_fds = 2;
    char buf[65536];
    while (open_fds > 0) {
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0)
                continue;
            auto n = read(fds[i].fd, buf, sizeof buf);
            if (n <= 0) {
                close(fds[i].fd);
                fds[i].fd = -1;
                --open_fds;
            } else {
                (i == 0 ? result.out : result.err).append(buf, static_cast<std::size_t>(n));
            }
        }
    }
    feeder.join();
    int status = 0;
    waitpid(pid, &status, 0);
    result.exit_code = decode_status(status);
    return result;
}

BackgroundProcess::BackgroundProcess(const std::vector<std::string>& argv,
                                     const std::map<std::string, std::string>& env) {
    int out_pipe[2];
    if (pipe(out_pipe) != 0)
        throw std::runtime_error("pipe failed");
    auto args = argv;
    auto envs = merged_env(env);
    auto c_args = c_array(args);
    auto c_env = c_array(envs);
    m_pid = fork();
    if (m_pid < 0)
        throw std::runtime_error("fork failed");
    if (m_pid == 0) {
        dup2(out_pipe[1], 1);
        close(out_pipe[0]);
        close(out_pipe[1]);
        int devnull = open("/dev/null", O_RDONLY);
        if (devnull >= 0)
            dup2(devnull, 0);
        execve(c_args[0], c_args.data(), c_env.data());
        _exit(127);
    }
    close(out_pipe[1]);
    m_out_fd = out_pipe[0];
}

BackgroundProcess::~BackgroundProcess() {
    if (!m_exited && m_pid > 0)
        stop(SIGTERM, 5000);
    if (m_out_fd >= 0)
        close(m_out_fd);
}

std::string BackgroundProcess::read_line(int timeout_ms) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (true) {
        auto nl = m_buffer.find('\n');
        if (nl != std::string::npos) {
            std::string line = m_buffer.substr(0, nl);
            m_buffer.erase(0, nl + 1);
            return line;
        }
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                        deadline - std::chrono::steady_clock::now())
                        .count();
        if (left <= 0)
            return {};
        pollfd p{m_out_fd, POLLIN, 0};
        if (poll(&p, 1, static_cast<int>(left)) <= 0)
            return {};
        char buf[4096];
        auto n = read(m_out_fd, buf, sizeof buf);
        if (n <= 0)
            return {};
        m_buffer.append(buf, static_cast<std::size_t>(n));
    }
}

int BackgroundProcess::stop(int signal_number, int timeout_ms) {
    if (m_exited)
        return m_exit_code;
    kill(m_pid, signal_number);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    int status = 0;
    while (true) {
        pid_t r = waitpid(m_pid, &status, WNOHANG);
        if (r == m_pid)
            break;
        if (std::chrono::steady_clock::now() > deadline) {
            kill(m_pid, SIGKILL);
            waitpid(m_pid, &status, 0);
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    m_exited = true;
    m_exit_code = decode_status(status);
    return m_exit_code;
}

std::string source_dir() {
    return ARDOQ_SOURCE_DIR;
}
std::string sync_bin() {
    return ARDOQ_SYNC_BIN;
}
std::string emulator_bin() {
    return ARDOQ_EMULATOR_BIN;
}

namespace {

// The temp dirs this process made, removed when it exits (kept when ARDOQ_KEEP_TEST_DIRS is
// set, to look at what a failed test left). Children made by fork() leave with _exit and so
// never remove their parent's dirs.
class TempDirs {
public:
    TempDirs(const TempDirs&) = delete;
    TempDirs& operator=(const TempDirs&) = delete;
    static TempDirs& instance() {
        static TempDirs dirs;
        return dirs;
    }
    void add(std::string dir) {
        std::lock_guard lock(m_mutex);
        m_dirs.push_back(std::move(dir));
    }
    ~TempDirs() {
        if (std::getenv("ARDOQ_KEEP_TEST_DIRS") != nullptr)
            return;
        for (const auto& dir : m_dirs) {
            std::error_code ec;
            std::filesystem::remove_all(dir, ec); // best effort: a test may have removed it
        }
    }

private:
    TempDirs() = default;
    std::mutex m_mutex;
    std::vector<std::string> m_dirs;
};

} // namespace

std::string make_temp_dir(const std::string& prefix) {
    const char* base = std::getenv("TMPDIR");
    std::string tmpl = std::string(base != nullptr ? base : "/tmp") + "/" + prefix + "-XXXXXX";
    if (mkdtemp(tmpl.data()) == nullptr)
        throw std::runtime_error("mkdtemp failed: " + std::string(std::strerror(errno)));
    TempDirs::instance().add(tmpl);
    return tmpl;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read " + path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void write_file(const std::string& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out)
        throw std::runtime_error("cannot write " + path);
    out << content;
}

} // namespace ardoq::test
