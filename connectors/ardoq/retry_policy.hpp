#pragma once
// When the client tries a request again, and when it must not.
//
//  - 429 and 503: the server asks to come back later; always safe to retry (it did not
//    process the request). Wait at least Retry-After (plus up to base_delay of jitter).
//  - 500, 502, 504, 408 and lost connections / timeouts after the request was sent:
//    idempotent requests (GET, PUT, DELETE, upsert-only batches) retry with exponential
//    backoff and full jitter. A non-idempotent request is never replayed: 502/504 and a
//    lost response make its outcome unknown; 500 is a definite failure (nothing applied).
//  - Failures before the request left (resolve, connect, write) retry for every method:
//    the server never saw it. A failed TLS handshake (certificate refused) is final.
// Every retry spends one unit of a budget shared by the whole run, and each request gets
// at most max_attempts tries.

#include "connectors/ardoq/clock.hpp"
#include "connectors/ardoq/transport.hpp"
#include "connectors/target.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace ardoq::connectors {

enum class Idempotency : std::uint8_t { idempotent, not_idempotent };

struct RetryDecision {
    enum class Action : std::uint8_t {
        done,    // use this result as it is (success, a final error, or retries exhausted)
        retry,   // wait `delay`, then send again
        unknown, // no definite answer for a non-idempotent request: report, never replay
    };
    Action action = Action::done;
    std::chrono::milliseconds delay{0};
    // Why: "HTTP 503, Retry-After 2 s" (retry), "gave up after 5 attempts" (done after
    // retryable failures), "" for a plain final result.
    std::string reason;
};

class RetryPolicy {
public:
    RetryPolicy(RetryOptions options, Clock& clock) : m_options(options), m_clock(clock) {}

    // Decides after attempt number `attempt` (1 = first) of a request, which produced
    // either a response or a transport failure (exactly one is non-null).
    RetryDecision decide(int attempt, Idempotency idempotency, const HttpResponse* response,
                         const TransportFailure* failure);
    int retries_used() const noexcept { return m_retries_used; }
    const RetryOptions& options() const noexcept { return m_options; }

private:
    RetryDecision retry_or_stop(int attempt, std::chrono::milliseconds delay, std::string reason);
    std::chrono::milliseconds backoff(int attempt);

    RetryOptions m_options;
    Clock& m_clock;
    int m_retries_used = 0;
};

// Parses a Retry-After value: delta-seconds ("120") or an HTTP date ("Wed, 21 Oct 2015
// 07:28:00 GMT") relative to `now`. nullopt when unreadable; a past date gives 0.
std::optional<std::chrono::milliseconds>
parse_retry_after(std::string_view text, std::chrono::system_clock::time_point now);

// "250 ms", "2 s", "1.5 s", "3 min" for messages.
std::string format_duration(std::chrono::milliseconds d);

} // namespace ardoq::connectors
