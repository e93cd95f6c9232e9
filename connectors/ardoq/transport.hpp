#pragma once
// One HTTP exchange, behind an interface so that the client's retry and error logic can
// be tested with a fake (tests/client/fake_transport.hpp) and run for real over
// Boost.Beast (beast_transport.hpp).

#include "model/expected.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ardoq::connectors {

enum class HttpMethod : std::uint8_t { get, post, put, patch, del };
std::string_view method_name(HttpMethod m) noexcept; // "GET", ...

// Which Authorization scheme a call uses: v2 "Bearer <token>", v1 "Token token=<token>".
enum class AuthScheme : std::uint8_t { bearer, v1_token };

struct HttpRequest {
    HttpMethod method = HttpMethod::get;
    std::string target; // path and query: "/api/v2/components?rootWorkspace=…"
    std::string body;   // JSON text, "" for none
    AuthScheme auth = AuthScheme::bearer;
};

struct HttpResponse {
    int status = 0;
    std::string reason; // "Not Found"
    std::string body;
    std::string retry_after; // the Retry-After header, "" when absent
};

// Why no response arrived, and whether the server may have received the request.
struct TransportFailure {
    enum class Kind : std::uint8_t { resolve, connect, tls, timeout, connection_lost, protocol };
    Kind kind = Kind::connection_lost;
    // false: the request certainly did not reach the server (resolve, connect or TLS
    // failure, or the write failed); true: it may have been received and processed.
    bool maybe_sent = false;
    std::string message; // "connection refused", "timeout after 30 s", ...
};

class Transport {
public:
    virtual ~Transport() = default;
    // Sends one request and reads its response within `timeout` (connect time apart).
    virtual model::Expected<HttpResponse, TransportFailure>
    send(const HttpRequest& request, std::chrono::milliseconds timeout) = 0;
};

} // namespace ardoq::connectors
