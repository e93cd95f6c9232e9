#include "http_server.hpp"

#include "buffer_pool.hpp"

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <atomic>
#include <iostream>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

namespace ardoq::emulator {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;

namespace {

constexpr auto k_idle_timeout = std::chrono::seconds(120);
constexpr auto k_io_timeout = std::chrono::seconds(60);
// Beast reads as much as the read buffer has room for (at least 512 bytes): left at the size
// of the request headers, it would read a batch body a kilobyte per system call.
constexpr std::size_t k_read_buffer_size = 64 * 1024;

class SessionBase {
public:
    virtual ~SessionBase() = default;
    // Closes the connection once the request in flight (if any) has been answered.
    virtual void shutdown() = 0;
};

} // namespace

struct HttpServer::Impl : std::enable_shared_from_this<HttpServer::Impl> {
    ServerConfig config;
    Handler handler;
    net::io_context ioc;
    tcp::acceptor acceptor;
    net::signal_set signals;
    std::optional<ssl::context> tls;
    std::mutex sessions_mutex;
    std::vector<std::weak_ptr<SessionBase>> sessions;
    std::atomic<bool> stopping{false};

    Impl(const ServerConfig& c, Handler h)
        : config(c),
          handler(std::move(h)),
          ioc(c.threads),
          acceptor(net::make_strand(ioc)),
          signals(ioc, SIGTERM, SIGINT) {}

    void listen();
    void accept();
    void on_accept(beast::error_code ec, tcp::socket socket);
    void add_session(const std::shared_ptr<SessionBase>& s);
    void stop();
};

namespace {

template <class Stream>
class Session : public SessionBase, public std::enable_shared_from_this<Session<Stream>> {
public:
    static constexpr bool k_tls = !std::is_same_v<Stream, beast::tcp_stream>;

    Session(tcp::socket&& socket, HttpServer::Impl& server) requires(!k_tls)
        : m_stream(std::move(socket)), m_server(server), m_delay(m_stream.get_executor()) {}
    Session(tcp::socket&& socket, ssl::context& tls, HttpServer::Impl& server) requires(k_tls)
        : m_stream(std::move(socket), tls), m_server(server), m_delay(m_stream.get_executor()) {}

    void start() {
        m_buffer.reserve(k_read_buffer_size);
        net::dispatch(m_stream.get_executor(), [self = this->shared_from_this()] {
            if constexpr (k_tls) {
                beast::get_lowest_layer(self->m_stream).expires_after(k_io_timeout);
                self->m_stream.async_handshake(ssl::stream_base::server,
                                               [self](beast::error_code ec) {
                                                   if (ec)
                                                       return self->close_now();
                                                   self->read();
                                               });
            } else {
                self->read();
            }
        });
    }

    void shutdown() override {
        net::post(m_stream.get_executor(), [self = this->shared_from_this()] {
            self->m_stopping = true;
            if (!self->m_busy)
                self->close_now();
        });
    }

private:
    void read() {
        if (m_stopping)
            return close_now();
        m_parser.emplace(std::piecewise_construct, std::make_tuple(take_buffer(0)));
        m_parser->body_limit(m_server.config.body_limit);
        beast::get_lowest_layer(m_stream).expires_after(k_idle_timeout);
        http::async_read(m_stream, m_buffer, *m_parser,
                         [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                             self->on_read(ec);
                         });
    }

    void on_read(beast::error_code ec) {
        if (ec)
            return close_now();
        m_busy = true;
        auto& req = m_parser->get();
        HttpRequest request;
        request.method = std::string(req.method_string());
        request.target = std::string(req.target());
        request.authorization = std::string(req[http::field::authorization]);
        request.x_org = std::string(req["X-org"]);
        request.host = std::string(req[http::field::host]);
        request.body = std::move(req.body());
        request.tls = k_tls;
        m_keep_alive = req.keep_alive();
        unsigned version = req.version();

        HttpResponse answer;
        try {
            answer = m_server.handler(request);
        } catch (const std::exception& e) {
            std::cerr << "ardoq-emulator: internal error on " << request.method << " "
                      << request.target << ": " << e.what() << "\n";
            answer.status = 500;
            answer.body = R"({"status":500,"error":"Server Error","code":"internal_error",)"
                          R"("operation":"","message":"internal error in the emulator"})";
        }
        recycle_buffer(std::move(request.body));
        if (answer.drop)
            return close_now();
        m_response = {};
        m_response.version(version);
        m_response.result(static_cast<unsigned>(answer.status));
        m_response.set(http::field::server, "ardoq-emulator");
        if (!answer.body.empty() || answer.status != 204)
            m_response.set(http::field::content_type, "application/json; charset=utf-8");
        for (const auto& [name, value] : answer.headers)
            m_response.set(name, value);
        m_response.body() = std::move(answer.body);
        m_response.keep_alive(m_keep_alive && !m_stopping);
        m_response.prepare_payload();
        if (answer.delay_ms > 0) {
            m_delay.expires_after(std::chrono::milliseconds(answer.delay_ms));
            m_delay.async_wait(
                [self = this->shared_from_this()](beast::error_code) { self->write(); });
            return;
        }
        write();
    }

    void write() {
        m_response.keep_alive(m_keep_alive && !m_stopping);
        beast::get_lowest_layer(m_stream).expires_after(k_io_timeout);
        http::async_write(m_stream, m_response,
                          [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                              self->m_busy = false;
                              recycle_buffer(std::move(self->m_response.body()));
                              if (ec || !self->m_response.keep_alive() || self->m_stopping)
                                  return self->close_gracefully();
                              self->read();
                          });
    }

    void close_gracefully() {
        if constexpr (k_tls) {
            if (m_closed)
                return;
            beast::get_lowest_layer(m_stream).expires_after(std::chrono::seconds(2));
            m_stream.async_shutdown(
                [self = this->shared_from_this()](beast::error_code) { self->close_now(); });
        } else {
            beast::error_code ec;
            m_stream.socket().shutdown(tcp::socket::shutdown_send, ec);
            close_now();
        }
    }

    void close_now() {
        if (m_closed)
            return;
        m_closed = true;
        m_delay.cancel();
        beast::error_code ec;
        beast::get_lowest_layer(m_stream).socket().close(ec);
    }

    Stream m_stream;
    HttpServer::Impl& m_server;
    net::steady_timer m_delay;
    beast::flat_buffer m_buffer;
    std::optional<http::request_parser<http::string_body>> m_parser;
    http::response<http::string_body> m_response;
    bool m_keep_alive = false;
    bool m_busy = false;
    bool m_stopping = false;
    bool m_closed = false;
};

} // namespace

void HttpServer::Impl::listen() {
    beast::error_code ec;
    auto address = net::ip::make_address(config.host, ec);
    if (ec)
        throw std::runtime_error("--host " + config.host + ": not an IP address");
    tcp::endpoint endpoint(address, config.port);
    acceptor.open(endpoint.protocol(), ec);
    if (!ec)
        acceptor.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec)
        acceptor.bind(endpoint, ec);
    if (!ec)
        acceptor.listen(net::socket_base::max_listen_connections, ec);
    if (ec)
        throw std::runtime_error("cannot listen on " + config.host + ":" +
                                 std::to_string(config.port) + ": " + ec.message());
    if (!config.tls_cert.empty()) {
        tls.emplace(ssl::context::tls_server);
        tls->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                         ssl::context::no_sslv3);
        tls->use_certificate_chain_file(config.tls_cert, ec);
        if (ec)
            throw std::runtime_error("--tls-cert " + config.tls_cert + ": " + ec.message());
        tls->use_private_key_file(config.tls_key, ssl::context::pem, ec);
        if (ec)
            throw std::runtime_error("--tls-key " + config.tls_key + ": " + ec.message());
    }
}

void HttpServer::Impl::accept() {
    acceptor.async_accept(net::make_strand(ioc),
                          [self = shared_from_this()](beast::error_code ec, tcp::socket socket) {
                              self->on_accept(ec, std::move(socket));
                          });
}

void HttpServer::Impl::on_accept(beast::error_code ec, tcp::socket socket) {
    if (stopping || !acceptor.is_open())
        return;
    if (!ec) {
        socket.set_option(tcp::no_delay(true), ec);
        if (tls) {
            auto s = std::make_shared<Session<beast::ssl_stream<beast::tcp_stream>>>(
                std::move(socket), *tls, *this);
            add_session(s);
            s->start();
        } else {
            auto s = std::make_shared<Session<beast::tcp_stream>>(std::move(socket), *this);
            add_session(s);
            s->start();
        }
    }
    accept();
}

void HttpServer::Impl::add_session(const std::shared_ptr<SessionBase>& s) {
    std::lock_guard lock(sessions_mutex);
    if (sessions.size() >= 64 && sessions.size() % 64 == 0)
        std::erase_if(sessions, [](const auto& w) { return w.expired(); });
    sessions.push_back(s);
}

void HttpServer::Impl::stop() {
    if (stopping.exchange(true))
        return;
    net::post(acceptor.get_executor(), [self = shared_from_this()] {
        beast::error_code ec;
        self->acceptor.close(ec);
        self->signals.cancel(ec);
        std::vector<std::weak_ptr<SessionBase>> all;
        {
            std::lock_guard lock(self->sessions_mutex);
            all.swap(self->sessions);
        }
        for (auto& w : all)
            if (auto s = w.lock())
                s->shutdown();
    });
}

HttpServer::HttpServer(const ServerConfig& config, Handler handler)
    : m_impl(std::make_shared<Impl>(config, std::move(handler))) {
    m_impl->listen();
}

HttpServer::~HttpServer() = default;

unsigned short HttpServer::port() const {
    return m_impl->acceptor.local_endpoint().port();
}

void HttpServer::run() {
    m_impl->signals.async_wait([impl = m_impl](beast::error_code ec, int) {
        if (!ec)
            impl->stop();
    });
    m_impl->accept();
    std::vector<std::thread> workers;
    for (int i = 1; i < m_impl->config.threads; ++i)
        workers.emplace_back([impl = m_impl] { impl->ioc.run(); });
    m_impl->ioc.run();
    for (auto& t : workers)
        t.join();
}

void HttpServer::stop() {
    m_impl->stop();
}

} // namespace ardoq::emulator
