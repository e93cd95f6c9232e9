#include "model/string_arena.hpp"

#include <cstring>

namespace ardoq::model {

std::string_view StringArena::store(std::string_view text) {
    if (text.empty())
        return {};
    if (text.size() > k_block_size / 4) {
        // Large text gets its own block so that it does not waste the rest of one.
        char* block = allocate_block(text.size());
        std::memcpy(block, text.data(), text.size());
        return {block, text.size()};
    }
    if (text.size() > m_left) {
        m_blocks.push_back(std::make_unique_for_overwrite<char[]>(k_block_size));
        m_cursor = m_blocks.back().get();
        m_left = k_block_size;
        m_capacity += k_block_size;
    }
    char* out = m_cursor;
    std::memcpy(out, text.data(), text.size());
    m_cursor += text.size();
    m_left -= text.size();
    return {out, text.size()};
}

char* StringArena::allocate_block(std::size_t size) {
    // The open block (m_cursor) is unaffected: views and the cursor are raw pointers.
    m_blocks.push_back(std::make_unique_for_overwrite<char[]>(size == 0 ? 1 : size));
    m_capacity += size;
    return m_blocks.back().get();
}

void StringArena::keep(std::shared_ptr<const void> owner, std::size_t bytes) {
    m_kept.push_back(std::move(owner));
    m_capacity += bytes;
}

} // namespace ardoq::model
