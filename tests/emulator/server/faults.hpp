#pragma once
// Injected faults and the rate limit. Every fault is a pure function of --fault-seed and the
// request's number (API requests are numbered from 1 in arrival order; admin requests are not
// counted), so a client that sends the same requests in the same order meets the same faults.

#include "options.hpp"

#include <chrono>
#include <cstdint>
#include <mutex>

namespace ardoq::emulator {

struct FaultDecision {
    bool drop_before = false; // close without answering, nothing applied
    bool fail = false;        // answer --fail-status, nothing applied
    bool drop_after = false;  // apply, then close without answering
};

class FaultPlan {
public:
    explicit FaultPlan(const Options& options) : m_options(options) {}
    FaultDecision decide(std::uint64_t request_number) const;
    // A uniform draw in [0, 1) for request `n` and purpose `stream`.
    double draw(std::uint64_t n, std::uint64_t stream) const;

private:
    const Options& m_options;
};

// A token bucket holding one second's worth of requests.
class RateLimiter {
public:
    explicit RateLimiter(double per_second);
    // 0 when the request may proceed, else the whole seconds to wait (at least 1).
    int admit();

private:
    using Clock = std::chrono::steady_clock;
    double m_rate;
    double m_tokens;
    Clock::time_point m_last;
    std::mutex m_mutex;
};

} // namespace ardoq::emulator
