#pragma once
// Test doubles for the client's I/O seams: a transport that replays scripted answers and
// records requests, and a clock that records sleeps instead of sleeping.

#include "connectors/ardoq/clock.hpp"
#include "connectors/ardoq/transport.hpp"

#include <deque>
#include <memory>
#include <string>
#include <vector>

namespace ardoq::test {

using connectors::HttpRequest;
using connectors::HttpResponse;
using connectors::TransportFailure;

struct FakeTransportLog {
    std::vector<HttpRequest> requests;
    std::deque<model::Expected<HttpResponse, TransportFailure>> script;
};

class FakeTransport final : public connectors::Transport {
public:
    explicit FakeTransport(std::shared_ptr<FakeTransportLog> log) : m_log(std::move(log)) {}
    model::Expected<HttpResponse, TransportFailure> send(const HttpRequest& request,
                                                         std::chrono::milliseconds) override {
        m_log->requests.push_back(request);
        if (m_log->script.empty())
            return model::unexpected(
                TransportFailure{TransportFailure::Kind::protocol, false, "script exhausted"});
        auto next = std::move(m_log->script.front());
        m_log->script.pop_front();
        return next;
    }

private:
    std::shared_ptr<FakeTransportLog> m_log;
};

inline HttpResponse response(int status, std::string body, std::string retry_after = {}) {
    HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    r.retry_after = std::move(retry_after);
    return r;
}

inline model::Unexpected<TransportFailure> lost(TransportFailure::Kind kind, bool maybe_sent,
                                                std::string message) {
    return model::unexpected(TransportFailure{kind, maybe_sent, std::move(message)});
}

struct FakeClockLog {
    std::vector<std::chrono::milliseconds> sleeps;
};

class FakeClock final : public connectors::Clock {
public:
    explicit FakeClock(std::shared_ptr<FakeClockLog> log, double uniform = 0.5)
        : m_log(std::move(log)), m_uniform(uniform) {}
    std::chrono::system_clock::time_point wall_now() override {
        return std::chrono::system_clock::from_time_t(1'700'000'000); // 2023-11-14T22:13:20Z
    }
    void sleep_for(std::chrono::milliseconds d) override { m_log->sleeps.push_back(d); }
    double uniform() override { return m_uniform; }

private:
    std::shared_ptr<FakeClockLog> m_log;
    double m_uniform;
};

} // namespace ardoq::test
