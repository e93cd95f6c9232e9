// Benchmark of ardoq-emulator (run by `make bench`, never by ctest): the time of a
// 1,000-operation upsert batch against 100,000 stored components, the time to page through
// them, and small GETs per second over keep-alive connections. Prints a Markdown table.
//
// usage: bench-emulator [--components N] [--batches N] [--seconds S] [--connections N]

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace json = boost::json;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* k_token = "bench-token";
constexpr const char* k_workspace = "aaaaaaaaaaaaaaaaaaaaaa01";
constexpr const char* k_type = "p1000000000002";

std::string oid(std::uint64_t n) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "c%023llx", static_cast<unsigned long long>(n));
    return buf;
}

// A seed with one workspace holding `count` components keyed by customFields.external_id.
void write_seed(const std::string& path, std::size_t count) {
    std::ofstream out(path);
    out << R"({"workspaces":[{"_id":")" << k_workspace << R"(","name":"Bench","workspaceKey":"B",)"
        << R"("context":{"componentTypes":[{"typeId":")" << k_type
        << R"(","name":"Application","customFields":["external_id","cost"]}],)"
        << R"("referenceTypes":[{"type":2,"name":"Depends on"}],)"
        << R"("customFields":[{"apiKey":"external_id","type":"Text"},{"apiKey":"cost","type":"Number"}]}}],)"
        << R"("components":[)";
    for (std::size_t i = 0; i < count; ++i)
        out << (i ? "," : "") << R"({"_id":")" << oid(i) << R"(","name":"App )" << i
            << R"(","rootWorkspace":")" << k_workspace << R"(","typeId":")" << k_type
            << R"(","customFields":{"external_id":"app-)" << i << R"(","cost":)" << i % 1000
            << "}}";
    out << "]}";
}

// The emulator as a child process.
class Server {
public:
    Server(const std::string& binary, const std::string& seed) {
        int pipe_fds[2];
        if (pipe(pipe_fds) != 0)
            throw std::runtime_error("pipe failed");
        m_pid = fork();
        if (m_pid == 0) {
            dup2(pipe_fds[1], 1);
            close(pipe_fds[0]);
            close(pipe_fds[1]);
            execl(binary.c_str(), binary.c_str(), "--port", "0", "--token", k_token, "--seed",
                  seed.c_str(), "--threads", "2", "--page-size", "1000", "--id-seed", "1",
                  static_cast<char*>(nullptr));
            _exit(127);
        }
        close(pipe_fds[1]);
        std::string line;
        char c;
        while (read(pipe_fds[0], &c, 1) == 1 && c != '\n')
            line.push_back(c);
        close(pipe_fds[0]);
        auto colon = line.rfind(':');
        if (line.rfind("listening on ", 0) != 0 || colon == std::string::npos)
            throw std::runtime_error("the emulator did not start: \"" + line + "\"");
        m_port = static_cast<unsigned short>(std::stoi(line.substr(colon + 1)));
    }
    ~Server() {
        kill(m_pid, SIGTERM);
        int status = 0;
        waitpid(m_pid, &status, 0);
    }
    unsigned short port() const { return m_port; }
    // CPU seconds (user + system) the server has used so far, from /proc/<pid>/stat.
    double cpu_seconds() const {
        std::ifstream in("/proc/" + std::to_string(m_pid) + "/stat");
        std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        std::istringstream fields(stat.substr(stat.rfind(')') + 2));
        std::string field;
        double ticks = 0;
        for (int i = 3; fields >> field && i <= 15; ++i)
            if (i == 14 || i == 15)
                ticks += std::stod(field);
        return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
    }

private:
    pid_t m_pid = -1;
    unsigned short m_port = 0;
};

// One keep-alive HTTP connection.
class Client {
public:
    explicit Client(unsigned short port)
        : m_stream(m_ioc), m_host("127.0.0.1:" + std::to_string(port)) {
        m_stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
        m_stream.socket().set_option(tcp::no_delay(true));
    }
    std::pair<int, std::string> send(http::verb verb, const std::string& target,
                                     const std::string& body = {}) {
        http::request<http::string_body> req{verb, target, 11};
        req.set(http::field::host, m_host);
        req.set(http::field::authorization, std::string("Bearer ") + k_token);
        req.set(http::field::content_type, "application/json");
        req.body() = body;
        req.prepare_payload();
        http::write(m_stream, req);
        http::response_parser<http::string_body> parser;
        parser.body_limit(1u << 30);
        http::read(m_stream, m_buffer, parser);
        return {static_cast<int>(parser.get().result_int()), std::move(parser.get().body())};
    }

private:
    net::io_context m_ioc;
    beast::tcp_stream m_stream;
    beast::flat_buffer m_buffer;
    std::string m_host;
};

std::string upsert_batch(std::size_t round, std::size_t existing) {
    // 900 updates spread over the stored components, 100 new ones.
    std::string body = R"({"components":{"upsert":[)";
    for (std::size_t i = 0; i < 1000; ++i) {
        std::size_t key =
            i < 900 ? (round * 7919 + i * 104729) % existing : existing + round * 100 + i;
        body += (i ? "," : "");
        body +=
            R"({"batchId":"b)" + std::to_string(i) +
            R"(","uniqueBy":["customFields.external_id","rootWorkspace"],"body":{"rootWorkspace":")" +
            k_workspace + R"(","typeId":")" + k_type + R"(","name":"App )" + std::to_string(key) +
            R"(","customFields":{"external_id":"app-)" + std::to_string(key) + R"(","cost":)" +
            std::to_string(round) + "}}}";
    }
    return body + "]}}";
}

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

} // namespace

int main(int argc, char** argv) {
    std::size_t components = 100000, batches = 10, connections = 4;
    double seconds = 3;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string arg = argv[i];
        if (arg == "--components")
            components = std::stoul(argv[i + 1]);
        else if (arg == "--batches")
            batches = std::stoul(argv[i + 1]);
        else if (arg == "--seconds")
            seconds = std::stod(argv[i + 1]);
        else if (arg == "--connections")
            connections = std::stoul(argv[i + 1]);
    }
    try {
        char dir_template[] = "/tmp/bench-emulator-XXXXXX";
        std::string dir = mkdtemp(dir_template);
        std::string seed = dir + "/seed.json";
        write_seed(seed, components);

        auto start = Clock::now();
        Server server(ARDOQ_EMULATOR_BIN, seed);
        double startup_ms = ms_since(start);

        Client client(server.port());
        std::vector<double> batch_ms;
        double cpu_before = server.cpu_seconds();
        for (std::size_t round = 0; round < batches; ++round) {
            std::string body = upsert_batch(round, components);
            auto t = Clock::now();
            auto [status, answer] = client.send(http::verb::post, "/api/v2/batch", body);
            batch_ms.push_back(ms_since(t));
            auto result = json::parse(answer).at("components");
            if (status != 200 || result.at("updated").as_array().size() != 900 ||
                result.at("created").as_array().size() != 100)
                throw std::runtime_error("unexpected batch answer " + std::to_string(status) +
                                         ": " + answer.substr(0, 300));
        }
        double batch_cpu_ms =
            (server.cpu_seconds() - cpu_before) * 1000.0 / static_cast<double>(batch_ms.size());
        std::sort(batch_ms.begin(), batch_ms.end());

        // Page through the whole workspace, as a snapshot fetch does.
        auto t = Clock::now();
        std::string target = std::string("/api/v2/components?rootWorkspace=") + k_workspace;
        std::size_t listed = 0;
        std::string prefix = "http://127.0.0.1:" + std::to_string(server.port());
        while (!target.empty()) {
            auto page = json::parse(client.send(http::verb::get, target).second).as_object();
            listed += page.at("values").as_array().size();
            auto* next = page.at("_links").as_object().if_contains("next");
            target = next == nullptr
                         ? std::string()
                         : std::string(next->at("href").as_string()).substr(prefix.size());
        }
        double list_ms = ms_since(t);

        // Small GETs over keep-alive connections from as many client threads.
        double get_cpu_before = server.cpu_seconds();
        std::atomic<std::uint64_t> gets{0}, failures{0};
        std::atomic<bool> stop{false};
        std::vector<std::thread> threads;
        auto get_start = Clock::now();
        for (std::size_t c = 0; c < connections; ++c)
            threads.emplace_back([&, c] {
                Client conn(server.port());
                std::uint64_t n = c;
                while (!stop) {
                    auto [status, body] = conn.send(
                        http::verb::get, "/api/v2/components/" + oid((n * 7919) % components));
                    (status == 200 ? gets : failures)++;
                    n += connections;
                }
            });
        std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
        stop = true;
        for (auto& th : threads)
            th.join();
        double get_s = ms_since(get_start) / 1000.0;
        double get_cpu_us = (server.cpu_seconds() - get_cpu_before) * 1e6 /
                            static_cast<double>(std::max<std::uint64_t>(1, gets.load()));
        double load[3] = {0, 0, 0};
        if (getloadavg(load, 3) < 1)
            load[0] = -1;
        if (failures > 0)
            throw std::runtime_error(std::to_string(failures.load()) + " GETs failed");

        std::printf("### ardoq-emulator (%zu components, %u hardware threads, load average "
                    "%.1f)\n\n",
                    components, std::thread::hardware_concurrency(), load[0]);
        std::printf("| measure | result | aim |\n|---|---|---|\n");
        std::printf("| start-up with the seed loaded | %.0f ms | |\n", startup_ms);
        std::printf("| 1,000-operation upsert batch (900 updates, 100 creates), round trip, "
                    "median of %zu | %.1f ms (min %.1f, max %.1f) | <= 50 ms |\n",
                    batch_ms.size(), batch_ms[batch_ms.size() / 2], batch_ms.front(),
                    batch_ms.back());
        std::printf("| the same batch, server CPU time (mean) | %.1f ms | |\n", batch_cpu_ms);
        std::printf("| list %zu components in pages of 1,000 | %.0f ms | |\n", listed, list_ms);
        std::printf("| small GETs (GET /components/{id}, %zu keep-alive connections) | %.0f/s | "
                    ">= 3,000/s |\n",
                    connections, static_cast<double>(gets.load()) / get_s);
        std::printf("| server CPU time per small GET | %.0f us | |\n", get_cpu_us);
        std::remove(seed.c_str());
        rmdir(dir.c_str());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench-emulator: error: %s\n", e.what());
        return 1;
    }
    return 0;
}
