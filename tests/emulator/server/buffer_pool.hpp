#pragma once
// Text buffers of large requests and answers, reused from one request to the next. A fresh
// buffer of a few hundred kilobytes costs a page fault for every 4 KiB written to it, and a
// freed one is soon cut up by the heap for small allocations: a batch of 500 entities would
// otherwise fault in its request body and its answer every time.

#include <cstddef>
#include <string>

namespace ardoq::emulator {

// An empty string with room for at least `capacity` bytes: the smallest kept buffer that is
// large enough, else the largest one grown (thread-safe).
std::string take_buffer(std::size_t capacity);

// Keeps `buffer`'s memory for a later take_buffer (thread-safe); small and very large buffers
// are simply freed.
void recycle_buffer(std::string buffer);

} // namespace ardoq::emulator
