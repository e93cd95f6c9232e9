#include "connectors/ardoq/retry_policy.hpp"

#include "client/fakes.hpp"

#include <doctest/doctest.h>

using namespace ardoq::connectors;
using ardoq::test::FakeClock;
using ardoq::test::FakeClockLog;
using Action = RetryDecision::Action;
using std::chrono::milliseconds;

namespace {

struct PolicyFixture {
    std::shared_ptr<FakeClockLog> log = std::make_shared<FakeClockLog>();
    FakeClock clock{log, 0.5};
    RetryPolicy policy{RetryOptions{}, clock};

    RetryDecision status(int attempt, Idempotency idem, int code, std::string retry_after = {}) {
        auto r = ardoq::test::response(code, "", std::move(retry_after));
        return policy.decide(attempt, idem, &r, nullptr);
    }
    RetryDecision failure(int attempt, Idempotency idem, TransportFailure::Kind kind,
                          bool maybe_sent) {
        TransportFailure f{kind, maybe_sent, "timeout after 60 s waiting for the response"};
        return policy.decide(attempt, idem, nullptr, &f);
    }
};

constexpr auto idempotent = Idempotency::idempotent;
constexpr auto write_once = Idempotency::not_idempotent;

} // namespace

TEST_CASE("client: 429 and 503 wait at least Retry-After, for writes too") {
    PolicyFixture f;
    auto d = f.status(1, write_once, 429, "2");
    CHECK(d.action == Action::retry);
    CHECK(d.delay == milliseconds(2250)); // 2 s + half of the 500 ms jitter window
    CHECK(d.reason == "HTTP 429, Retry-After 2 s");
    d = f.status(1, idempotent, 503, "Tue, 14 Nov 2023 22:13:50 GMT"); // 30 s after the fake now
    CHECK(d.action == Action::retry);
    CHECK(d.delay == milliseconds(30250));
    d = f.status(1, idempotent, 503); // no Retry-After: exponential backoff
    CHECK(d.action == Action::retry);
    CHECK(d.delay == milliseconds(250));
    d = f.status(1, idempotent, 429, "900");
    CHECK(d.action == Action::done);
    CHECK(d.reason == "Retry-After 15 min exceeds the limit of 5 min");
}

TEST_CASE("client: 5xx of idempotent requests back off exponentially with full jitter") {
    PolicyFixture f;
    CHECK(f.status(1, idempotent, 500).delay == milliseconds(250));
    CHECK(f.status(2, idempotent, 502).delay == milliseconds(500));
    CHECK(f.status(3, idempotent, 504).delay == milliseconds(1000));
    CHECK(f.status(4, idempotent, 500).delay == milliseconds(2000));
    CHECK(f.policy.retries_used() == 4);
    auto last = f.status(5, idempotent, 500);
    CHECK(last.action == Action::done);
    CHECK(last.reason == "gave up after 5 attempts");

    PolicyFixture low_jitter;
    FakeClock zero(low_jitter.log, 0.0);
    RetryPolicy p(RetryOptions{}, zero);
    auto r = ardoq::test::response(500, "");
    CHECK(p.decide(3, idempotent, &r, nullptr).delay == milliseconds(0)); // full jitter reaches 0
}

TEST_CASE("client: the backoff ceiling is capped by max_delay") {
    auto log = std::make_shared<FakeClockLog>();
    FakeClock clock(log, 0.999);
    RetryOptions options;
    options.max_attempts = 30;
    RetryPolicy p(options, clock);
    auto r = ardoq::test::response(500, "");
    CHECK(p.decide(20, idempotent, &r, nullptr).delay == milliseconds(29970));
}

TEST_CASE("client: a write without a definite answer is never replayed") {
    PolicyFixture f;
    auto d = f.failure(1, write_once, TransportFailure::Kind::timeout, true);
    CHECK(d.action == Action::unknown);
    CHECK(d.reason == "timeout after 60 s waiting for the response after the request was sent");
    CHECK(f.status(1, write_once, 502).action == Action::unknown);
    CHECK(f.status(1, write_once, 504).action == Action::unknown);
    CHECK(f.status(1, write_once, 500).action == Action::unknown); // re-read and re-plan
    CHECK(f.status(1, write_once, 500).reason ==
          "HTTP 500: the request may or may not have been applied");
    CHECK(f.status(1, write_once, 400).action == Action::done); // a definite refusal
    CHECK(f.policy.retries_used() == 0);
}

TEST_CASE(
    "client: failures before the request left retry for every method; reads retry after resets") {
    PolicyFixture f;
    CHECK(f.failure(1, write_once, TransportFailure::Kind::connect, false).action == Action::retry);
    CHECK(f.failure(1, idempotent, TransportFailure::Kind::tls, false).action ==
          Action::done); // certificate refused
    CHECK(f.failure(1, idempotent, TransportFailure::Kind::connection_lost, true).action ==
          Action::retry);
    CHECK(f.failure(1, idempotent, TransportFailure::Kind::timeout, true).action == Action::retry);
    CHECK(f.status(1, idempotent, 404).action == Action::done);
    CHECK(f.status(1, idempotent, 200).action == Action::done);
}

TEST_CASE("client: the retry budget is shared by the whole run") {
    auto log = std::make_shared<FakeClockLog>();
    FakeClock clock(log, 0.5);
    RetryOptions options;
    options.budget = 2;
    RetryPolicy p(options, clock);
    auto r = ardoq::test::response(503, "", "1");
    CHECK(p.decide(1, idempotent, &r, nullptr).action == Action::retry);
    CHECK(p.decide(1, idempotent, &r, nullptr).action == Action::retry);
    auto spent = p.decide(1, idempotent, &r, nullptr);
    CHECK(spent.action == Action::done);
    CHECK(spent.reason == "retry budget of 2 retries for this run is spent");
}

TEST_CASE("client: Retry-After parsing and duration formatting") {
    auto now = std::chrono::system_clock::from_time_t(1'700'000'000);
    CHECK(parse_retry_after("120", now) == milliseconds(120000));
    CHECK(parse_retry_after(" 0 ", now) == milliseconds(0));
    CHECK(parse_retry_after("Tue, 14 Nov 2023 22:13:21 GMT", now) == milliseconds(1000));
    CHECK(parse_retry_after("Mon, 13 Nov 2023 00:00:00 GMT", now) == milliseconds(0)); // past
    CHECK_FALSE(parse_retry_after("soon", now).has_value());
    CHECK_FALSE(parse_retry_after("-5", now).has_value());
    CHECK(format_duration(milliseconds(250)) == "250 ms");
    CHECK(format_duration(milliseconds(2000)) == "2 s");
    CHECK(format_duration(milliseconds(2500)) == "2.5 s");
    CHECK(format_duration(milliseconds(300000)) == "5 min");
}
