#include "router.hpp"

#include "api_error.hpp"
#include "oid.hpp"
#include "routes.hpp"
#include "state_io.hpp"

#include <mutex>

namespace ardoq::emulator {

namespace {

std::string status_text(int status) {
    switch (status) {
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 503:
        return "Service Unavailable";
    default:
        return status >= 500 ? "Server Error" : "Error";
    }
}

bool starts_with_ci(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && lower(text.substr(0, prefix.size())) == prefix;
}

// The route pattern of a request for the statistics: OIDs in the path become {id}.
std::string route_pattern(const HttpRequest& request, const Target& target) {
    std::string out = request.method + " ";
    for (const auto& seg : target.segments)
        out += "/" + (is_oid(seg) ? std::string("{id}") : seg);
    if (target.segments.empty())
        out += "/";
    return out;
}

} // namespace

HttpResponse error_response(const ApiError& error) {
    json::object body;
    body["status"] = error.status;
    body["error"] = status_text(error.status);
    body["code"] = error.code;
    body["operation"] = error.operation;
    body["message"] = error.message();
    if (!error.hint.empty())
        body["hint"] = error.hint;
    return json_response(error.status, body);
}

json::value RouteContext::body_json() const {
    std::string error;
    auto value = parse_json(request.body, options.json_trailing_commas, error, Storage::arena);
    if (!value)
        fail(400, "invalid_json", operation(), "the request body is not valid JSON: " + error,
             request.body.empty() ? "send a JSON object with Content-Type: application/json"
                                  : "fix the JSON syntax at that position");
    return std::move(*value);
}

void RouteContext::method_not_allowed(const std::string& allowed) const {
    fail(405, "method_not_allowed", operation(),
         "method " + request.method + " is not allowed here", "allowed: " + allowed);
}

Router::Router(const Options& options, std::unique_ptr<Store> store, StoreFactory make_store)
    : m_options(options),
      m_faults(options),
      m_rate_limiter(options.rate_limit),
      m_make_store(std::move(make_store)),
      m_store(std::move(store)) {}

std::string Router::dump() const {
    std::shared_lock lock(m_store_mutex);
    return dump_state(*m_store);
}

void Router::check_auth(const HttpRequest& request, const std::string& operation) const {
    const std::string& auth = request.authorization;
    std::string token;
    if (starts_with_ci(auth, "bearer ")) {
        token = auth.substr(7);
    } else if (starts_with_ci(auth, "token ")) {
        std::string_view rest = std::string_view(auth).substr(6);
        if (starts_with_ci(rest, "token="))
            token = std::string(rest.substr(6));
        if (token.size() >= 2 && token.front() == '"' && token.back() == '"')
            token = token.substr(1, token.size() - 2);
    }
    if (auth.empty())
        fail(401, "unauthorized", operation, "the Authorization header is missing",
             "send Authorization: Bearer <token>");
    if (token.empty())
        fail(401, "unauthorized", operation,
             "the Authorization header is neither \"Bearer <token>\" nor \"Token token=<token>\"",
             "send Authorization: Bearer <token>");
    if (token != m_options.token)
        fail(401, "unauthorized", operation, "the token is invalid or has expired",
             "check the API token");
    if (m_options.require_org) {
        const std::string& label = m_store->org.label;
        if (request.x_org.empty())
            fail(401, "org_required", operation, "the X-org header is required",
                 "send X-org: " + label);
        if (request.x_org != label)
            fail(403, "org_forbidden", operation,
                 "the token has no access to organisation " + quoted(request.x_org),
                 "send X-org: " + label);
    }
}

HttpResponse Router::handle(const HttpRequest& request) {
    Target target = parse_target(request.target);
    if (!target.segments.empty() && target.segments[0] == "_emulator") {
        try {
            if (!m_options.admin)
                fail(404, "not_found", request.method + " " + target.path,
                     "the admin routes are disabled (--no-admin)");
            return handle_admin(request, target);
        } catch (const ApiException& e) {
            return error_response(e.error());
        }
    }
    HttpResponse response = handle_api(request, target);
    count(request, target, response);
    return response;
}

HttpResponse Router::handle_api(const HttpRequest& request, const Target& target) {
    std::string operation = request.method + " " + target.path;
    HttpResponse response;
    FaultDecision faults;
    try {
        if (int wait = m_rate_limiter.admit(); wait > 0) {
            response = error_response(
                {429, "rate_limited", operation,
                 "more requests than the rate limit of " +
                     canonical(json::value(m_options.rate_limit)).value_or("") + "/s",
                 "wait for the number of seconds in Retry-After, then retry"});
            response.headers.emplace_back("Retry-After", std::to_string(wait));
            response.delay_ms = m_options.latency_ms;
            return response;
        }
        {
            std::shared_lock lock(m_store_mutex);
            check_auth(request, operation);
        }
        std::uint64_t number = ++m_request_number;
        faults = m_faults.decide(number);
        if (faults.drop_before) {
            response.drop = true;
            return response;
        }
        if (faults.fail) {
            response = error_response({m_options.fail_status, "injected_fault", operation,
                                       "injected failure (--fail-rate); nothing was changed",
                                       "retry the request"});
            if (m_options.fail_status == 503)
                response.headers.emplace_back("Retry-After", "1");
            response.delay_ms = m_options.latency_ms;
            return response;
        }
        std::optional<HttpResponse> answer;
        {
            std::shared_lock<std::shared_mutex> read_lock(m_store_mutex, std::defer_lock);
            std::unique_lock<std::shared_mutex> write_lock(m_store_mutex, std::defer_lock);
            if (request.method == "GET" || request.method == "HEAD")
                read_lock.lock();
            else
                write_lock.lock();
            RouteContext ctx{request, target, *m_store, m_options, m_faults, number, {}};
            answer = route_v2(ctx);
            if (!answer)
                answer = route_v1(ctx);
        }
        if (!answer)
            fail(404, "not_found", operation, "no such API route",
                 "the emulator serves /api/v2/... (API v2 and the Batch API) and the v1 calls "
                 "under /api/...; see docs/emulator.md");
        response = std::move(*answer);
    } catch (const ApiException& e) {
        response = error_response(e.error());
    }
    if (faults.drop_after)
        response.drop = true;
    response.delay_ms = m_options.latency_ms;
    return response;
}

HttpResponse Router::handle_admin(const HttpRequest& request, const Target& target) {
    std::string operation = request.method + " " + target.path;
    std::string what = target.segments.size() == 2 ? target.segments[1] : std::string();
    if (what == "stats" && request.method == "GET") {
        std::lock_guard lock(m_stats_mutex);
        json::object routes;
        std::uint64_t total = 0;
        for (const auto& [route, statuses] : m_stats) {
            json::object counts;
            for (const auto& [status, n] : statuses) {
                counts[status == 0 ? std::string("dropped") : std::to_string(status)] = n;
                total += n;
            }
            routes[route] = std::move(counts);
        }
        return json_response(200, json::object{{"total", total}, {"routes", std::move(routes)}});
    }
    if (what == "reset" && request.method == "POST") {
        auto fresh = m_make_store(nullptr);
        {
            std::unique_lock lock(m_store_mutex);
            m_store = std::move(fresh);
        }
        {
            std::lock_guard lock(m_stats_mutex);
            m_stats.clear();
        }
        m_request_number = 0;
        return json_response(200, json::object{{"reset", true}});
    }
    if (what == "state" && request.method == "GET") {
        HttpResponse r;
        r.body = dump();
        return r;
    }
    if (what == "state" && request.method == "PUT") {
        std::string error;
        auto doc = parse_json(request.body, false, error);
        if (!doc)
            fail(400, "invalid_json", operation, "the request body is not valid JSON: " + error);
        std::unique_ptr<Store> fresh;
        try {
            fresh = m_make_store(&*doc);
        } catch (const StateError& e) {
            fail(400, "invalid_state", operation, e.what(),
                 "see the state format in docs/emulator.md");
        }
        json::object summary{{"workspaces", fresh->workspaces().size()},
                             {"components", fresh->component_count()},
                             {"references", fresh->reference_count()}};
        std::unique_lock lock(m_store_mutex);
        m_store = std::move(fresh);
        return json_response(200, summary);
    }
    fail(404, "not_found", operation, "no such admin route",
         "admin routes: GET /_emulator/stats, POST /_emulator/reset, GET|PUT /_emulator/state");
}

void Router::count(const HttpRequest& request, const Target& target, const HttpResponse& response) {
    std::string route = route_pattern(request, target);
    std::lock_guard lock(m_stats_mutex);
    ++m_stats[route][response.drop ? 0 : response.status];
}

} // namespace ardoq::emulator
