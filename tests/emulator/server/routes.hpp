#pragma once
// The route tables. Each route_* function answers the requests under its prefix and returns
// nullopt for any other path; errors are thrown as ApiException. The router has already
// checked authentication and taken the store lock that the method needs (shared for GET,
// exclusive otherwise).

#include "api_error.hpp"
#include "faults.hpp"
#include "http_types.hpp"
#include "options.hpp"
#include "store.hpp"

#include <optional>
#include <string>

namespace ardoq::emulator {

struct RouteContext {
    const HttpRequest& request;
    const Target& target;
    Store& store;
    const Options& options;
    const FaultPlan& faults;
    std::uint64_t request_number = 0;
    std::string route; // the matched route pattern ("GET /api/v2/components/{id}"), for stats

    // "GET /api/v2/components/abc": names a REST call in error messages.
    std::string operation() const { return request.method + " " + target.path; }
    // Parses the request body as JSON (honouring --json-trailing-commas); 400 when it is not.
    json::value body_json() const;
    // Fails with 405 naming the allowed methods.
    [[noreturn]] void method_not_allowed(const std::string& allowed) const;
};

std::optional<HttpResponse> route_v2(RouteContext& ctx); // /api/v2/...
std::optional<HttpResponse> route_v1(RouteContext& ctx); // /api/... (legacy)

// The JSON error body: {"status", "code", "operation", "message", "hint"?}.
HttpResponse error_response(const ApiError& error);

} // namespace ardoq::emulator
