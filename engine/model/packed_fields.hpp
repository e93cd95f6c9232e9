#pragma once
// Custom-field values packed into one byte string per entity. A million components with
// ten fields each would otherwise hold ten Values apiece (40 bytes each, plus a heap block
// for every string longer than the small-string buffer); packed, an entity holds one string
// whose bytes are its fields. Values are read in place through ValueView, without
// allocating; Value is made only where a caller needs to own one (reports, requests).
//
// Layout of a field: varint key, then the value: a tag byte and its payload — nothing for
// null, false and true; a zigzag varint for an int; 8 little-endian bytes for a double; a
// varint length and the bytes for a string; for a list or an object a varint item count,
// a varint byte length and the items (object members as varint key length, key bytes,
// value). The key's meaning belongs to the owner: a snapshot's FieldKey, or a field name id
// (field_name_id()) in the desired state.

#include "model/value.hpp"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>

namespace ardoq::model {

// A value read in place from packed bytes: cheap to copy, valid as long as those bytes.
// Mirrors Value's reading interface; to_value() makes an owning copy.
class ValueView {
public:
    ValueView() noexcept = default; // null

    ValueKind kind() const noexcept { return m_kind; }
    bool is_null() const noexcept { return m_kind == ValueKind::null; }
    bool is_bool() const noexcept { return m_kind == ValueKind::boolean; }
    bool is_int() const noexcept { return m_kind == ValueKind::integer; }
    bool is_double() const noexcept { return m_kind == ValueKind::real; }
    bool is_number() const noexcept { return is_int() || is_double(); }
    bool is_string() const noexcept { return m_kind == ValueKind::string; }
    bool is_list() const noexcept { return m_kind == ValueKind::list; }
    bool is_object() const noexcept { return m_kind == ValueKind::object; }

    // Accessors; calling one for the wrong kind is a programmer error (asserts).
    bool as_bool() const noexcept;
    std::int64_t as_int() const noexcept;
    double as_double() const noexcept; // int or double, widened
    std::string_view as_string() const noexcept;
    // Items of a list, members of an object.
    std::size_t size() const noexcept { return m_count; }

    // Calls f(ValueView) for each list item, in order.
    template <typename F> void each_item(F&& f) const;
    // Calls f(std::string_view key, ValueView value) for each object member, in order.
    template <typename F> void each_member(F&& f) const;

    Value to_value() const;
    std::string to_text() const { return to_value().to_text(); }
    std::string to_json() const { return to_value().to_json(); }

    // Equal as Values are (same kind, same content).
    friend bool operator==(const ValueView& a, const Value& b) noexcept;
    friend bool operator==(const ValueView& a, const ValueView& b) noexcept;

    // Reads the value starting at `p` (its tag byte) into `out`; returns the first byte
    // after it. The bytes must have been written by pack_value().
    static const char* decode(const char* p, ValueView& out) noexcept;

private:
    ValueKind m_kind = ValueKind::null;
    std::uint32_t m_count = 0; // list items, object members
    union {
        bool b;
        std::int64_t i;
        double d;
    } m_scalar{};
    const char* m_data = nullptr; // string bytes, or the first item of a list / object
    std::size_t m_size = 0;       // bytes at m_data
};

// Visiting the items of a list and the members of an object alike for a Value and a
// ValueView, for code written once over both: f(item); f(std::string_view key, value).
template <typename F> void each_item(const Value& v, F&& f) {
    for (const auto& item : v.as_list())
        f(item);
}
template <typename F> void each_item(const ValueView& v, F&& f) {
    v.each_item(f);
}
template <typename F> void each_member(const Value& v, F&& f) {
    for (const auto& m : v.as_object())
        f(std::string_view(m.key), m.value);
}
template <typename F> void each_member(const ValueView& v, F&& f) {
    v.each_member(f);
}
// Items of a list, members of an object.
inline std::size_t item_count(const Value& v) {
    return v.is_list() ? v.as_list().size() : v.is_object() ? v.as_object().size() : 0;
}
inline std::size_t item_count(const ValueView& v) {
    return v.size();
}

// Zigzag encoding of a signed integer for varints (small magnitudes take few bytes).
inline std::uint64_t zigzag(std::int64_t v) noexcept {
    return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}
inline std::int64_t unzigzag(std::uint64_t v) noexcept {
    return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}

// The bytes of a PackedFields: 16 bytes where a std::string takes 32 (four million entities
// in a large plan hold one each). Owns a heap block, or borrows bytes that someone else
// keeps for at least as long (a snapshot's fields in its mapped cache file, see borrow()),
// or is empty. Writing to borrowed bytes copies them first; a copy always owns its bytes.
// Up to 4 GiB (an entity's custom fields).
class PackedBytes {
public:
    PackedBytes() noexcept = default;
    PackedBytes(const PackedBytes& other);
    PackedBytes(PackedBytes&& other) noexcept
        : m_data(other.m_data), m_size(other.m_size), m_capacity(other.m_capacity) {
        other.m_data = nullptr;
        other.m_size = other.m_capacity = 0;
    }
    PackedBytes& operator=(const PackedBytes& other);
    PackedBytes& operator=(PackedBytes&& other) noexcept;
    ~PackedBytes() { release(); }

    // Bytes that stay where they are, unchanged, for as long as this refers to them.
    static PackedBytes borrow(std::string_view bytes) noexcept;
    bool borrowed() const noexcept { return m_capacity == 0 && m_data != nullptr; }
    // Copies borrowed bytes into a block of its own (a no-op otherwise).
    void own();

    const char* data() const noexcept { return m_data; }
    std::size_t size() const noexcept { return m_size; }
    bool empty() const noexcept { return m_size == 0; }
    std::size_t capacity() const noexcept { return m_capacity; }            // heap bytes owned
    operator std::string_view() const noexcept { return {m_data, m_size}; } // NOLINT

    // The std::string operations the packing below uses.
    void push_back(char c) {
        if (m_size >= m_capacity) // full, empty, or borrowed (capacity 0)
            grow(1);
        m_data[m_size++] = c;
    }
    void append(const char* p, std::size_t n);
    void append(std::string_view s) { append(s.data(), s.size()); }
    void insert(std::size_t pos, const char* p, std::size_t n);
    void reserve(std::size_t n);
    void clear() noexcept; // keeps an owned block for reuse
    void shrink_to_fit();

private:
    void grow(std::size_t extra); // room for `extra` more bytes, owned
    void release() noexcept;

    char* m_data = nullptr; // never written through while borrowed
    std::uint32_t m_size = 0;
    std::uint32_t m_capacity = 0; // 0 with m_data set: borrowed
};

// Appends the packed form of `v` to `out` (a std::string or PackedBytes).
template <typename Out> void pack_value(Out& out, const Value& v);
template <typename Out> void pack_value(Out& out, const ValueView& v);
// The same for any value-like V: kind(), as_bool(), as_int(), as_double(), as_string(), and
// item_count(v), each_item(v, f), each_member(v, f) found for it. A loader packs its own
// view of its input (parsed JSON) with it, without making Values; the bytes are those
// pack_value() makes of the equal Value.
template <typename Out, typename V> void pack_value_like(Out& out, const V& v);
// Appends a varint; reads one (returns the first byte after it).
template <typename Out> void pack_varint(Out& out, std::uint64_t v) {
    while (v >= 0x80) {
        out.push_back(static_cast<char>((v & 0x7F) | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<char>(v));
}
const char* read_varint(const char* p, std::uint64_t& v) noexcept;
// Whether `bytes` are a well-formed list of packed fields whose keys are below `key_count`
// and ascending (sorted_by_key()), at most 4 GiB: what a reader checks before it trusts bytes
// from a file.
bool valid_packed_fields(std::string_view bytes, std::uint32_t key_count) noexcept;

// One entity's fields: (key, value) pairs in the order they were appended (owners that
// need an order sort them). A value type: copies copy the bytes.
class PackedFields {
public:
    struct Entry {
        std::uint32_t key = 0;
        ValueView value;
    };

    class Iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = Entry;
        using difference_type = std::ptrdiff_t;
        using pointer = const Entry*;
        using reference = const Entry&;

        Iterator() noexcept = default;
        Iterator(const char* p, const char* end) noexcept : m_p(p), m_end(end) { load(); }
        const Entry& operator*() const noexcept { return m_entry; }
        const Entry* operator->() const noexcept { return &m_entry; }
        Iterator& operator++() noexcept {
            m_p = m_next;
            load();
            return *this;
        }
        friend bool operator==(const Iterator& a, const Iterator& b) noexcept {
            return a.m_p == b.m_p;
        }

    private:
        void load() noexcept;
        const char* m_p = nullptr;
        const char* m_end = nullptr;
        const char* m_next = nullptr;
        Entry m_entry;
    };

    PackedFields() = default;

    void append(std::uint32_t key, const Value& v);
    void append(std::uint32_t key, const ValueView& v);
    // Any value-like V (see pack_value_like).
    template <typename V> void append_like(std::uint32_t key, const V& v) {
        pack_varint(m_bytes, key);
        pack_value_like(m_bytes, v);
    }
    // A string without making a Value first.
    void append_string(std::uint32_t key, std::string_view s);
    // The value of `key` (the first one), or nullopt.
    std::optional<ValueView> find(std::uint32_t key) const noexcept;
    // Removes every field with `key`; returns whether there was one.
    bool erase(std::uint32_t key);
    // Orders the fields by key (stable); a no-op when they already are, and for borrowed
    // fields (borrow() takes them checked, keys ascending).
    void sort_by_key();
    // Whether the keys ascend (equal keys allowed).
    bool sorted_by_key() const noexcept;

    Iterator begin() const noexcept { return {m_bytes.data(), m_bytes.data() + m_bytes.size()}; }
    Iterator end() const noexcept {
        return {m_bytes.data() + m_bytes.size(), m_bytes.data() + m_bytes.size()};
    }
    std::size_t size() const noexcept; // counts (a scan)
    bool empty() const noexcept { return m_bytes.empty(); }
    void clear() noexcept { m_bytes.clear(); }
    void reserve_bytes(std::size_t n) { m_bytes.reserve(n); }
    void shrink_to_fit() { m_bytes.shrink_to_fit(); }
    // Heap bytes held beyond the object itself (0 when empty or borrowed).
    std::size_t heap_bytes() const noexcept { return m_bytes.capacity(); }
    std::string_view bytes() const noexcept { return m_bytes; }

    // Fields whose bytes (packed as above) someone else keeps unchanged for as long as these
    // refer to them: a snapshot's fields in its mapped cache file. Changing them, or a copy,
    // copies the bytes first. The caller has checked them, keys ascending
    // (valid_packed_fields()).
    static PackedFields borrow(std::string_view bytes) noexcept {
        PackedFields f;
        f.m_bytes = PackedBytes::borrow(bytes);
        return f;
    }
    bool borrowed() const noexcept { return m_bytes.borrowed(); }
    // Copies borrowed bytes into a block of its own (a no-op otherwise).
    void own() { m_bytes.own(); }

    // Same fields in the same order with byte-equal values.
    friend bool operator==(const PackedFields& a, const PackedFields& b) noexcept {
        return a.bytes() == b.bytes();
    }

private:
    PackedBytes m_bytes;
};

// --- field names of the desired state -------------------------------------------------------
// A process-wide table of custom-field apiKeys: the desired state packs a field's key as
// its id here. Few distinct names (the mapping's fields); thread-safe.
std::uint32_t field_name_id(std::string_view api_key);
std::string_view field_name(std::uint32_t id);

// ---- template definitions ---------------------------------------------------------------------

namespace packing {

// Tag bytes of the packed layout (see the top).
enum Tag : std::uint8_t {
    null_tag,
    false_tag,
    true_tag,
    int_tag,
    double_tag,
    string_tag,
    list_tag,
    object_tag
};

template <typename Out> void put_double(Out& out, double d) {
    char bytes[8];
    std::memcpy(bytes, &d, 8);
    out.append(bytes, 8);
}
template <typename Out> void put_text(Out& out, std::string_view s) {
    pack_varint(out, s.size());
    out.append(s.data(), s.size());
}
// After a container's items were appended from `start` on, slides their byte length in
// before them (a few bytes moved, no buffer allocated per container).
template <typename Out> void insert_length(Out& out, std::size_t start) {
    std::uint64_t len = out.size() - start;
    char prefix[10];
    std::size_t n = 0;
    while (len >= 0x80) {
        prefix[n++] = static_cast<char>((len & 0x7F) | 0x80);
        len >>= 7;
    }
    prefix[n++] = static_cast<char>(len);
    out.insert(start, prefix, n);
}

} // namespace packing

template <typename Out> void pack_value(Out& out, const Value& v) {
    pack_value_like(out, v);
}
template <typename Out> void pack_value(Out& out, const ValueView& v) {
    pack_value_like(out, v);
}

template <typename Out, typename V> void pack_value_like(Out& out, const V& v) {
    using namespace packing;
    switch (v.kind()) {
    case ValueKind::null:
        out.push_back(static_cast<char>(null_tag));
        return;
    case ValueKind::boolean:
        out.push_back(static_cast<char>(v.as_bool() ? true_tag : false_tag));
        return;
    case ValueKind::integer:
        out.push_back(static_cast<char>(int_tag));
        pack_varint(out, zigzag(v.as_int()));
        return;
    case ValueKind::real:
        out.push_back(static_cast<char>(double_tag));
        put_double(out, v.as_double());
        return;
    case ValueKind::string:
        out.push_back(static_cast<char>(string_tag));
        put_text(out, v.as_string());
        return;
    case ValueKind::list: {
        out.push_back(static_cast<char>(list_tag));
        pack_varint(out, item_count(v));
        const std::size_t start = out.size();
        each_item(v, [&](const auto& item) { pack_value_like(out, item); });
        insert_length(out, start);
        return;
    }
    case ValueKind::object: {
        out.push_back(static_cast<char>(object_tag));
        pack_varint(out, item_count(v));
        const std::size_t start = out.size();
        each_member(v, [&](std::string_view key, const auto& value) {
            put_text(out, key);
            pack_value_like(out, value);
        });
        insert_length(out, start);
        return;
    }
    }
}

template <typename F> void ValueView::each_item(F&& f) const {
    const char* p = m_data;
    for (std::uint32_t n = 0; n < m_count; ++n) {
        ValueView item;
        p = decode(p, item);
        f(item);
    }
}

template <typename F> void ValueView::each_member(F&& f) const {
    const char* p = m_data;
    for (std::uint32_t n = 0; n < m_count; ++n) {
        std::uint64_t len = 0;
        p = read_varint(p, len);
        std::string_view key(p, static_cast<std::size_t>(len));
        p += len;
        ValueView value;
        p = decode(p, value);
        f(key, value);
    }
}

} // namespace ardoq::model
