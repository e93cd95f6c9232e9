// Conformance: the emulator as a server — start-up line, authentication, X-org, admin routes,
// persistence on SIGTERM, keep-alive, concurrent clients and the huge-page re-exec.
#include "support/emulator.hpp"

#include "emulator/conformance.hpp"

#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace ardoq::test;
using namespace ardoq::test::conformance;

TEST_CASE("emulator: serves /me to a bearer token after printing its listening line") {
    Emulator emu(portfolio());
    CHECK(emu.port() > 0);
    auto r = emu.get("/api/v2/me");
    CHECK(r.status == 200);
    CHECK(r.header("Content-Type") == "application/json; charset=utf-8");
    CHECK(
        r.body ==
        R"({"org":{"name":"Example Org","label":"example"},"user":{"email":"sync@example.com"}})");
}

TEST_CASE("emulator: accepts the legacy Token header and answers 401 otherwise") {
    Emulator emu(portfolio());
    CHECK(emu.request("GET", "/api/v2/me", {}, {{"Authorization", "Token token=" + emu.token()}})
              .status == 200);
    auto missing = emu.request("GET", "/api/v2/me", {}, {{"Authorization", ""}});
    CHECK(error_of(missing) == "401 unauthorized: GET /api/v2/me: the Authorization header is "
                               "missing | hint: send Authorization: Bearer <token>");
    auto wrong = emu.request("GET", "/api/v2/workspaces", {}, {{"Authorization", "Bearer nope"}});
    CHECK(error_of(wrong) == "401 unauthorized: GET /api/v2/workspaces: the token is invalid or "
                             "has expired | hint: check the API token");
    auto odd = emu.request("GET", "/api/v2/me", {}, {{"Authorization", "Basic abc"}});
    CHECK(odd.status == 401);
    CHECK(odd.json().at("operation") == "GET /api/v2/me");
}

TEST_CASE("emulator: --require-org wants X-org with the org label") {
    Emulator emu(portfolio({"--require-org", "--org", "acme"}));
    CHECK(
        error_of(emu.get("/api/v2/me")) ==
        "401 org_required: GET /api/v2/me: the X-org header is required | hint: send X-org: acme");
    CHECK(error_of(emu.request("GET", "/api/v2/me", {}, {{"X-org", "other"}})) ==
          "403 org_forbidden: GET /api/v2/me: the token has no access to organisation \"other\" | "
          "hint: send X-org: acme");
    auto ok = emu.request("GET", "/api/v2/me", {}, {{"X-org", "acme"}});
    CHECK(ok.status == 200);
    CHECK(ok.json().at("org").at("label") == "acme");
}

TEST_CASE("emulator: SIGTERM writes --data atomically and a restart loads it") {
    std::string dir = make_temp_dir("emu-data");
    std::string data = dir + "/state.json";
    std::string created;
    {
        EmulatorOptions o = portfolio();
        o.data_file = data;
        Emulator emu(o);
        auto r = emu.post("/api/v2/batch", R"({"components":{"create":[{"batchId":"n","body":{
            "rootWorkspace":"aaaaaaaaaaaaaaaaaaaaaa01","typeId":"p1000000000002","name":"Payroll"}}]}})");
        REQUIRE(r.status == 200);
        created = str(r.json().at("components").at("created").at(0).at("id"));
        std::string before = emu.state();
        CHECK(emu.stop() == 0);
        CHECK(read_file(data) == before);
    }
    std::vector<std::string> leftovers;
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        leftovers.push_back(entry.path().filename().string());
    CHECK(leftovers == std::vector<std::string>{"state.json"});

    EmulatorOptions again; // no seed: the data file alone
    again.data_file = data;
    Emulator emu(again);
    auto r = emu.get("/api/v2/components/" + created);
    CHECK(r.status == 200);
    CHECK(r.json().at("name") == "Payroll");
    CHECK(r.json().at("componentKey") == "APP-5");
    CHECK(emu.get(std::string("/api/v2/components/") + k_crm).status == 200);
}

TEST_CASE("emulator: admin stats count answers per route and status") {
    Emulator emu(portfolio());
    emu.get("/api/v2/me");
    emu.get("/api/v2/me");
    emu.get(std::string("/api/v2/components/") + k_crm);
    emu.get("/api/v2/components/ffffffffffffffffffffffff");
    emu.request("GET", "/api/v2/me", {}, {{"Authorization", ""}});
    auto stats = emu.get("/_emulator/stats");
    CHECK(stats.status == 200);
    CHECK(stats.body == R"({"total":5,"routes":{"GET /api/v2/components/{id}":{"200":1,"404":1},)"
                        R"("GET /api/v2/me":{"200":2,"401":1}}})");
}

TEST_CASE("emulator: reset returns to the seed and state can be replaced") {
    Emulator emu(portfolio());
    std::string seeded = emu.state();
    REQUIRE(emu.request("DELETE", std::string("/api/v2/references/") + k_crm_server).status == 204);
    CHECK(emu.state() != seeded);
    auto reset = emu.post("/_emulator/reset", "");
    CHECK(reset.body == R"({"reset":true})");
    CHECK(emu.state() == seeded);

    auto put = emu.request("PUT", "/_emulator/state",
                           R"({"workspaces":[{"_id":"aaaaaaaaaaaaaaaaaaaaaa09","name":"Only",
                              "context":{"componentTypes":[{"typeId":"p1","name":"T"}]}}]})");
    CHECK(put.body == R"({"workspaces":1,"components":0,"references":0})");
    CHECK(emu.get("/api/v2/workspaces").json().at("values").as_array().size() == 1);

    auto bad = emu.request("PUT", "/_emulator/state", R"({"workspaces":[{"name":"No model"}]})");
    CHECK(error_of(bad) == "400 invalid_state: PUT /_emulator/state: state: workspaces[0]: needs "
                           "\"componentModel\" (a model id) or an inline \"context\" | hint: see "
                           "the state format in docs/emulator.md");
}

TEST_CASE("emulator: --no-admin hides the admin routes") {
    Emulator emu(portfolio({"--no-admin"}));
    auto r = emu.get("/_emulator/state");
    CHECK(error_of(r) == "404 not_found: GET /_emulator/state: the admin routes are disabled "
                         "(--no-admin)");
}

TEST_CASE("emulator: a bad seed stops start-up with the JSON path and exit code 2") {
    std::string dir = make_temp_dir("emu-seed");
    write_file(dir + "/seed.json",
               R"({"workspaces":[{"_id":"aaaaaaaaaaaaaaaaaaaaaa01","name":"W","context":{
                   "componentTypes":[{"typeId":"p1","name":"T"}]}}],
                   "components":[{"name":"x","rootWorkspace":"aaaaaaaaaaaaaaaaaaaaaa01","typeId":"p2"}]})");
    auto r = run_process({emulator_bin(), "--token", "t", "--seed", dir + "/seed.json"});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err == "ardoq-emulator: error: " + dir +
                       "/seed.json: components[0].typeId: \"p2\" is not a component type of "
                       "workspace \"W\"\n  hint: the state format is described in "
                       "docs/emulator.md\n");

    auto usage = run_process({emulator_bin(), "--token", "t", "--rate-limit", "fast"});
    CHECK(usage.exit_code == 2);
    CHECK(usage.err == "ardoq-emulator: error: --rate-limit: cannot read \"fast\"\n  hint: give "
                       "requests per second, e.g. --rate-limit 50/s\n");
}

namespace {

// Sends raw bytes on one TCP connection and reads until the server closes it.
std::string raw_exchange(int port, const std::string& bytes) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return "connect failed";
    }
    timeval tv{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    (void)::write(fd, bytes.data(), bytes.size());
    std::string out;
    char buf[4096];
    ssize_t n;
    while ((n = ::read(fd, buf, sizeof buf)) > 0)
        out.append(buf, static_cast<std::size_t>(n));
    ::close(fd);
    return out;
}

std::size_t count_of(const std::string& text, const std::string& needle) {
    std::size_t n = 0;
    for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1))
        ++n;
    return n;
}

} // namespace

TEST_CASE("emulator: keep-alive answers several requests on one connection") {
    Emulator emu(portfolio());
    std::string auth = "Authorization: Bearer " + emu.token() + "\r\n";
    std::string get = "GET /api/v2/me HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n";
    std::string last =
        "GET /api/v2/me HTTP/1.1\r\nHost: x\r\n" + auth + "Connection: close\r\n\r\n";
    std::string out = raw_exchange(emu.port(), get + get + last);
    CHECK(count_of(out, "HTTP/1.1 200 OK\r\n") == 3);
    CHECK(count_of(out, R"({"org":{"name":"Example Org")") == 3);
}

TEST_CASE("emulator: serves concurrent clients") {
    Emulator emu(portfolio());
    std::atomic<int> ok{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 25; ++i)
                if (emu.get(std::string("/api/v2/components/") + k_crm).status == 200)
                    ++ok;
        });
    for (auto& t : threads)
        t.join();
    CHECK(ok == 200);
}

namespace {

// The value of `name` in the environment of process `pid` ("(unset)" when it has none).
std::string environment_of(int pid, const std::string& name) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/environ", std::ios::binary);
    std::string entry;
    while (std::getline(in, entry, '\0'))
        if (entry.rfind(name + "=", 0) == 0)
            return entry.substr(name.size() + 1);
    return "(unset)";
}

} // namespace

TEST_CASE("emulator: starts once more with glibc's huge-page tunable, unless told not to or "
          "GLIBC_TUNABLES is set") {
    if (!std::filesystem::exists("/proc/self/environ"))
        return; // not Linux with /proc: nothing is re-executed
    struct Case {
        const char* what;
        std::map<std::string, std::string> env; // "" removes a variable
        std::string serving;                    // GLIBC_TUNABLES of the serving process
    };
    const std::vector<Case> cases = {
        {"by default the serving process (same pid) has the tunable",
         {{"GLIBC_TUNABLES", ""}, {"ARDOQ_EMULATOR_NO_REEXEC", ""}},
         "glibc.malloc.hugetlb=1"},
        {"ARDOQ_EMULATOR_NO_REEXEC=1 keeps the allocator as it is",
         {{"GLIBC_TUNABLES", ""}, {"ARDOQ_EMULATOR_NO_REEXEC", "1"}},
         "(unset)"},
        {"a GLIBC_TUNABLES of one's own is kept",
         {{"GLIBC_TUNABLES", "glibc.malloc.arena_max=1"}, {"ARDOQ_EMULATOR_NO_REEXEC", ""}},
         "glibc.malloc.arena_max=1"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.what);
        auto options = portfolio();
        options.env = c.env;
        Emulator emu(options);
        CHECK(environment_of(emu.pid(), "GLIBC_TUNABLES") == c.serving);
        CHECK(emu.get("/api/v2/me").status == 200);
    }
}
