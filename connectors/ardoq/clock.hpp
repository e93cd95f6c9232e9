#pragma once
// Time and randomness for the client's retry loop, behind an interface so that tests run
// every retry path without sleeping (tests/client: FakeClock).

#include <chrono>
#include <random>

namespace ardoq::connectors {

class Clock {
public:
    virtual ~Clock() = default;
    // Wall-clock time (to read a Retry-After given as an HTTP date).
    virtual std::chrono::system_clock::time_point wall_now() = 0;
    virtual void sleep_for(std::chrono::milliseconds d) = 0;
    // A uniformly distributed number in [0, 1) (backoff jitter).
    virtual double uniform() = 0;
};

class SystemClock final : public Clock {
public:
    std::chrono::system_clock::time_point wall_now() override;
    void sleep_for(std::chrono::milliseconds d) override;
    double uniform() override;

private:
    std::mt19937_64 m_random{std::random_device{}()};
};

} // namespace ardoq::connectors
