#include "buffer_pool.hpp"

#include <algorithm>
#include <mutex>
#include <vector>

namespace ardoq::emulator {

namespace {

// Buffers worth keeping: larger ones are rare (a state dump), smaller ones cheap to allocate.
constexpr std::size_t k_min_capacity = 64 * 1024;
constexpr std::size_t k_max_capacity = 16 * 1024 * 1024;
// A request body and an answer for each of a few connections.
constexpr std::size_t k_max_buffers = 8;

std::mutex g_mutex;
std::vector<std::string> g_buffers;

} // namespace

std::string take_buffer(std::size_t capacity) {
    std::string buffer;
    {
        std::lock_guard lock(g_mutex);
        auto better = [&](const std::string& a, const std::string& b) {
            bool a_fits = a.capacity() >= capacity;
            bool b_fits = b.capacity() >= capacity;
            if (a_fits != b_fits)
                return a_fits;
            return a_fits ? a.capacity() < b.capacity() : a.capacity() > b.capacity();
        };
        auto best = std::min_element(g_buffers.begin(), g_buffers.end(), better);
        if (best != g_buffers.end()) {
            buffer = std::move(*best);
            g_buffers.erase(best);
        }
    }
    buffer.reserve(capacity);
    return buffer;
}

void recycle_buffer(std::string buffer) {
    if (buffer.capacity() < k_min_capacity || buffer.capacity() > k_max_capacity)
        return;
    buffer.clear();
    std::lock_guard lock(g_mutex);
    if (g_buffers.size() < k_max_buffers)
        g_buffers.push_back(std::move(buffer));
}

} // namespace ardoq::emulator
