// `workspace delete` asks a person first: on a terminal it prompts, without one it refuses
// unless --yes was given. The terminal is a real pseudo-terminal on the child's stdin.
#include "parity/parity_support.hpp"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

using namespace ardoq::test;
using namespace ardoq::test::parity;

namespace {

// The outcome of a run with a terminal on stdin.
struct TerminalRun {
    int exit_code = -1;
    std::string out;
    std::string err; // what the program wrote to stderr (the prompt included)
};

std::vector<std::string> environment(const std::map<std::string, std::string>& extra) {
    std::map<std::string, std::string> all;
    for (char** e = environ; *e != nullptr; ++e) {
        std::string kv(*e);
        auto eq = kv.find('=');
        if (eq != std::string::npos)
            all[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
    for (const auto& [k, v] : extra)
        v.empty() ? void(all.erase(k)) : void(all[k] = v);
    std::vector<std::string> out;
    for (const auto& [k, v] : all)
        out.push_back(k + "=" + v);
    return out;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (auto& s : strings)
        out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

// Reads what is available on `fd` within `timeout_ms`; false on end of file or timeout.
bool read_some(int fd, std::string& into, int timeout_ms) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, timeout_ms) <= 0)
        return false;
    char buf[4096];
    ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0)
        return false;
    into.append(buf, static_cast<std::size_t>(n));
    return true;
}

// Runs argv with a pseudo-terminal as stdin; once stderr shows "[y/N] ", types `answer`.
TerminalRun run_on_terminal(std::vector<std::string> argv,
                            const std::map<std::string, std::string>& env,
                            const std::string& answer) {
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    REQUIRE(master >= 0);
    REQUIRE(grantpt(master) == 0);
    REQUIRE(unlockpt(master) == 0);
    const std::string slave_name = ptsname(master);
    int out_pipe[2], err_pipe[2];
    REQUIRE(pipe(out_pipe) == 0);
    REQUIRE(pipe(err_pipe) == 0);
    auto envs = environment(env);
    auto c_args = pointers(argv);
    auto c_env = pointers(envs);

    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        setsid();
        int slave = open(slave_name.c_str(), O_RDWR);
        if (slave < 0)
            _exit(126);
        dup2(slave, 0);
        dup2(out_pipe[1], 1);
        dup2(err_pipe[1], 2);
        for (int fd : {slave, master, out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]})
            close(fd);
        execve(c_args[0], c_args.data(), c_env.data());
        _exit(127);
    }
    close(out_pipe[1]);
    close(err_pipe[1]);

    TerminalRun run;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (run.err.find("[y/N] ") == std::string::npos &&
           std::chrono::steady_clock::now() < deadline)
        if (!read_some(err_pipe[0], run.err, 100) && run.err.find("error") != std::string::npos)
            break;
    const std::string typed = answer + "\n";
    CHECK(write(master, typed.data(), typed.size()) == static_cast<ssize_t>(typed.size()));
    while (std::chrono::steady_clock::now() < deadline) {
        bool more = read_some(out_pipe[0], run.out, 50);
        more = read_some(err_pipe[0], run.err, 50) || more;
        std::string echo;
        read_some(master, echo, 0); // the terminal echoes what was typed: drain it
        int status = 0;
        if (!more && waitpid(pid, &status, WNOHANG) == pid) {
            while (read_some(out_pipe[0], run.out, 0)) {
            }
            while (read_some(err_pipe[0], run.err, 0)) {
            }
            run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
            break;
        }
    }
    if (run.exit_code == -1) {
        kill(pid, SIGKILL);
        waitpid(pid, nullptr, 0);
    }
    for (int fd : {master, out_pipe[0], err_pipe[0]})
        close(fd);
    return run;
}

Emulator start_world() {
    EmulatorOptions options;
    options.seed_file = world_fixture();
    return Emulator(options);
}

const std::string k_ws = "aaaaaaaaaaaaaaaaaaaaaa10";

} // namespace

TEST_CASE("parity: workspace delete refuses without a terminal and without --yes") {
    Emulator emu = start_world();
    auto r = run_cli(emu, {"workspace", "delete", "Running Services"});
    CHECK(r.exit_code == 1);
    CHECK(r.out == "");
    CHECK(r.err == "workspace delete: error: refusing to delete workspace \"Running Services\" (" +
                       k_ws +
                       ") without confirmation: standard input is not a terminal\n"
                       "  hint: pass --yes to delete it without asking\n");
    CHECK(cli_json(emu, {"workspace", "get", k_ws}).at("name") == "Running Services");

    CHECK(cli_text(emu, {"workspace", "delete", "Running Services", "-y", "--output", "table"}) ==
          "deleted workspace \"Running Services\" (" + k_ws + ")\n");
    CHECK(cli_json(emu, {"workspace", "list"}) == json::array{});
}

TEST_CASE("parity: workspace delete on a terminal asks, and only yes deletes") {
    Emulator emu = start_world();
    const std::vector<std::string> argv{sync_bin(), "workspace", "delete",
                                        k_ws,       "--target",  emu.base_url()};
    const std::string prompt = "Delete workspace \"Running Services\" (" + k_ws +
                               ") with 3 components and 1 reference? This cannot be undone. "
                               "[y/N] ";

    auto no = run_on_terminal(argv, cli_env(emu), "n");
    CHECK(no.exit_code == 1);
    CHECK(no.out == "");
    CHECK(no.err == prompt + "workspace delete: not confirmed; workspace \"Running Services\" (" +
                        k_ws + ") was not deleted\n");
    CHECK(cli_json(emu, {"workspace", "list"}).as_array().size() == 1);

    auto yes = run_on_terminal(argv, cli_env(emu), "yes");
    CHECK(yes.exit_code == 0);
    CHECK(yes.err == prompt);
    CHECK(json::parse(yes.out) ==
          expected(R"({"_id": "${ws}", "name": "Running Services", "deleted": true})",
                   {{"ws", k_ws}}));
    CHECK(cli_json(emu, {"workspace", "list"}) == json::array{});
    // Its components went with it.
    auto r = run_cli(emu, {"component", "get", "cccccccccccccccccccccc10"});
    CHECK(r.exit_code == 1);
    // The first line and the hint are ours; the response line quotes the emulator's body.
    CHECK(r.err.starts_with("error: get component: GET /api/v2/components/"
                            "cccccccccccccccccccccc10: HTTP 404 Not Found\n  response: {"));
    CHECK(r.err.ends_with("}\n  hint: there is no component with this id; `ardoq-sync component "
                          "list -w WORKSPACE` lists the components of a workspace with their "
                          "ids\n"));
}
