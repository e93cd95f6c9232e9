#include "support/emulator.hpp"

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/json.hpp>

#include <algorithm>
#include <stdexcept>

namespace ardoq::test {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

template <class Stream>
HttpResult exchange(Stream& stream, const std::string& host, int port, const std::string& method,
                    const std::string& target, const std::string& body, const HttpHeaders& headers,
                    std::chrono::milliseconds timeout) {
    HttpResult result;
    http::request<http::string_body> req;
    req.method_string(method);
    req.target(target);
    req.version(11);
    req.set(http::field::host, host + ":" + std::to_string(port));
    req.set(http::field::connection, "close");
    for (const auto& [name, value] : headers)
        req.set(name, value);
    req.body() = body;
    req.prepare_payload();
    beast::error_code ec;
    beast::get_lowest_layer(stream).expires_after(timeout);
    http::write(stream, req, ec);
    if (ec) {
        result.error = "write failed: " + ec.message();
        return result;
    }
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(1024u * 1024u * 1024u);
    http::read(stream, buffer, parser, ec);
    if (ec) {
        result.error = "connection closed without an answer (" + ec.message() + ")";
        return result;
    }
    auto& res = parser.get();
    result.status = static_cast<int>(res.result_int());
    result.body = res.body();
    for (const auto& field : res)
        result.headers[lower(std::string(field.name_string()))] = std::string(field.value());
    return result;
}

} // namespace

boost::json::value HttpResult::json() const {
    boost::system::error_code ec;
    auto value = boost::json::parse(body, ec);
    if (ec)
        throw std::runtime_error("not JSON (status " + std::to_string(status) + "): " + body +
                                 (error.empty() ? "" : " [" + error + "]"));
    return value;
}

std::string HttpResult::header(const std::string& name) const {
    auto it = headers.find(lower(name));
    return it == headers.end() ? std::string() : it->second;
}

std::string emulator_fixture(const std::string& name) {
    return source_dir() + "/tests/emulator/fixtures/" + name;
}

HttpResult http_request(const std::string& host, int port, bool tls, const std::string& method,
                        const std::string& target, const std::string& body,
                        const HttpHeaders& headers, int timeout_ms) {
    net::io_context ioc;
    auto timeout = std::chrono::milliseconds(timeout_ms);
    beast::error_code ec;
    tcp::endpoint endpoint(net::ip::make_address(host), static_cast<unsigned short>(port));
    HttpResult result;
    if (!tls) {
        beast::tcp_stream stream(ioc);
        stream.expires_after(timeout);
        stream.connect(endpoint, ec);
        if (ec) {
            result.error = "connect failed: " + ec.message();
            return result;
        }
        result = exchange(stream, host, port, method, target, body, headers, timeout);
        stream.socket().shutdown(tcp::socket::shutdown_both, ec);
        return result;
    }
    ssl::context ctx(ssl::context::tls_client);
    ctx.set_verify_mode(ssl::verify_none);
    beast::ssl_stream<beast::tcp_stream> stream(ioc, ctx);
    beast::get_lowest_layer(stream).expires_after(timeout);
    beast::get_lowest_layer(stream).connect(endpoint, ec);
    if (ec) {
        result.error = "connect failed: " + ec.message();
        return result;
    }
    stream.handshake(ssl::stream_base::client, ec);
    if (ec) {
        result.error = "TLS handshake failed: " + ec.message();
        return result;
    }
    result = exchange(stream, host, port, method, target, body, headers, timeout);
    stream.shutdown(ec); // the server may already have closed; nothing to report
    return result;
}

Emulator::Emulator(EmulatorOptions options) : m_options(std::move(options)) {
    if (m_options.data_file.empty())
        m_options.data_file = make_temp_dir("ardoq-emulator") + "/state.json";
    std::vector<std::string> argv = {
        emulator_bin(), "--port", "0", "--token", m_options.token, "--data", m_options.data_file};
    if (!m_options.seed_file.empty()) {
        argv.push_back("--seed");
        argv.push_back(m_options.seed_file);
    }
    for (const auto& arg : m_options.extra_args) {
        if (arg == "--tls-cert")
            m_tls = true;
        argv.push_back(arg);
    }
    m_process = std::make_unique<BackgroundProcess>(argv, m_options.env);
    std::string line = m_process->read_line(15000);
    const std::string prefix = "listening on 127.0.0.1:";
    if (line.rfind(prefix, 0) != 0) {
        int code = m_process->stop(15, 2000);
        throw std::runtime_error("ardoq-emulator did not start (exit code " + std::to_string(code) +
                                 ", first line \"" + line + "\")");
    }
    m_port = std::stoi(line.substr(prefix.size()));
}

Emulator::~Emulator() = default;

std::string Emulator::base_url() const {
    return std::string(m_tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(m_port);
}

int Emulator::stop() {
    return m_process->stop(15, 10000);
}

HttpResult Emulator::request(const std::string& method, const std::string& target,
                             const std::string& body, const HttpHeaders& headers) const {
    HttpHeaders all;
    bool has_auth = false;
    for (const auto& [name, value] : headers)
        if (lower(name) == "authorization")
            has_auth = true;
    if (!has_auth)
        all.emplace_back("Authorization", "Bearer " + m_options.token);
    if (!body.empty())
        all.emplace_back("Content-Type", "application/json");
    for (const auto& [name, value] : headers)
        if (!(lower(name) == "authorization" && value.empty()))
            all.emplace_back(name, value);
    return http_request("127.0.0.1", m_port, m_tls, method, target, body, all);
}

std::string Emulator::state() const {
    HttpResult r = request("GET", "/_emulator/state");
    if (r.status != 200)
        throw std::runtime_error("GET /_emulator/state: " + std::to_string(r.status) + " " +
                                 r.body + r.error);
    return r.body;
}

} // namespace ardoq::test
