#pragma once
// Test support: the real ardoq-emulator started on 127.0.0.1 with an OS-chosen port for
// the lifetime of this object (stopped with SIGTERM on destruction).

#include "support/process.hpp"

#include <boost/json/value.hpp>

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ardoq::test {

struct EmulatorOptions {
    std::string token = "test-token-0123456789";
    std::string seed_file;                  // --seed fixture.json, "" for none
    std::string data_file;                  // --data state.json, "" for a temp file
    std::vector<std::string> extra_args;    // e.g. {"--page-size", "2", "--fail-rate", "0.1"}
    std::map<std::string, std::string> env; // added to the environment ("" removes a variable)
};

// The outcome of one HTTP request. `status` is 0 when no answer arrived (the connection was
// closed, refused or timed out); `error` then says why.
struct HttpResult {
    int status = 0;
    std::string body;
    std::map<std::string, std::string> headers; // lower-case names
    std::string error;

    // The body parsed as JSON; throws std::runtime_error (with the body) when it is not JSON.
    boost::json::value json() const;
    // The value of a header (any case), or "".
    std::string header(const std::string& name) const;
};

// The path of a fixture under tests/emulator/fixtures/, e.g. "portfolio.json".
std::string emulator_fixture(const std::string& name);

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

// Sends one HTTP/1.1 request on a fresh connection to host:port (HTTPS without certificate
// verification when `tls`), waiting at most `timeout_ms` for the whole exchange.
HttpResult http_request(const std::string& host, int port, bool tls, const std::string& method,
                        const std::string& target, const std::string& body = {},
                        const HttpHeaders& headers = {}, int timeout_ms = 10000);

class Emulator {
public:
    explicit Emulator(EmulatorOptions options = {});
    ~Emulator();

    int port() const noexcept { return m_port; }
    int pid() const noexcept { return m_process->pid(); }
    // "http://127.0.0.1:PORT" (or https:// when started with --tls-cert).
    std::string base_url() const;
    const std::string& token() const noexcept { return m_options.token; }
    const std::string& data_file() const noexcept { return m_options.data_file; }
    // Stops the server gracefully (SIGTERM); returns its exit code.
    int stop();

    // A request to this emulator with "Authorization: Bearer <token>" and a JSON content type.
    // An "Authorization" entry in `headers` replaces the token header (an empty value sends
    // no Authorization header at all).
    HttpResult request(const std::string& method, const std::string& target,
                       const std::string& body = {}, const HttpHeaders& headers = {}) const;
    HttpResult get(const std::string& target) const { return request("GET", target); }
    HttpResult post(const std::string& target, const std::string& body) const {
        return request("POST", target, body);
    }
    // GET /_emulator/state: the whole state as JSON text (byte-stable between equal states).
    std::string state() const;

private:
    EmulatorOptions m_options;
    std::unique_ptr<BackgroundProcess> m_process;
    int m_port = 0;
    bool m_tls = false;
};

} // namespace ardoq::test
