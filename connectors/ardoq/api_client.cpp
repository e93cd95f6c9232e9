#include "connectors/ardoq/api_client.hpp"

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include <chrono>

namespace ardoq::connectors {

namespace json = boost::json;

namespace {

constexpr std::size_t k_body_in_message = 2000; // response text kept in an error message
constexpr std::size_t k_body_in_trace = 64 * 1024;

std::string truncate(std::string_view text, std::size_t limit) {
    if (text.size() <= limit)
        return std::string(text);
    return std::string(text.substr(0, limit)) + "… (" + std::to_string(text.size()) + " bytes)";
}

std::string status_hint(int status) {
    switch (status) {
    case 400:
    case 422:
        return "Ardoq refused the request as invalid; the response above says which field";
    case 401:
        return "the token was refused: check ARDOQ_API_TOKEN or --token-file (tokens unused for 60 "
               "days "
               "expire)";
    case 403:
        return "the token's user may not do this; on app.ardoq.com also set --org or "
               "ARDOQ_ORG_LABEL";
    case 404:
        return "check the target URL and the workspace name or id";
    case 409:
        return "the entity changed in Ardoq since the snapshot was taken; run again to plan "
               "against a fresh "
               "snapshot";
    case 429:
        return "Ardoq is rate limiting this token; run again later";
    default:
        return status >= 500 ? "Ardoq failed to answer; run again later" : "";
    }
}

std::string failure_hint(const TransportFailure& f) {
    switch (f.kind) {
    case TransportFailure::Kind::resolve:
    case TransportFailure::Kind::connect:
        return "check the target URL (--target / ARDOQ_API_HOST) and that the server is reachable";
    case TransportFailure::Kind::tls:
        return "pass --ca-file with the certificate (PEM) of the authority that issued the "
               "server's certificate; "
               "--insecure skips verification (unsafe)";
    case TransportFailure::Kind::timeout:
        return "the server did not answer in time; raise --connect-timeout / --request-timeout or "
               "run again later";
    case TransportFailure::Kind::connection_lost:
    case TransportFailure::Kind::protocol:
        return "the connection failed; run again later";
    }
    return {};
}

std::string with_hint(std::string message, const std::string& hint) {
    if (!hint.empty())
        message += "\n  hint: " + hint;
    return message;
}

// The path of a batch request in a message is its step: bodies are not repeated.
std::string reason_suffix(const std::string& reason) {
    return reason.empty() ? "" : " (" + reason + ")";
}

} // namespace

ApiError::ApiError(const std::string& message, HttpMethod method, std::string path, int status,
                   std::string body)
    : model::RunError(message),
      m_method(method),
      m_path(std::move(path)),
      m_status(status),
      m_body(std::move(body)) {}

ApiClient::ApiClient(BaseUrl base, Secret token, std::chrono::milliseconds request_timeout,
                     RetryOptions retry, std::unique_ptr<Transport> transport,
                     std::unique_ptr<Clock> clock)
    : m_base(std::move(base)),
      m_redactor(token),
      m_request_timeout(request_timeout),
      m_transport(std::move(transport)),
      m_clock(std::move(clock)),
      m_policy(retry, *m_clock) {}

std::string ApiClient::v2(std::string_view path) const {
    return m_base.prefix + "/api/v2" + std::string(path);
}
std::string ApiClient::v1(std::string_view path) const {
    return m_base.prefix + "/api" + std::string(path);
}

CallResult ApiClient::call(HttpMethod method, std::string_view path, const json::value* body,
                           Idempotency idempotency, std::string_view step) {
    return call_text(method, path, body != nullptr ? json::serialize(*body) : std::string(),
                     idempotency, step);
}

CallResult ApiClient::call_text(HttpMethod method, std::string_view path, std::string body_text,
                                Idempotency idempotency, std::string_view step, Read read) {
    HttpRequest request;
    request.method = method;
    request.target = std::string(path);
    request.auth =
        path.starts_with(m_base.prefix + "/api/v2/") ? AuthScheme::bearer : AuthScheme::v1_token;
    request.body = std::move(body_text);
    const std::string shown = std::string(method_name(method)) + " " + m_redactor.path(path);
    const std::string where = std::string(step) + ": " + shown;
    if (!request.body.empty())
        spdlog::trace("{}: request body: {}", where,
                      m_redactor.scrub(truncate(request.body, k_body_in_trace)));

    CallResult result;
    for (int attempt = 1;; ++attempt) {
        auto started = std::chrono::steady_clock::now();
        auto answer = m_transport->send(request, m_request_timeout);
        auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::steady_clock::now() - started);
        const HttpResponse* response = answer ? &*answer : nullptr;
        const TransportFailure* failure = answer ? nullptr : &answer.error();
        if (response != nullptr) {
            spdlog::debug("{} -> {} in {} ({} bytes)", where, response->status,
                          format_duration(took), response->body.size());
            spdlog::trace("{}: response body: {}", where,
                          m_redactor.scrub(truncate(response->body, k_body_in_trace)));
        } else {
            spdlog::debug("{} -> no response after {}: {}", where, format_duration(took),
                          m_redactor.scrub(failure->message));
        }

        auto decision = m_policy.decide(attempt, idempotency, response, failure);
        if (decision.action == RetryDecision::Action::retry) {
            spdlog::warn("{}: {}; retrying in {} (attempt {} of {})", where,
                         m_redactor.scrub(decision.reason), format_duration(decision.delay),
                         attempt + 1, m_policy.options().max_attempts);
            m_clock->sleep_for(decision.delay);
            continue;
        }

        if (response != nullptr) {
            result.http_status = response->status;
            if (response->status >= 200 && response->status < 300) {
                result.status = CallResult::Status::ok;
                result.unread = std::move(answer->body);
                if (read == Read::now && !result.unread.empty())
                    return read_answer(std::move(result), method, path, step);
                return result;
            }
            result.body = m_redactor.scrub(response->body);
            std::string message = where + ": HTTP " + std::to_string(response->status);
            if (!response->reason.empty())
                message += " " + response->reason;
            message += reason_suffix(
                decision.action == RetryDecision::Action::unknown ? "" : decision.reason);
            if (!result.body.empty())
                message += "\n  response: " + truncate(result.body, k_body_in_message);
            // A write given up on after gateway errors may have been applied all the same.
            const bool maybe_applied =
                decision.action == RetryDecision::Action::unknown ||
                (method != HttpMethod::get && (response->status == 502 || response->status == 504));
            if (maybe_applied) {
                result.status = CallResult::Status::unknown;
                message +=
                    "\n  outcome unknown: " +
                    (decision.action == RetryDecision::Action::unknown
                         ? decision.reason
                         : std::string("a gateway answered; the request may have been applied"));
                result.error = with_hint(
                    message, "the request was not sent again; refresh the snapshot and plan anew");
            } else {
                result.status = CallResult::Status::failed;
                result.error = with_hint(message, status_hint(response->status));
            }
            return result;
        }

        std::string message = where + ": " + m_redactor.scrub(failure->message);
        if (decision.action == RetryDecision::Action::unknown ||
            (method != HttpMethod::get && failure->maybe_sent)) {
            result.status = CallResult::Status::unknown;
            result.error = with_hint(
                message +
                    reason_suffix(
                        decision.action == RetryDecision::Action::unknown ? "" : decision.reason) +
                    "\n  outcome unknown: the request may have been applied",
                "the request was not sent again; refresh the snapshot and plan anew");
        } else {
            result.status = CallResult::Status::failed;
            result.error =
                with_hint(message + reason_suffix(decision.reason), failure_hint(*failure));
        }
        return result;
    }
}

CallResult ApiClient::read_answer(CallResult result, HttpMethod method, std::string_view path,
                                  std::string_view step, Storage storage) const {
    if (result.status != CallResult::Status::ok || result.unread.empty())
        return result;
    // Parsed into monotonic memory (a batch answer with entity bodies is ~0.5 MB of small
    // strings). Held by the result, the value refers to it without sharing it, which lets
    // Boost.JSON drop the value without visiting its elements.
    boost::system::error_code ec;
    const std::size_t first_block = result.unread.size() + 1024;
    std::shared_ptr<json::monotonic_resource> arena;
    json::storage_ptr sp;
    if (storage == Storage::result_arena) {
        arena = std::make_shared<json::monotonic_resource>(first_block);
        sp = json::storage_ptr(arena.get());
    } else {
        sp = json::make_shared_resource<json::monotonic_resource>(first_block);
    }
    json::value parsed = json::parse(result.unread, ec, std::move(sp));
    if (!ec) // move-constructed: the value keeps its memory
        return CallResult{.status = result.status,
                          .http_status = result.http_status,
                          .arena = std::move(arena),
                          .json = std::move(parsed)};
    const std::string where =
        std::string(step) + ": " + std::string(method_name(method)) + " " + m_redactor.path(path);
    result.body = m_redactor.scrub(result.unread);
    result.unread.clear();
    std::string message = where + ": HTTP " + std::to_string(result.http_status) +
                          " with a body that is not JSON (" + ec.message() +
                          ")\n  response: " + truncate(result.body, k_body_in_message);
    if (method == HttpMethod::get) {
        result.status = CallResult::Status::failed;
        result.error =
            with_hint(message, "the target does not look like the Ardoq API; check --target");
    } else {
        // The server said it succeeded: a write may well have been applied, though what it
        // did cannot be read from the answer.
        result.status = CallResult::Status::unknown;
        result.error = with_hint(message + "\n  outcome unknown: the target answered success, "
                                           "so the request may have been applied",
                                 "the request was not sent again; check --target, then refresh "
                                 "the snapshot and plan anew");
    }
    return result;
}

json::value ApiClient::checked(HttpMethod method, std::string_view path, const json::value* body,
                               Idempotency idempotency, std::string_view step) {
    auto result = call(method, path, body, idempotency, step);
    if (result.status != CallResult::Status::ok)
        throw ApiError(result.error, method, m_redactor.path(path), result.http_status,
                       result.body);
    return std::move(result.json);
}

json::value ApiClient::get(std::string_view path, std::string_view step) {
    return checked(HttpMethod::get, path, nullptr, Idempotency::idempotent, step);
}
json::value ApiClient::post(std::string_view path, const json::value& body, std::string_view step) {
    return checked(HttpMethod::post, path, &body, Idempotency::not_idempotent, step);
}
json::value ApiClient::put(std::string_view path, const json::value& body, std::string_view step) {
    return checked(HttpMethod::put, path, &body, Idempotency::idempotent, step);
}
json::value ApiClient::patch(std::string_view path, const json::value& body,
                             std::string_view step) {
    // A PATCH is guarded by ifVersionMatch: replaying one that was applied fails with 409
    // instead of applying twice, so it is safe to retry.
    return checked(HttpMethod::patch, path, &body, Idempotency::idempotent, step);
}
json::value ApiClient::del(std::string_view path, std::string_view step) {
    return checked(HttpMethod::del, path, nullptr, Idempotency::idempotent, step);
}

std::string ApiClient::next_page_target(std::string_view href, std::string_view step,
                                        std::string_view path) const {
    auto fail = [&](const std::string& what) {
        return ApiError(
            std::string(step) + ": GET " + m_redactor.path(path) + ": " + what +
                "\n  hint: the target does not paginate like the Ardoq API; check --target",
            HttpMethod::get, m_redactor.path(path), 200, {});
    };
    if (href.starts_with("/"))
        return std::string(href);
    // An absolute link must point at the same server: the token is sent with it.
    auto scheme_end = href.find("://");
    auto path_at =
        scheme_end == std::string_view::npos ? scheme_end : href.find('/', scheme_end + 3);
    if (path_at == std::string_view::npos)
        throw fail("the next-page link \"" + m_redactor.path(href) + "\" has no path");
    auto origin = parse_base_url(href.substr(0, path_at));
    if (!origin || origin->host != m_base.host || origin->port != m_base.port ||
        origin->tls != m_base.tls)
        throw fail("the next-page link \"" + m_redactor.path(href) + "\" leaves " +
                   m_base.to_string());
    return std::string(href.substr(path_at));
}

void ApiClient::for_each_page(std::string_view path, std::string_view step,
                              const std::function<void(const json::array&)>& on_page) {
    std::string target(path);
    std::size_t page = 0;
    while (true) {
        ++page;
        auto value = get(target, step);
        const auto* obj = value.if_object();
        const json::value* values = obj != nullptr ? obj->if_contains("values") : nullptr;
        if (values == nullptr || !values->is_array())
            throw ApiError(
                std::string(step) + ": GET " + m_redactor.path(target) + ": page " +
                    std::to_string(page) + " has no \"values\" array" +
                    "\n  hint: the target does not answer like the Ardoq API; check --target",
                HttpMethod::get, m_redactor.path(target), 200, {});
        on_page(values->get_array());
        const json::value* next = nullptr;
        if (const auto* links = obj->if_contains("_links"); links != nullptr && links->is_object())
            if (const auto* n = links->get_object().if_contains("next");
                n != nullptr && n->is_object())
                next = n->get_object().if_contains("href");
        if (next == nullptr || !next->is_string())
            return;
        auto following = next_page_target(next->get_string(), step, target);
        if (following == target)
            throw ApiError(std::string(step) + ": GET " + m_redactor.path(target) + ": page " +
                               std::to_string(page) + " links to itself as the next page",
                           HttpMethod::get, m_redactor.path(target), 200, {});
        target = std::move(following);
    }
}

} // namespace ardoq::connectors
