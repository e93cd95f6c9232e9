#pragma once
// Append-only storage for many small strings (names, keys, timestamps of a snapshot).
// store() copies text in and returns a view that stays valid for the arena's lifetime,
// also after the arena is moved: text lives in heap blocks that never move.

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

namespace ardoq::model {

class StringArena {
public:
    StringArena() = default;
    StringArena(StringArena&&) noexcept = default;
    StringArena& operator=(StringArena&&) noexcept = default;
    StringArena(const StringArena&) = delete; // views would point into the original
    StringArena& operator=(const StringArena&) = delete;

    // Copies `text` into the arena; "" needs no storage.
    std::string_view store(std::string_view text);
    // A new block of exactly `size` bytes that the caller fills (a cache loader reads a
    // whole string table into it) and then points views into.
    char* allocate_block(std::size_t size);
    // Keeps `owner` alive as long as the arena, so that views may point into `bytes` bytes
    // it holds (a cache loader maps a file's string table instead of copying it).
    void keep(std::shared_ptr<const void> owner, std::size_t bytes);
    // Bytes held in blocks and kept memory (capacity, not just what is used).
    std::size_t capacity_bytes() const noexcept { return m_capacity; }

private:
    static constexpr std::size_t k_block_size = 64 * 1024;
    std::vector<std::unique_ptr<char[]>> m_blocks;
    std::vector<std::shared_ptr<const void>> m_kept;
    char* m_cursor = nullptr;
    std::size_t m_left = 0;
    std::size_t m_capacity = 0;
};

} // namespace ardoq::model
