#pragma once
// The server-independent view of one HTTP exchange: what the router reads from a request
// and what it answers (or that it drops the connection, or answers late).

#include "json_util.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ardoq::emulator {

struct HttpRequest {
    std::string method; // "GET", "POST", ...
    std::string target; // path and query, as sent
    std::string authorization;
    std::string x_org;
    std::string host;
    std::string body;
    bool tls = false;
};

struct HttpResponse {
    int status = 200;
    std::string body; // JSON text, or empty (204)
    std::vector<std::pair<std::string, std::string>> headers;
    bool drop = false; // close the connection without answering
    int delay_ms = 0;  // answer this much later
};

// A parsed request target: percent-decoded path segments and query parameters in order.
struct Target {
    std::string path;                  // decoded path, e.g. "/api/v2/components/abc"
    std::vector<std::string> segments; // {"api", "v2", "components", "abc"}
    std::vector<std::pair<std::string, std::string>> query;

    // The value of the first query parameter `name`, or nullptr.
    const std::string* param(std::string_view name) const;
};

Target parse_target(std::string_view target);

// Percent-encodes a query parameter name or value.
std::string url_encode(std::string_view text);

// A JSON answer.
HttpResponse json_response(int status, const json::value& body);

} // namespace ardoq::emulator
