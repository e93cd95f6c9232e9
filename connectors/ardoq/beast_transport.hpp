#pragma once
// The real transport: HTTP/1.1 over TCP or TLS with Boost.Beast, one keep-alive
// connection reused across requests, a deadline on every step (resolve, connect, TLS
// handshake: connect timeout; write + read: the request timeout).
//
// TLS: the system CA store plus an optional --ca-file, peer verification and host-name
// (or IP address) check on, SNI set; `insecure` turns verification off.

#include "connectors/ardoq/secret.hpp"
#include "connectors/ardoq/transport.hpp"
#include "connectors/ardoq/url.hpp"

#include <chrono>
#include <memory>
#include <string>

namespace ardoq::connectors {

struct BeastTransportOptions {
    BaseUrl base;
    Secret token;
    std::string org;        // X-org, "" for none
    std::string user_agent; // "ardoq-sync/0.1.0"
    std::string ca_file;    // extra trusted authorities (PEM), "" for none
    bool insecure = false;
    std::chrono::milliseconds connect_timeout{10'000};
};

class BeastTransport final : public Transport {
public:
    // Throws InputError ("--ca-file: ...") when the CA file cannot be loaded.
    explicit BeastTransport(BeastTransportOptions options);
    ~BeastTransport() override;
    BeastTransport(const BeastTransport&) = delete;
    BeastTransport& operator=(const BeastTransport&) = delete;

    model::Expected<HttpResponse, TransportFailure>
    send(const HttpRequest& request, std::chrono::milliseconds timeout) override;
    // Connections opened so far (1 when keep-alive reuse works).
    int connections_opened() const noexcept;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace ardoq::connectors
