#pragma once
// A compact hash index from a key to the entities that have it, for millions of entities:
// open addressing over 32-bit entity indexes plus a "next with the same key" chain, about
// 16 bytes per entity instead of a node-based map's 60+. Keys are never stored: the
// caller supplies the hash of entity i and an equality test, so a key can be any function
// of an entity (its id, its type + lower-cased name, its endpoints). Each slot keeps the
// upper half of its key's hash as a tag next to the entity index: a probe that meets
// another key is turned away by the tag, without reading that entity (a cache miss in a
// table of a million entities), and the equality test runs only on a likely match.

#include <algorithm>
#include <cstdint>
#include <vector>

namespace ardoq::model {

class ChainIndex {
public:
    static constexpr std::uint32_t k_end = 0xFFFFFFFFu;

    // Indexes entities 0..count-1 for which `include(i)` holds. `hash(i)` is the key's
    // hash; `same_key(i, j)` compares the keys of two entities. Chains list entities in
    // ascending order.
    template <typename Include, typename Hash, typename SameKey>
    void build(std::uint32_t count, Include include, Hash hash, SameKey same_key);

    // First entity whose key hashes to `h` and for which `matches(i)` holds, or k_end.
    template <typename Matches> std::uint32_t find(std::uint64_t h, Matches matches) const;
    // The first entity on the probe path of `h` whose tag matches, without testing its
    // key, or k_end: a guess at what find() will return, for prefetching that entity's data.
    std::uint32_t peek(std::uint64_t h) const noexcept {
        if (m_slots.empty())
            return k_end;
        const std::uint32_t tag = tag_of(h);
        for (std::uint64_t slot = slot_of(h);; slot = next_slot(slot)) {
            const Slot& s = m_slots[slot];
            if (s.head == k_end || s.tag == tag)
                return s.head;
        }
    }
    // Asks the CPU to fetch the slot of hash `h` ahead of a find() (lookups done in a loop
    // prefetch a few iterations ahead, so that their cache misses overlap).
    void prefetch(std::uint64_t h) const noexcept {
        if (!m_slots.empty())
            __builtin_prefetch(&m_slots[slot_of(h)]);
    }
    // Next entity with the same key as entity i, or k_end.
    std::uint32_t next(std::uint32_t i) const noexcept { return m_next[i]; }

    // Empties the index and gives its memory back.
    void clear() noexcept {
        std::vector<Slot>().swap(m_slots);
        std::vector<std::uint32_t>().swap(m_next);
    }
    std::size_t memory_bytes() const noexcept {
        return m_slots.capacity() * sizeof(Slot) + m_next.capacity() * 4;
    }

private:
    struct Slot {
        std::uint32_t head = k_end; // first entity of the chain, k_end = empty
        std::uint32_t tag = 0;      // upper half of the key's hash
    };
    // The tag is the upper half of the hash; the slot comes from the lower half, scaled
    // to the table's size (which need not be a power of two).
    static std::uint32_t tag_of(std::uint64_t h) noexcept {
        return static_cast<std::uint32_t>(h >> 32);
    }
    std::uint64_t slot_of(std::uint64_t h) const noexcept {
        return ((h & 0xffffffffULL) * m_slots.size()) >> 32;
    }
    std::uint64_t next_slot(std::uint64_t slot) const noexcept {
        return slot + 1 == m_slots.size() ? 0 : slot + 1;
    }
    // How many entities ahead build() prefetches the slot of.
    static constexpr std::uint32_t k_ahead = 16;

    std::vector<Slot> m_slots;
    std::vector<std::uint32_t> m_next; // per entity
};

template <typename Include, typename Hash, typename SameKey>
void ChainIndex::build(std::uint32_t count, Include include, Hash hash, SameKey same_key) {
    // Two slots for three entities (at least 16): with the tags, probing stays short at
    // that load, and the table takes 12 bytes per entity.
    const std::uint64_t capacity = std::max<std::uint64_t>(16, count + count / 2);
    m_slots.assign(capacity, Slot{});
    m_next.assign(count, k_end);
    // The hashes first, in entity order (a sequential read of the entities), so that the
    // insertion loop can prefetch the slot it will write a few entities ahead.
    std::vector<std::uint64_t> hashes(count);
    std::vector<bool> included(count);
    for (std::uint32_t i = 0; i < count; ++i) {
        included[i] = include(i);
        if (included[i])
            hashes[i] = hash(i);
    }
    // Walk backwards and push at the chain head, so that chains come out ascending.
    for (std::uint32_t i = count; i-- > 0;) {
        if (i >= k_ahead)
            __builtin_prefetch(&m_slots[slot_of(hashes[i - k_ahead])], 1);
        if (!included[i])
            continue;
        const std::uint64_t h = hashes[i];
        const std::uint32_t tag = tag_of(h);
        for (std::uint64_t slot = slot_of(h);; slot = next_slot(slot)) {
            Slot& s = m_slots[slot];
            if (s.head == k_end) {
                s = {i, tag};
                break;
            }
            if (s.tag == tag && same_key(s.head, i)) {
                m_next[i] = s.head;
                s.head = i;
                break;
            }
        }
    }
}

template <typename Matches> std::uint32_t ChainIndex::find(std::uint64_t h, Matches matches) const {
    if (m_slots.empty())
        return k_end;
    const std::uint32_t tag = tag_of(h);
    for (std::uint64_t slot = slot_of(h);; slot = next_slot(slot)) {
        const Slot& s = m_slots[slot];
        if (s.head == k_end)
            return k_end;
        if (s.tag == tag && matches(s.head))
            return s.head;
    }
}

} // namespace ardoq::model
