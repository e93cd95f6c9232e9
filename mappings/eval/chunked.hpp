#pragma once
// ChunkedVector: an append-only sequence stored in fixed-size chunks. Growing it never
// moves an element (a std::vector of a million desired entities would move each one about
// twice while doubling, and hold old and new storage at once); move_into() then moves every
// element exactly once into its final vector, freeing each chunk as soon as it is empty.

#include <cstddef>
#include <utility>
#include <vector>

namespace ardoq::mapping {

template <typename T> class ChunkedVector {
public:
    static constexpr std::size_t k_chunk = 4096;

    // A new default-constructed element at the end.
    T& emplace_back() {
        if (m_chunks.empty() || m_chunks.back().size() == k_chunk) {
            m_chunks.emplace_back();
            m_chunks.back().reserve(k_chunk);
        }
        ++m_size;
        return m_chunks.back().emplace_back();
    }
    // Removes the last element (one that emplace_back() gave and that was then abandoned).
    void pop_back() {
        m_chunks.back().pop_back();
        --m_size;
        if (m_chunks.back().empty())
            m_chunks.pop_back();
    }
    std::size_t size() const noexcept { return m_size; }

    // Appends every element to `out` in order and leaves this sequence empty. `out` should
    // have been reserved for the total.
    void move_into(std::vector<T>& out) {
        for (auto& chunk : m_chunks) {
            for (auto& e : chunk)
                out.push_back(std::move(e));
            std::vector<T>().swap(chunk);
        }
        m_chunks.clear();
        m_size = 0;
    }

private:
    std::vector<std::vector<T>> m_chunks;
    std::size_t m_size = 0;
};

} // namespace ardoq::mapping
