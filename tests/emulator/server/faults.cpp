#include "faults.hpp"

#include "oid.hpp"

#include <algorithm>
#include <cmath>

namespace ardoq::emulator {

double FaultPlan::draw(std::uint64_t n, std::uint64_t stream) const {
    std::uint64_t x = mix64(m_options.fault_seed ^ mix64(n * 8 + stream));
    return static_cast<double>(x >> 11) * (1.0 / 9007199254740992.0); // 53 bits → [0, 1)
}

FaultDecision FaultPlan::decide(std::uint64_t request_number) const {
    FaultDecision d;
    if (m_options.drop_rate > 0 && draw(request_number, 1) < m_options.drop_rate) {
        bool before = m_options.drop_mode == DropMode::before ||
                      (m_options.drop_mode == DropMode::both && draw(request_number, 2) < 0.5);
        (before ? d.drop_before : d.drop_after) = true;
    }
    if (!d.drop_before && m_options.fail_rate > 0 &&
        draw(request_number, 3) < m_options.fail_rate) {
        d.fail = true;
        d.drop_after = false;
    }
    return d;
}

RateLimiter::RateLimiter(double per_second)
    : m_rate(per_second), m_tokens(std::max(1.0, per_second)), m_last(Clock::now()) {}

int RateLimiter::admit() {
    if (m_rate <= 0)
        return 0;
    std::lock_guard lock(m_mutex);
    auto now = Clock::now();
    double elapsed = std::chrono::duration<double>(now - m_last).count();
    m_last = now;
    m_tokens = std::min(std::max(1.0, m_rate), m_tokens + elapsed * m_rate);
    if (m_tokens >= 1.0) {
        m_tokens -= 1.0;
        return 0;
    }
    return std::max(1, static_cast<int>(std::ceil((1.0 - m_tokens) / m_rate)));
}

} // namespace ardoq::emulator
