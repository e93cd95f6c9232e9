#pragma once
// HttpServer: Boost.Beast HTTP/1.1 (or HTTPS) server on one address, keep-alive, any number of
// concurrent connections, a deadline on every network step. Each request is handed to the
// handler on a worker thread; its HttpResponse may ask for a delay or for the connection to
// be dropped without an answer. run() returns after SIGTERM/SIGINT (or stop()): the listener
// closes, idle connections close, requests in flight are answered first.

#include "http_types.hpp"

#include <functional>
#include <memory>
#include <string>

namespace ardoq::emulator {

struct ServerConfig {
    std::string host = "127.0.0.1";
    unsigned short port = 0;
    int threads = 2;
    std::string tls_cert, tls_key; // PEM files; both empty for plain HTTP
    std::size_t body_limit = 256u * 1024u * 1024u;
};

class HttpServer {
public:
    using Handler = std::function<HttpResponse(const HttpRequest&)>;

    // Binds and listens; throws std::runtime_error when it cannot.
    HttpServer(const ServerConfig& config, Handler handler);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    unsigned short port() const;
    // Serves until SIGTERM/SIGINT or stop(), then drains in-flight requests.
    void run();
    // Thread-safe: begins the graceful shutdown.
    void stop();

    struct Impl; // implementation detail (http_server.cpp)

private:
    std::shared_ptr<Impl> m_impl;
};

} // namespace ardoq::emulator
