#pragma once
// ChunkedVector: a sequence stored in chunks of a fixed number of elements. Growing it never
// moves an element (a std::vector of a million desired entities would move each one about
// twice while doubling, and hold old and new storage at once), and an element's address
// stays valid until it is removed. Indexing is a shift and a mask.
//
// append() moves another sequence to the end by taking its chunks over; off a chunk boundary
// its elements are first slid forward within those chunks to line up. So no chunk is
// allocated for a second copy: with several malloc arenas, memory freed by one thread is
// not handed to another, and a copy would touch fresh pages.

#include <cassert>
#include <cstddef>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <utility>
#include <vector>

namespace ardoq::model {

template <typename T> class ChunkedVector {
public:
    static constexpr std::size_t k_shift = 12;
    static constexpr std::size_t k_chunk = std::size_t{1} << k_shift; // elements per chunk

    template <bool Const> class Iter {
    public:
        using iterator_category = std::random_access_iterator_tag;
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        using pointer = std::conditional_t<Const, const T*, T*>;
        using reference = std::conditional_t<Const, const T&, T&>;
        using Owner = std::conditional_t<Const, const ChunkedVector, ChunkedVector>;

        Iter() noexcept = default;
        Iter(Owner* v, std::size_t i) noexcept : m_v(v), m_i(i) {}
        Iter(const Iter&) noexcept = default;
        Iter& operator=(const Iter&) noexcept = default;
        // An iterator converts to a const_iterator.
        Iter(const Iter<false>& o) noexcept // NOLINT(google-explicit-constructor)
            requires Const : m_v(o.m_v),
                             m_i(o.m_i) {}
        reference operator*() const noexcept { return (*m_v)[m_i]; }
        pointer operator->() const noexcept { return &(*m_v)[m_i]; }
        reference operator[](difference_type n) const noexcept { return (*m_v)[m_i + n]; }
        Iter& operator++() noexcept { return ++m_i, *this; }
        Iter operator++(int) noexcept { return {m_v, m_i++}; }
        Iter& operator--() noexcept { return --m_i, *this; }
        Iter operator--(int) noexcept { return {m_v, m_i--}; }
        Iter& operator+=(difference_type n) noexcept { return m_i += n, *this; }
        Iter& operator-=(difference_type n) noexcept { return m_i -= n, *this; }
        friend Iter operator+(Iter a, difference_type n) noexcept { return a += n; }
        friend Iter operator+(difference_type n, Iter a) noexcept { return a += n; }
        friend Iter operator-(Iter a, difference_type n) noexcept { return a -= n; }
        friend difference_type operator-(const Iter& a, const Iter& b) noexcept {
            return static_cast<difference_type>(a.m_i) - static_cast<difference_type>(b.m_i);
        }
        friend bool operator==(const Iter& a, const Iter& b) noexcept { return a.m_i == b.m_i; }
        friend auto operator<=>(const Iter& a, const Iter& b) noexcept { return a.m_i <=> b.m_i; }

    private:
        friend class Iter<!Const>;
        Owner* m_v = nullptr;
        std::size_t m_i = 0;
    };
    using iterator = Iter<false>;
    using const_iterator = Iter<true>;
    using value_type = T;
    using size_type = std::size_t;

    ChunkedVector() = default;
    ChunkedVector(ChunkedVector&&) noexcept = default;
    ChunkedVector& operator=(ChunkedVector&&) noexcept = default;
    ChunkedVector(const ChunkedVector& other) {
        for (const auto& e : other)
            push_back(e);
    }
    ChunkedVector& operator=(const ChunkedVector& other) {
        if (this != &other) {
            clear();
            for (const auto& e : other)
                push_back(e);
        }
        return *this;
    }
    ChunkedVector(std::initializer_list<T> items) {
        for (const auto& e : items)
            push_back(e);
    }

    // A new default-constructed element at the end.
    T& emplace_back() {
        if (m_chunks.empty() || m_chunks.back().size() == k_chunk) {
            m_chunks.emplace_back();
            m_chunks.back().reserve(k_chunk);
        }
        ++m_size;
        return m_chunks.back().emplace_back();
    }
    T& push_back(T&& e) { return emplace_back() = std::move(e); }
    T& push_back(const T& e) { return emplace_back() = e; }
    void pop_back() {
        assert(m_size > 0);
        m_chunks.back().pop_back();
        --m_size;
        if (m_chunks.back().empty())
            m_chunks.pop_back();
    }
    // Keeps the first `n` elements.
    void truncate(std::size_t n) {
        while (m_size > n)
            pop_back();
    }
    void clear() noexcept {
        m_chunks.clear();
        m_size = 0;
    }
    void reserve(std::size_t) noexcept {} // chunks are allocated as they are needed

    // Moves every element of `other` to the end, in order; leaves `other` empty. Its chunks
    // are taken over: off a chunk boundary, the first elements fill this one's last chunk
    // and the rest slide forward within other's own chunks to line up first. No chunk is
    // allocated: the memory other holds is the memory used.
    void append(ChunkedVector&& other) {
        const std::size_t n = other.m_size;
        const std::size_t room = m_size % k_chunk == 0 ? 0 : k_chunk - m_size % k_chunk;
        const std::size_t fill = room < n ? room : n;
        for (std::size_t j = 0; j < fill; ++j)
            m_chunks.back().push_back(std::move(other[j]));
        m_size += fill;
        if (fill > 0 && fill < n) {
            for (std::size_t d = 0; d + fill < n; ++d)
                other[d] = std::move(other[d + fill]);
            other.truncate(n - fill);
        }
        if (fill < n) {
            for (auto& chunk : other.m_chunks) {
                m_size += chunk.size();
                m_chunks.push_back(std::move(chunk));
            }
            // The next element goes into the last chunk's free room, as after emplace_back().
            if (m_chunks.back().capacity() < k_chunk)
                m_chunks.back().reserve(k_chunk);
        }
        other.clear();
    }

    std::size_t size() const noexcept { return m_size; }
    bool empty() const noexcept { return m_size == 0; }
    T& operator[](std::size_t i) noexcept { return m_chunks[i >> k_shift][i & (k_chunk - 1)]; }
    const T& operator[](std::size_t i) const noexcept {
        return m_chunks[i >> k_shift][i & (k_chunk - 1)];
    }
    T& front() noexcept { return (*this)[0]; }
    const T& front() const noexcept { return (*this)[0]; }
    T& back() noexcept { return m_chunks.back().back(); }
    const T& back() const noexcept { return m_chunks.back().back(); }

    iterator begin() noexcept { return {this, 0}; }
    iterator end() noexcept { return {this, m_size}; }
    const_iterator begin() const noexcept { return {this, 0}; }
    const_iterator end() const noexcept { return {this, m_size}; }

private:
    std::vector<std::vector<T>> m_chunks; // every chunk but the last holds k_chunk elements
    std::size_t m_size = 0;
};

} // namespace ardoq::model
