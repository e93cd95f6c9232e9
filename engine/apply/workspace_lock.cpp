#include "apply/workspace_lock.hpp"

#include "model/errors.hpp"

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace ardoq::apply {

namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

std::string host_name() {
    char buf[256] = {};
    if (::gethostname(buf, sizeof buf - 1) != 0)
        return "?";
    return buf;
}

std::string iso_now() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// nullopt when the file is not a lock we wrote (cut short, edited): treated as stale.
std::optional<LockHolder> parse_holder(const std::string& text) {
    boost::system::error_code ec;
    const json::value v = json::parse(text, ec);
    if (ec || !v.is_object())
        return std::nullopt;
    const auto& o = v.get_object();
    LockHolder h;
    const auto* pid = o.if_contains("pid");
    const auto* start = o.if_contains("start_time");
    if (pid == nullptr || !pid->is_int64() || start == nullptr || !start->is_int64())
        return std::nullopt;
    h.pid = static_cast<int>(pid->get_int64());
    h.start_time = static_cast<std::uint64_t>(start->get_int64());
    auto text_of = [&](const char* key) {
        const auto* s = o.if_contains(key);
        return s && s->is_string() ? std::string(s->get_string()) : std::string();
    };
    h.host = text_of("host");
    h.command = text_of("command");
    h.since = text_of("since");
    return h;
}

std::string describe(const LockHolder& h) {
    return "pid " + std::to_string(h.pid) + " on " + h.host + ", \"" + h.command + "\", since " +
           h.since;
}

} // namespace

std::optional<std::uint64_t> process_start_time(int pid) {
    const std::string stat = read_text("/proc/" + std::to_string(pid) + "/stat");
    // "PID (comm) S ppid ...": comm may hold spaces and parentheses, so fields are counted
    // from the last ')'. starttime is field 22, the 20th after comm.
    const auto close = stat.rfind(')');
    if (close == std::string::npos)
        return std::nullopt;
    std::istringstream fields(stat.substr(close + 1));
    std::string field;
    for (int i = 3; i <= 22; ++i)
        if (!(fields >> field))
            return std::nullopt;
    try {
        return std::stoull(field);
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

bool holder_alive(const LockHolder& holder) {
    if (holder.host != host_name())
        return true; // cannot look at another machine's processes
    const auto start = process_start_time(holder.pid);
    return start && *start == holder.start_time;
}

WorkspaceLock::WorkspaceLock(fs::path path, std::string_view what, std::string_view command)
    : m_path(std::move(path)) {
    std::error_code ec;
    fs::create_directories(m_path.parent_path(), ec);
    const int pid = static_cast<int>(::getpid());
    json::object me{{"pid", pid},
                    {"start_time", process_start_time(pid).value_or(0)},
                    {"host", host_name()},
                    {"command", std::string(command)},
                    {"since", iso_now()}};
    m_content = json::serialize(me) + "\n";

    for (int attempt = 0; attempt < 3; ++attempt) {
        const int fd = ::open(m_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd >= 0) {
            const auto written = ::write(fd, m_content.data(), m_content.size());
            ::close(fd);
            if (written != static_cast<ssize_t>(m_content.size())) {
                fs::remove(m_path, ec);
                throw model::RunError("cannot write the lock file " + m_path.string() + ": " +
                                      std::strerror(errno));
            }
            return;
        }
        if (errno != EEXIST)
            throw model::RunError("cannot create the lock file " + m_path.string() + ": " +
                                  std::strerror(errno) +
                                  "\n  hint: make the directory writable or pass --state-dir");
        const auto holder = parse_holder(read_text(m_path));
        if (holder && holder_alive(*holder))
            throw model::RunError("another ardoq-sync run is applying to " + std::string(what) +
                                  " (" + describe(*holder) +
                                  ")\n  hint: wait until it has finished; if no such run "
                                  "exists any more, remove " +
                                  m_path.string());
        spdlog::warn("removing the stale lock {} of a run that ended without removing it{}",
                     m_path.string(), holder ? " (" + describe(*holder) + ")" : std::string());
        fs::remove(m_path, ec);
    }
    throw model::RunError("cannot take the lock " + m_path.string() +
                          ": other runs keep creating it\n  hint: wait until they have finished");
}

WorkspaceLock::~WorkspaceLock() {
    // Only remove the file if it is still ours (a stale-lock takeover by another run after
    // a long suspension must not lose its lock).
    if (read_text(m_path) == m_content) {
        std::error_code ec;
        fs::remove(m_path, ec);
    }
}

fs::path lock_path(const fs::path& dir, std::string_view target, std::string_view workspace_id) {
    std::string name;
    std::string_view t = target;
    for (std::string_view prefix : {"https://", "http://"})
        if (t.starts_with(prefix))
            t.remove_prefix(prefix.size());
    for (char c : t) {
        const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                          (c >= '0' && c <= '9') || c == '.' || c == '-';
        name.push_back(safe ? c : '_');
    }
    while (!name.empty() && name.back() == '_')
        name.pop_back();
    return dir / (name + "-" + std::string(workspace_id) + ".lock");
}

} // namespace ardoq::apply
