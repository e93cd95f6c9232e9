#include "model/desired.hpp"
#include "model/packed_fields.hpp"

#include <doctest/doctest.h>

#include <limits>
#include <string>
#include <vector>

using namespace ardoq::model;

namespace {

// Every kind of value, with the edge cases of the encoding: negative and extreme ints
// (zigzag varints), a string longer than 127 bytes (two-byte length), UTF-8, nesting.
std::vector<Value> samples() {
    Object nested{{"a", Value(1)}, {"b", Value(List{Value("x"), Value()})}};
    return {Value(),
            Value(true),
            Value(false),
            Value(0),
            Value(std::int64_t{-1}),
            Value(std::numeric_limits<std::int64_t>::min()),
            Value(std::numeric_limits<std::int64_t>::max()),
            Value(2.5),
            Value(-0.0),
            Value(""),
            Value("Montréal 日本"),
            Value(std::string(300, 'z')),
            Value(List{}),
            Value(List{Value("web"), Value(3), Value(List{Value(true)})}),
            Value(Object{}),
            Value(nested)};
}

} // namespace

TEST_CASE("packed fields: every kind of value reads back as it was written") {
    PackedFields f;
    const auto values = samples();
    for (std::uint32_t i = 0; i < values.size(); ++i)
        f.append(i * 70, values[i]); // keys above 127 take two varint bytes
    REQUIRE(f.size() == values.size());
    std::uint32_t i = 0;
    for (const auto& e : f) {
        CAPTURE(i);
        CHECK(e.key == i * 70);
        CHECK(e.value.kind() == values[i].kind());
        CHECK(e.value == values[i]);
        CHECK(e.value.to_value() == values[i]);
        CHECK(e.value.to_json() == values[i].to_json());
        CHECK(e.value.to_text() == values[i].to_text());
        ++i;
    }
    CHECK(i == values.size());
}

TEST_CASE("packed fields: a view re-packed elsewhere is equal, item by item") {
    PackedFields a;
    for (const auto& v : samples())
        a.append(1, v);
    PackedFields b;
    for (const auto& e : a)
        b.append(e.key, e.value);
    CHECK(a == b);
    auto ib = b.begin();
    for (const auto& e : a) {
        CHECK(e.value == ib->value);
        ++ib;
    }
}

TEST_CASE("packed fields: views compare by kind and content") {
    PackedFields f;
    f.append(0, Value(1));
    f.append(1, Value(1.0));
    f.append(2, Value("1"));
    f.append(3, Value(List{Value(0.0)}));
    f.append(4, Value(List{Value(-0.0)}));
    auto v = [&](std::uint32_t k) { return *f.find(k); };
    CHECK_FALSE(v(0) == v(1)); // int and double are different values, as for Value
    CHECK_FALSE(v(0) == v(2));
    CHECK(v(3) == v(4)); // other bits, equal doubles
    CHECK_FALSE(v(0) == Value(2));
    CHECK(v(0) == Value(1));
    CHECK(v(3).size() == 1);
}

TEST_CASE("packed fields: append_string writes what append(Value) writes") {
    PackedFields a, b;
    a.append(5, Value("text"));
    b.append_string(5, "text");
    CHECK(a == b);
}

TEST_CASE("packed fields: find, erase and sort by key") {
    PackedFields f;
    f.append(5, Value("five"));
    f.append(2, Value(2));
    f.append(9, Value(List{Value("x")}));
    f.append(2, Value(3)); // a second field with key 2: find gives the first
    CHECK(f.find(2)->as_int() == 2);
    CHECK_FALSE(f.find(7));
    CHECK_FALSE(f.sorted_by_key());
    f.sort_by_key();
    CHECK(f.sorted_by_key());
    std::vector<std::uint32_t> keys;
    for (const auto& e : f)
        keys.push_back(e.key);
    CHECK(keys == std::vector<std::uint32_t>{2, 2, 5, 9});
    CHECK(f.find(2)->as_int() == 2); // stable: the first 2 stays first
    CHECK(f.erase(2));
    CHECK_FALSE(f.erase(2));
    CHECK(f.size() == 2);
    CHECK(f.find(5)->as_string() == "five");
    CHECK(f.find(9)->is_list());
    f.clear();
    CHECK(f.empty());
    CHECK(f.begin() == f.end());
}

TEST_CASE("packed fields: ten typical fields take one block of about their size") {
    PackedFields f;
    f.append(0, Value("c-123456"));
    f.append(1, Value("Live"));
    f.append(2, Value(3418.38));
    f.append(3, Value(1284));
    f.append(4, Value(false));
    f.append(5, Value("2019-01-20T00:00:00.000Z"));
    f.append(6, Value(List{Value("web"), Value("batch"), Value("mobile")}));
    f.append(7, Value("owner1943@example.com"));
    f.append(8, Value("Initech"));
    f.append(9, Value("Montréal"));
    f.shrink_to_fit();
    // Per field a key byte and a tag byte, then: "c-123456" 1 + 8, "Live" 1 + 4, the double
    // 8, the int 2, false 0, the date 1 + 24, the list 3 + (1 + 1 + 3) + (1 + 1 + 5) +
    // (1 + 1 + 6), the e-mail 1 + 21, "Initech" 1 + 7, "Montréal" 1 + 9 (UTF-8).
    CHECK(f.bytes().size() == 20 + 9 + 5 + 8 + 2 + 0 + 25 + 22 + 22 + 8 + 10);
    CHECK(f.heap_bytes() <= f.bytes().size() + 1);
}

TEST_CASE("desired fields: keys by name, built from an Object, in mapping order") {
    DesiredFields d = {{"lifecycle", Value("Live")}, {"annual_cost", Value(12.5)}};
    d.push_back({"tags", Value(List{Value("a")})});
    CHECK(d.size() == 3);
    CHECK(d.find("annual_cost")->as_double() == 12.5);
    CHECK_FALSE(d.find("nope"));
    std::vector<std::string> names;
    for (const auto& f : d) {
        names.emplace_back(f.key);
        CHECK(f.id == field_name_id(f.key));
    }
    CHECK(names == std::vector<std::string>{"lifecycle", "annual_cost", "tags"});
    const Object o = d.to_object();
    REQUIRE(o.size() == 3);
    CHECK(o[2].key == "tags");
    CHECK(o[2].value == Value(List{Value("a")}));
    CHECK(DesiredFields(o) == d);
    CHECK_FALSE(DesiredFields(Object{{"lifecycle", Value("Live")}}) == d);
}

TEST_CASE("field names: one id per name, stable, and back to the name") {
    const auto a = field_name_id("external_id");
    const auto b = field_name_id("owner_email");
    CHECK(a != b);
    CHECK(field_name_id("external_id") == a);
    CHECK(field_name(a) == "external_id");
    CHECK(field_name(b) == "owner_email");
}

TEST_CASE("packed fields: zigzag keeps small magnitudes small, both signs") {
    CHECK(zigzag(0) == 0);
    CHECK(zigzag(-1) == 1);
    CHECK(zigzag(1) == 2);
    for (std::int64_t v :
         {std::int64_t{0}, std::int64_t{-5}, std::int64_t{123456789},
          std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()})
        CHECK(unzigzag(zigzag(v)) == v);
}

TEST_CASE("packed fields: sixteen bytes an entity, one block of their own") {
    CHECK(sizeof(PackedFields) == 16);
    CHECK(sizeof(DesiredFields) == 16);
    PackedFields f;
    CHECK(f.heap_bytes() == 0);
    f.append(1, Value("Live"));
    CHECK(f.heap_bytes() >= f.bytes().size());
    const auto before = std::string(f.bytes());
    PackedFields copy = f;
    copy.append(2, Value(7));
    CHECK(f.bytes() == before); // copies do not share bytes
    CHECK(copy.find(1)->as_string() == "Live");
    CHECK(copy.find(2)->as_int() == 7);
    copy = f; // assigned into its own (large enough) block
    CHECK(copy == f);
    copy = PackedFields();
    CHECK(copy.empty());
    copy.append(3, Value(true)); // usable after being assigned an empty one
    CHECK(copy.find(3)->as_bool());
}

TEST_CASE("packed fields: borrowed bytes are read in place and copied before a change") {
    PackedFields source;
    for (const auto& v : samples())
        source.append(4, v);
    const std::string file(source.bytes()); // stands in for a mapped cache file
    auto f = PackedFields::borrow(file);
    CHECK(f.borrowed());
    CHECK(f.heap_bytes() == 0);
    CHECK(f.bytes().data() == file.data());
    CHECK(f == source);
    CHECK(f.find(4)->is_null());

    PackedFields copy = f; // a copy owns its bytes
    CHECK_FALSE(copy.borrowed());
    CHECK(copy.bytes().data() != file.data());
    CHECK(copy == f);

    PackedFields moved = std::move(copy); // a move keeps them where they are
    CHECK(moved == f);

    auto changed = PackedFields::borrow(file);
    changed.append(9, Value("more"));
    CHECK_FALSE(changed.borrowed());
    CHECK(changed.find(9)->as_string() == "more");
    CHECK(file == source.bytes()); // the borrowed bytes were not written to

    auto erased = PackedFields::borrow(file);
    CHECK(erased.erase(4));
    CHECK(erased.empty());
    CHECK(file == source.bytes());

    auto sorted = PackedFields::borrow(file);
    CHECK(sorted.sorted_by_key());
    sorted.sort_by_key(); // checked when borrowed: left where it is
    CHECK(sorted.borrowed());

    auto owned = PackedFields::borrow(file);
    owned.own();
    CHECK_FALSE(owned.borrowed());
    CHECK(owned.bytes().data() != file.data());
    CHECK(owned == source);

    auto reserved = PackedFields::borrow(file);
    reserved.reserve_bytes(4); // fewer than it holds: copies them, keeps them all
    CHECK_FALSE(reserved.borrowed());
    CHECK(reserved.heap_bytes() >= file.size());
    CHECK(reserved == source);
    reserved.reserve_bytes(file.size() * 2);
    CHECK(reserved.heap_bytes() >= file.size() * 2);
    CHECK(reserved == source);

    auto cleared = PackedFields::borrow(file);
    cleared.clear();
    CHECK(cleared.empty());
    CHECK_FALSE(cleared.borrowed());
    CHECK(PackedFields::borrow("").empty());
    CHECK_FALSE(PackedFields::borrow("").borrowed());
}

TEST_CASE("packed fields: bytes from a file are checked before they are trusted") {
    PackedFields f;
    f.append(0, Value("Live"));
    f.append(1, Value(List{Value("web"), Value(Object{{"a", Value(1)}})}));
    f.append(1, Value(2.5)); // the same key twice is still ascending
    f.append(200, Value(std::int64_t{-7}));
    const std::string good(f.bytes());
    CHECK(valid_packed_fields(good, 201));
    CHECK(valid_packed_fields("", 0));
    CHECK_FALSE(valid_packed_fields(good, 200)); // a key beyond the file's field keys
    // Cut anywhere inside, the bytes no longer parse.
    for (std::size_t n = 1; n < good.size(); ++n) {
        CAPTURE(n);
        // (A cut right after a whole field leaves valid fields: skip those lengths.)
        PackedFields prefix;
        bool whole = false;
        for (const auto& e : f) {
            prefix.append(e.key, e.value);
            whole = whole || prefix.bytes().size() == n;
        }
        if (!whole)
            CHECK_FALSE(valid_packed_fields(good.substr(0, n), 201));
    }
    PackedFields unsorted;
    unsorted.append(3, Value(1));
    unsorted.append(2, Value(1));
    CHECK_FALSE(valid_packed_fields(unsorted.bytes(), 10));
    std::string bad_tag = good;
    bad_tag[1] = '\x09'; // the first value's tag
    CHECK_FALSE(valid_packed_fields(bad_tag, 201));
    // A list whose stated byte length is longer than its items.
    PackedFields list;
    list.append(0, Value(List{Value(true)}));
    std::string long_list(list.bytes()); // key 0, tag, count 1, length 1, true
    REQUIRE(long_list.size() == 5);
    long_list[3] = '\x02';
    long_list.push_back('\x00');
    CHECK_FALSE(valid_packed_fields(long_list, 1));
    // Nesting beyond any real value is refused rather than recursed into.
    auto nested = [](int depth) {
        Value v(1);
        for (int i = 0; i < depth; ++i)
            v = Value(List{v});
        PackedFields p;
        p.append(0, v);
        return std::string(p.bytes());
    };
    CHECK(valid_packed_fields(nested(60), 1));
    CHECK_FALSE(valid_packed_fields(nested(100), 1));
}
