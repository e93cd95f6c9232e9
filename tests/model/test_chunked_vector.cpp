#include "model/chunked_vector.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <numeric>
#include <string>
#include <vector>

using ardoq::model::ChunkedVector;

namespace {

constexpr std::size_t k_chunk = ChunkedVector<int>::k_chunk;

ChunkedVector<std::string> numbers(std::size_t from, std::size_t count) {
    ChunkedVector<std::string> v;
    for (std::size_t i = 0; i < count; ++i)
        v.push_back(std::to_string(from + i));
    return v;
}

void check_numbers(const ChunkedVector<std::string>& v, std::size_t count) {
    REQUIRE(v.size() == count);
    for (std::size_t i = 0; i < count; ++i)
        if (v[i] != std::to_string(i))
            FAIL("element ", i, " is ", v[i]);
}

} // namespace

TEST_CASE("chunked vector: elements across chunks keep their place and their address") {
    ChunkedVector<int> v;
    CHECK(v.empty());
    const int* first = &v.emplace_back();
    for (int i = 1; i < static_cast<int>(3 * k_chunk + 5); ++i)
        v.push_back(i);
    CHECK(first == &v[0]); // growing never moves an element
    CHECK(v.size() == 3 * k_chunk + 5);
    CHECK(v[k_chunk] == static_cast<int>(k_chunk));
    CHECK(v.back() == static_cast<int>(3 * k_chunk + 4));
    std::vector<int> copy(v.begin(), v.end());
    std::vector<int> expected(3 * k_chunk + 5);
    std::iota(expected.begin(), expected.end(), 0);
    CHECK(copy == expected);
    CHECK(std::find(v.begin(), v.end(), 4100) - v.begin() == 4100);
    v.truncate(k_chunk + 1);
    CHECK(v.size() == k_chunk + 1);
    CHECK(v.back() == static_cast<int>(k_chunk));
    v.pop_back();
    v.pop_back();
    CHECK(v.back() == static_cast<int>(k_chunk - 2));
}

TEST_CASE("chunked vector: append keeps the order at and off chunk boundaries") {
    // Aligned: whole chunks are taken over, the last one partly filled, and more follows.
    ChunkedVector<std::string> a = numbers(0, 2 * k_chunk);
    a.append(numbers(2 * k_chunk, k_chunk + 7));
    a.append(numbers(3 * k_chunk + 7, 10));
    check_numbers(a, 3 * k_chunk + 17);

    // Off a boundary: the first elements fill the last chunk, the rest slide forward within
    // the appended chunks, which are then taken over (their memory is reused: the first
    // slot of the tail's first chunk now holds element k_chunk).
    ChunkedVector<std::string> b = numbers(0, 5);
    ChunkedVector<std::string> tail = numbers(5, 2 * k_chunk + 3);
    const std::string* tail_first_slot = &tail[0];
    b.append(std::move(tail));
    CHECK(tail.empty());
    check_numbers(b, 2 * k_chunk + 8);
    CHECK(&b[k_chunk] == tail_first_slot);
    b.push_back(std::to_string(2 * k_chunk + 8));
    check_numbers(b, 2 * k_chunk + 9);

    // Less than the room left, and exactly the room left.
    ChunkedVector<std::string> d = numbers(0, k_chunk - 4);
    d.append(numbers(k_chunk - 4, 3));
    check_numbers(d, k_chunk - 1);
    d.append(numbers(k_chunk - 1, 1));
    check_numbers(d, k_chunk);
    d.append(numbers(k_chunk, 2));
    check_numbers(d, k_chunk + 2);
    d.push_back(std::to_string(k_chunk + 2));
    check_numbers(d, k_chunk + 3);

    // Into an empty one, and an empty one appended.
    ChunkedVector<std::string> c;
    c.append(numbers(0, 3));
    c.append(ChunkedVector<std::string>());
    check_numbers(c, 3);
}

TEST_CASE("chunked vector: copies are deep") {
    ChunkedVector<std::string> a = {"x", "y"};
    ChunkedVector<std::string> b = a;
    b[0] = std::string(1, 'z');
    CHECK(a[0] == "x");
    CHECK(b.size() == 2);
    a = b;
    CHECK(a[0] == "z");
}
