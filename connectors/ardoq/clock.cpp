#include "connectors/ardoq/clock.hpp"

#include <thread>

namespace ardoq::connectors {

std::chrono::system_clock::time_point SystemClock::wall_now() {
    return std::chrono::system_clock::now();
}

void SystemClock::sleep_for(std::chrono::milliseconds d) {
    std::this_thread::sleep_for(d);
}

double SystemClock::uniform() {
    return std::uniform_real_distribution<double>(0.0, 1.0)(m_random);
}

} // namespace ardoq::connectors
