#include "model/chain_index.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

using ardoq::model::ChainIndex;

namespace {

std::vector<std::uint32_t> chain(const ChainIndex& index, std::uint32_t head) {
    std::vector<std::uint32_t> out;
    for (auto i = head; i != ChainIndex::k_end; i = index.next(i))
        out.push_back(i);
    return out;
}

// Keys of entities: several entities share a key; the hash is chosen per test.
struct Fixture {
    std::vector<std::string> keys{"a", "b", "a", "c", "b", "a", "d"};

    template <typename Hash> ChainIndex build(Hash hash, std::vector<bool> include = {}) {
        if (include.empty())
            include.assign(keys.size(), true);
        ChainIndex index;
        index.build(
            static_cast<std::uint32_t>(keys.size()), [&](std::uint32_t i) { return include[i]; },
            hash, [&](std::uint32_t a, std::uint32_t b) { return keys[a] == keys[b]; });
        return index;
    }
    template <typename Hash>
    std::vector<std::uint32_t> lookup(const ChainIndex& index, const std::string& key,
                                      Hash hash_of) {
        return chain(index,
                     index.find(hash_of(key), [&](std::uint32_t i) { return keys[i] == key; }));
    }
};

std::uint64_t good_hash(const std::string& s) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : s)
        h = (h ^ c) * 0x100000001b3ULL;
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ULL;
    return h ^ (h >> 32);
}

} // namespace

TEST_CASE("chain index: entities with the same key chain up in ascending order") {
    Fixture f;
    auto index = f.build([&](std::uint32_t i) { return good_hash(f.keys[i]); });
    CHECK(f.lookup(index, "a", good_hash) == std::vector<std::uint32_t>{0, 2, 5});
    CHECK(f.lookup(index, "b", good_hash) == std::vector<std::uint32_t>{1, 4});
    CHECK(f.lookup(index, "c", good_hash) == std::vector<std::uint32_t>{3});
    CHECK(f.lookup(index, "z", good_hash).empty());
}

TEST_CASE("chain index: equal hashes (so equal tags) are told apart by the key test") {
    Fixture f;
    auto same = [](const std::string&) { return std::uint64_t{0x1234567800000042ULL}; };
    auto index = f.build([&](std::uint32_t i) { return same(f.keys[i]); });
    CHECK(f.lookup(index, "a", same) == std::vector<std::uint32_t>{0, 2, 5});
    CHECK(f.lookup(index, "b", same) == std::vector<std::uint32_t>{1, 4});
    CHECK(f.lookup(index, "d", same) == std::vector<std::uint32_t>{6});
    CHECK(f.lookup(index, "z", same).empty());
}

TEST_CASE("chain index: same slot, different tags never reach the key test") {
    Fixture f;
    // Lower halves equal (one slot), upper halves differ per key.
    auto tagged = [](const std::string& s) {
        return (std::uint64_t{static_cast<unsigned char>(s[0])} << 32) | 7U;
    };
    auto index = f.build([&](std::uint32_t i) { return tagged(f.keys[i]); });
    int tests = 0;
    auto head = index.find(tagged("b"), [&](std::uint32_t i) {
        ++tests;
        return f.keys[i] == "b";
    });
    CHECK(chain(index, head) == std::vector<std::uint32_t>{1, 4});
    CHECK(tests == 1); // the "a", "c" and "d" chains were passed over by their tags
}

TEST_CASE("chain index: excluded entities are not indexed") {
    Fixture f;
    auto index = f.build([&](std::uint32_t i) { return good_hash(f.keys[i]); },
                         {true, true, false, true, true, false, false});
    CHECK(f.lookup(index, "a", good_hash) == std::vector<std::uint32_t>{0});
    CHECK(f.lookup(index, "d", good_hash).empty());
}

TEST_CASE("chain index: a full run of slots wraps around to the start") {
    // 40 distinct keys whose slots all land at the very end of the table.
    std::vector<std::string> keys;
    for (int i = 0; i < 40; ++i) {
        std::string key(1, 'k'); // (GCC 12 -Wrestrict misfires on "k" + std::string)
        key += std::to_string(i);
        keys.push_back(std::move(key));
    }
    auto hash = [&](const std::string& s) {
        return (good_hash(s) & 0xffffffff00000000ULL) | 0xffffffffULL;
    };
    ChainIndex index;
    index.build(
        static_cast<std::uint32_t>(keys.size()), [](std::uint32_t) { return true; },
        [&](std::uint32_t i) { return hash(keys[i]); },
        [&](std::uint32_t a, std::uint32_t b) { return keys[a] == keys[b]; });
    for (std::uint32_t i = 0; i < keys.size(); ++i)
        CHECK(index.find(hash(keys[i]), [&](std::uint32_t e) { return keys[e] == keys[i]; }) == i);
    CHECK(index.find(hash("absent"), [&](std::uint32_t e) { return keys[e] == "absent"; }) ==
          ChainIndex::k_end);
}

TEST_CASE("chain index: empty and cleared indexes find nothing") {
    ChainIndex index;
    CHECK(index.find(42, [](std::uint32_t) { return true; }) == ChainIndex::k_end);
    index.prefetch(42); // harmless on an empty index
    index.build(
        3, [](std::uint32_t) { return true; }, [](std::uint32_t i) { return std::uint64_t{i}; },
        [](std::uint32_t a, std::uint32_t b) { return a == b; });
    CHECK(index.find(1, [](std::uint32_t e) { return e == 1; }) == 1U);
    index.clear();
    CHECK(index.find(1, [](std::uint32_t e) { return e == 1; }) == ChainIndex::k_end);
    CHECK(index.memory_bytes() == 0);
}
