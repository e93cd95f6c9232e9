#include "connectors/ardoq/beast_transport.hpp"

#include "connectors/ardoq/retry_policy.hpp"
#include "model/errors.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cerrno>
#include <sys/socket.h>

namespace ardoq::connectors {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;
using boost::system::error_code;
using model::unexpected;

namespace {

constexpr std::uint64_t k_body_limit = 1ULL << 30; // 1 GiB: a v1 aggregated workspace can be large

http::verb to_verb(HttpMethod m) {
    switch (m) {
    case HttpMethod::get:
        return http::verb::get;
    case HttpMethod::post:
        return http::verb::post;
    case HttpMethod::put:
        return http::verb::put;
    case HttpMethod::patch:
        return http::verb::patch;
    case HttpMethod::del:
        return http::verb::delete_;
    }
    return http::verb::get;
}

bool is_ip_literal(const std::string& host) {
    error_code ec;
    net::ip::make_address(host, ec);
    return !ec;
}

TransportFailure failure(TransportFailure::Kind kind, bool maybe_sent, std::string message) {
    return TransportFailure{kind, maybe_sent, std::move(message)};
}

} // namespace

struct BeastTransport::Impl {
    BeastTransportOptions options;
    std::string where; // "127.0.0.1:8080" for messages
    net::io_context ioc;
    std::optional<ssl::context> tls_context;
    std::unique_ptr<beast::tcp_stream> plain;
    std::unique_ptr<beast::ssl_stream<beast::tcp_stream>> tls;
    // Beast reads at most the buffer's free capacity at a time (512 bytes at least, 64 KiB at
    // most): a buffer left at the size of the headers read a 500 KB batch answer in ~800
    // socket reads, each a wake-up. Room for 64 KiB makes that ~8.
    static constexpr std::size_t k_read_chunk = 64 * 1024;
    beast::flat_buffer buffer = [] {
        beast::flat_buffer b;
        b.reserve(k_read_chunk);
        return b;
    }();
    bool connected = false;
    int connections = 0;

    beast::tcp_stream& tcp_layer() { return tls ? beast::get_lowest_layer(*tls) : *plain; }

    // Runs the io_context until the started operation completed (its deadline included).
    void run() {
        ioc.restart();
        ioc.run();
    }

    void close() {
        if (plain || tls) {
            error_code ignored;
            tcp_layer().socket().shutdown(tcp::socket::shutdown_both, ignored);
            tcp_layer().socket().close(ignored);
        }
        plain.reset();
        tls.reset();
        buffer.clear();
        connected = false;
    }

    // A kept-alive connection the server has closed in the meantime reads as EOF (or
    // has unexpected bytes pending, like a TLS close_notify): open a fresh one instead
    // of sending a request into it.
    bool still_open() {
        char byte = 0;
        auto n = ::recv(tcp_layer().socket().native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
        if (n < 0)
            return errno == EAGAIN || errno == EWOULDBLOCK;
        return false;
    }

    std::string timeout_text(std::chrono::milliseconds t) const {
        return "timeout after " + format_duration(t);
    }

    std::optional<TransportFailure> connect() {
        const auto timeout = options.connect_timeout;
        tcp::resolver resolver(ioc);
        error_code ec;
        tcp::resolver::results_type endpoints;
        bool resolved = false;
        net::steady_timer timer(ioc, timeout);
        resolver.async_resolve(options.base.host, std::to_string(options.base.port),
                               [&](error_code e, tcp::resolver::results_type r) {
                                   ec = e;
                                   endpoints = std::move(r);
                                   resolved = true;
                                   timer.cancel();
                               });
        timer.async_wait([&](error_code e) {
            if (!e)
                resolver.cancel();
        });
        run();
        if (!resolved || ec == net::error::operation_aborted)
            return failure(TransportFailure::Kind::timeout, false,
                           timeout_text(timeout) + " resolving " + where);
        if (ec)
            return failure(TransportFailure::Kind::resolve, false,
                           "cannot resolve " + options.base.host + ": " + ec.message());

        if (options.base.tls) {
            tls = std::make_unique<beast::ssl_stream<beast::tcp_stream>>(ioc, *tls_context);
            // SSL_set_tlsext_host_name() is a macro with a C cast; this is what it expands to.
            if (!is_ip_literal(options.base.host) &&
                SSL_ctrl(tls->native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME,
                         TLSEXT_NAMETYPE_host_name,
                         const_cast<char*>(options.base.host.c_str())) != 1)
                return failure(TransportFailure::Kind::tls, false,
                               "cannot set the TLS server name (SNI)");
            tls->set_verify_mode(options.insecure ? ssl::verify_none : ssl::verify_peer);
            if (!options.insecure) {
                // OpenSSL's own host-name / IP check, so that a mismatch is reported as one.
                X509_VERIFY_PARAM* param = SSL_get0_param(tls->native_handle());
                X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
                const int set =
                    is_ip_literal(options.base.host)
                        ? X509_VERIFY_PARAM_set1_ip_asc(param, options.base.host.c_str())
                        : X509_VERIFY_PARAM_set1_host(param, options.base.host.c_str(), 0);
                if (set != 1)
                    return failure(TransportFailure::Kind::tls, false,
                                   "cannot set up the host-name check for " + where);
            }
        } else {
            plain = std::make_unique<beast::tcp_stream>(ioc);
        }

        tcp_layer().expires_after(timeout);
        tcp_layer().async_connect(endpoints, [&](error_code e, const tcp::endpoint&) { ec = e; });
        run();
        if (ec == beast::error::timeout) {
            close();
            return failure(TransportFailure::Kind::timeout, false,
                           timeout_text(timeout) + " connecting to " + where);
        }
        if (ec) {
            close();
            return failure(TransportFailure::Kind::connect, false,
                           "cannot connect to " + where + ": " + ec.message());
        }
        ++connections;

        if (tls) {
            tcp_layer().expires_after(timeout);
            tls->async_handshake(ssl::stream_base::client, [&](error_code e) { ec = e; });
            run();
            if (ec) {
                std::string why =
                    ec == beast::error::timeout ? timeout_text(timeout) : ec.message();
                long verify = SSL_get_verify_result(tls->native_handle());
                if (verify != X509_V_OK)
                    why += " (" + std::string(X509_verify_cert_error_string(verify)) + ")";
                close();
                return failure(TransportFailure::Kind::tls, false,
                               "TLS handshake with " + where + " failed: " + why);
            }
        }
        connected = true;
        return std::nullopt;
    }

    // Runs one whole operation (writing a request, reading a response) under the deadline
    // `until`, with one timer for all of it: the stream's own timeout would re-arm a timer
    // (a system call) for every read of a large answer. A missed deadline cancels the
    // socket and reads as beast::error::timeout.
    template <typename Op> error_code io(Op&& op, std::chrono::steady_clock::time_point until) {
        error_code ec;
        bool done = false;
        bool timed_out = false;
        net::steady_timer deadline(ioc, until);
        deadline.async_wait([&](error_code e) {
            if (e || done)
                return;
            timed_out = true;
            error_code ignored;
            tcp_layer().socket().cancel(ignored);
        });
        op([&](error_code e, std::size_t) {
            ec = e;
            done = true;
            deadline.cancel();
        });
        run();
        return timed_out ? error_code(beast::error::timeout) : ec;
    }

    model::Expected<HttpResponse, TransportFailure> send(const HttpRequest& request,
                                                         std::chrono::milliseconds timeout) {
        if (connected && !still_open())
            close();
        if (!connected)
            if (auto failed = connect())
                return unexpected(*failed);

        http::request<http::string_body> req{to_verb(request.method), request.target, 11};
        req.set(http::field::host, options.base.host_header());
        req.set(http::field::user_agent, options.user_agent);
        req.set(http::field::accept, "application/json");
        req.set(http::field::authorization,
                (request.auth == AuthScheme::bearer ? "Bearer " : "Token token=") +
                    options.token.reveal());
        if (!options.org.empty())
            req.set("X-org", options.org);
        if (!request.body.empty()) {
            req.set(http::field::content_type, "application/json");
            req.body() = request.body;
        }
        req.prepare_payload();

        // One deadline for writing the request and reading the whole response.
        const auto until = std::chrono::steady_clock::now() + timeout;
        tcp_layer().expires_never();
        error_code ec = io(
            [&](auto handler) {
                if (tls)
                    http::async_write(*tls, req, handler);
                else
                    http::async_write(*plain, req, handler);
            },
            until);
        if (ec) {
            // A request that was not fully written cannot have been processed.
            close();
            if (ec == beast::error::timeout)
                return unexpected(failure(TransportFailure::Kind::timeout, false,
                                          timeout_text(timeout) + " sending the request"));
            return unexpected(
                failure(TransportFailure::Kind::connection_lost, false,
                        "connection to " + where + " lost while sending: " + ec.message()));
        }

        http::response_parser<http::string_body> parser;
        parser.body_limit(k_body_limit);
        ec = io(
            [&](auto handler) {
                if (tls)
                    http::async_read(*tls, buffer, parser, handler);
                else
                    http::async_read(*plain, buffer, parser, handler);
            },
            until);
        if (ec) {
            close();
            if (ec == beast::error::timeout)
                return unexpected(failure(TransportFailure::Kind::timeout, true,
                                          timeout_text(timeout) + " waiting for the response"));
            if (ec == http::error::end_of_stream || ec == net::error::eof ||
                ec == net::error::connection_reset || ec == ssl::error::stream_truncated)
                return unexpected(
                    failure(TransportFailure::Kind::connection_lost, true,
                            "connection to " + where + " closed before the response arrived"));
            return unexpected(failure(TransportFailure::Kind::protocol, true,
                                      "bad response from " + where + ": " + ec.message()));
        }
        auto& res = parser.get();
        HttpResponse out;
        out.status = static_cast<int>(res.result_int());
        out.reason = std::string(res.reason());
        out.body = std::move(res.body());
        if (auto it = res.find(http::field::retry_after); it != res.end())
            out.retry_after = std::string(it->value());
        if (!res.keep_alive())
            close();
        return out;
    }
};

BeastTransport::BeastTransport(BeastTransportOptions options) : m_impl(std::make_unique<Impl>()) {
    m_impl->options = std::move(options);
    const auto& base = m_impl->options.base;
    m_impl->where = base.host_header().find(':') == std::string::npos
                        ? base.host_header() + ":" + std::to_string(base.port)
                        : base.host_header();
    if (base.tls) {
        auto& ctx = m_impl->tls_context.emplace(ssl::context::tls_client);
        ctx.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                        ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
        error_code ec;
        ctx.set_default_verify_paths(ec);
        if (!m_impl->options.ca_file.empty()) {
            ctx.load_verify_file(m_impl->options.ca_file, ec);
            if (ec)
                throw model::InputError(model::make_error(
                    {"--ca-file"},
                    "cannot load \"" + m_impl->options.ca_file + "\": " + ec.message(),
                    "pass a PEM file holding one or more CA certificates"));
        }
    }
}

BeastTransport::~BeastTransport() {
    m_impl->close();
}

model::Expected<HttpResponse, TransportFailure>
BeastTransport::send(const HttpRequest& request, std::chrono::milliseconds timeout) {
    return m_impl->send(request, timeout);
}

int BeastTransport::connections_opened() const noexcept {
    return m_impl->connections;
}

} // namespace ardoq::connectors
