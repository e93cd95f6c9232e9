#include "connectors/ardoq/retry_policy.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <ctime>

namespace ardoq::connectors {

namespace {

bool always_retryable(int status) {
    return status == 429 || status == 503;
}
bool retryable_if_idempotent(int status) {
    return status == 408 || status == 500 || status == 502 || status == 504;
}
// A gateway answered: the request may have reached Ardoq and been applied.
bool gateway_error(int status) {
    return status == 502 || status == 504;
}

std::optional<int> month_index(std::string_view m) {
    static constexpr std::array<std::string_view, 12> k_months{
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (std::size_t i = 0; i < k_months.size(); ++i)
        if (k_months[i] == m)
            return static_cast<int>(i);
    return std::nullopt;
}

// IMF-fixdate only ("Sun, 06 Nov 1994 08:49:37 GMT"), the form RFC 9110 requires senders to use.
std::optional<std::chrono::system_clock::time_point> parse_http_date(std::string_view s) {
    if (s.size() != 29 || s.substr(3, 2) != ", " || s.substr(25) != " GMT")
        return std::nullopt;
    auto num = [&](std::size_t at, std::size_t len) -> std::optional<int> {
        int v = 0;
        auto [end, ec] = std::from_chars(s.data() + at, s.data() + at + len, v);
        if (ec != std::errc{} || end != s.data() + at + len)
            return std::nullopt;
        return v;
    };
    auto day = num(5, 2), year = num(12, 4), hour = num(17, 2), minute = num(20, 2),
         second = num(23, 2);
    auto month = month_index(s.substr(8, 3));
    if (!day || !year || !hour || !minute || !second || !month)
        return std::nullopt;
    std::tm tm{};
    tm.tm_year = *year - 1900;
    tm.tm_mon = *month;
    tm.tm_mday = *day;
    tm.tm_hour = *hour;
    tm.tm_min = *minute;
    tm.tm_sec = *second;
    return std::chrono::system_clock::from_time_t(timegm(&tm));
}

} // namespace

std::optional<std::chrono::milliseconds>
parse_retry_after(std::string_view text, std::chrono::system_clock::time_point now) {
    while (!text.empty() && text.front() == ' ')
        text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ')
        text.remove_suffix(1);
    if (text.empty())
        return std::nullopt;
    std::int64_t seconds = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (ec == std::errc{} && end == text.data() + text.size())
        return seconds < 0 ? std::nullopt
                           : std::optional(std::chrono::milliseconds(seconds * 1000));
    if (auto when = parse_http_date(text))
        return std::max(std::chrono::milliseconds(0),
                        std::chrono::duration_cast<std::chrono::milliseconds>(*when - now));
    return std::nullopt;
}

std::string format_duration(std::chrono::milliseconds d) {
    auto ms = d.count();
    if (ms < 1000)
        return std::to_string(ms) + " ms";
    if (ms < 120'000) {
        if (ms % 1000 == 0)
            return std::to_string(ms / 1000) + " s";
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.1f s", static_cast<double>(ms) / 1000.0);
        return buf;
    }
    return std::to_string(ms / 60'000) + " min";
}

std::chrono::milliseconds RetryPolicy::backoff(int attempt) {
    // Full jitter: uniform in [0, min(max, base * 2^(attempt-1))].
    double ceiling = static_cast<double>(m_options.base_delay.count()) *
                     std::ldexp(1.0, std::min(attempt - 1, 30));
    ceiling = std::min(ceiling, static_cast<double>(m_options.max_delay.count()));
    return std::chrono::milliseconds(static_cast<std::int64_t>(m_clock.uniform() * ceiling));
}

RetryDecision RetryPolicy::retry_or_stop(int attempt, std::chrono::milliseconds delay,
                                         std::string reason) {
    if (attempt >= m_options.max_attempts)
        return {RetryDecision::Action::done,
                {},
                "gave up after " + std::to_string(attempt) + " attempts"};
    if (m_retries_used >= m_options.budget)
        return {RetryDecision::Action::done,
                {},
                "retry budget of " + std::to_string(m_options.budget) +
                    " retries for this run is spent"};
    ++m_retries_used;
    return {RetryDecision::Action::retry, delay, std::move(reason)};
}

RetryDecision RetryPolicy::decide(int attempt, Idempotency idempotency,
                                  const HttpResponse* response, const TransportFailure* failure) {
    const bool idempotent = idempotency == Idempotency::idempotent;
    if (response != nullptr) {
        const int status = response->status;
        const std::string what = "HTTP " + std::to_string(status);
        if (always_retryable(status)) {
            auto wait = parse_retry_after(response->retry_after, m_clock.wall_now());
            if (!wait)
                return retry_or_stop(attempt, backoff(attempt), what);
            if (*wait > m_options.max_retry_after)
                return {RetryDecision::Action::done,
                        {},
                        "Retry-After " + format_duration(*wait) + " exceeds the limit of " +
                            format_duration(m_options.max_retry_after)};
            auto jitter = std::chrono::milliseconds(static_cast<std::int64_t>(
                m_clock.uniform() * static_cast<double>(m_options.base_delay.count())));
            return retry_or_stop(attempt, *wait + jitter,
                                 what + ", Retry-After " + format_duration(*wait));
        }
        if (retryable_if_idempotent(status)) {
            if (idempotent)
                return retry_or_stop(attempt, backoff(attempt), what);
            if (gateway_error(status))
                return {RetryDecision::Action::unknown,
                        {},
                        what + " from a gateway: the request may have been applied"};
            // Ardoq failed the write itself. A batch is one transaction, but the answer does
            // not prove that nothing was committed: the caller re-reads and re-plans rather
            // than giving up the run (and never sends the same request blindly).
            if (status == 500)
                return {RetryDecision::Action::unknown,
                        {},
                        what + ": the request may or may not have been applied"};
        }
        return {RetryDecision::Action::done, {}, {}};
    }
    if (failure == nullptr)
        return {RetryDecision::Action::done, {}, {}};
    // A refused certificate or protocol does not get better by asking again.
    if (failure->kind == TransportFailure::Kind::tls)
        return {RetryDecision::Action::done, {}, {}};
    if (!failure->maybe_sent || idempotent)
        return retry_or_stop(attempt, backoff(attempt), failure->message);
    return {RetryDecision::Action::unknown, {}, failure->message + " after the request was sent"};
}

} // namespace ardoq::connectors
