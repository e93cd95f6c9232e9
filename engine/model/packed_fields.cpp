#include "model/packed_fields.hpp"

#include <algorithm>
#include <cassert>
#include <cstring>
#include <deque>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>
#include <vector>

namespace ardoq::model {

namespace packing {

void put_double(std::string& out, double d) {
    char bytes[8];
    std::memcpy(bytes, &d, 8);
    out.append(bytes, 8);
}

void put_text(std::string& out, std::string_view s) {
    pack_varint(out, s.size());
    out.append(s);
}

void insert_length(std::string& out, std::size_t start) {
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

using namespace packing;

void pack_varint(std::string& out, std::uint64_t v) {
    while (v >= 0x80) {
        out.push_back(static_cast<char>((v & 0x7F) | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<char>(v));
}

const char* read_varint(const char* p, std::uint64_t& v) noexcept {
    std::uint64_t result = 0;
    int shift = 0;
    for (;;) {
        const auto byte = static_cast<std::uint8_t>(*p++);
        result |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
        if ((byte & 0x80) == 0)
            break;
        shift += 7;
    }
    v = result;
    return p;
}

void pack_value(std::string& out, const Value& v) {
    pack_value_like(out, v);
}

void pack_value(std::string& out, const ValueView& v) {
    pack_value_like(out, v);
}

// --- ValueView ---------------------------------------------------------------------------

const char* ValueView::decode(const char* p, ValueView& out) noexcept {
    const auto tag = static_cast<Tag>(static_cast<std::uint8_t>(*p++));
    out = ValueView();
    std::uint64_t n = 0;
    switch (tag) {
    case null_tag:
        return p;
    case false_tag:
    case true_tag:
        out.m_kind = ValueKind::boolean;
        out.m_scalar.b = tag == true_tag;
        return p;
    case int_tag:
        out.m_kind = ValueKind::integer;
        p = read_varint(p, n);
        out.m_scalar.i = unzigzag(n);
        return p;
    case double_tag:
        out.m_kind = ValueKind::real;
        std::memcpy(&out.m_scalar.d, p, 8);
        return p + 8;
    case string_tag:
        out.m_kind = ValueKind::string;
        p = read_varint(p, n);
        out.m_data = p;
        out.m_size = static_cast<std::size_t>(n);
        return p + n;
    case list_tag:
    case object_tag: {
        out.m_kind = tag == list_tag ? ValueKind::list : ValueKind::object;
        p = read_varint(p, n);
        out.m_count = static_cast<std::uint32_t>(n);
        p = read_varint(p, n);
        out.m_data = p;
        out.m_size = static_cast<std::size_t>(n);
        return p + n;
    }
    }
    assert(false && "not packed by pack_value");
    return p;
}

bool ValueView::as_bool() const noexcept {
    assert(is_bool());
    return m_scalar.b;
}

std::int64_t ValueView::as_int() const noexcept {
    assert(is_int());
    return m_scalar.i;
}

double ValueView::as_double() const noexcept {
    assert(is_number());
    return is_int() ? static_cast<double>(m_scalar.i) : m_scalar.d;
}

std::string_view ValueView::as_string() const noexcept {
    assert(is_string());
    return {m_data, m_size};
}

Value ValueView::to_value() const {
    switch (m_kind) {
    case ValueKind::null:
        return Value();
    case ValueKind::boolean:
        return Value(m_scalar.b);
    case ValueKind::integer:
        return Value(m_scalar.i);
    case ValueKind::real:
        return Value(m_scalar.d);
    case ValueKind::string:
        return Value(std::string(m_data, m_size));
    case ValueKind::list: {
        List items;
        items.reserve(m_count);
        each_item([&](const ValueView& item) { items.push_back(item.to_value()); });
        return Value(std::move(items));
    }
    case ValueKind::object: {
        Object members;
        members.reserve(m_count);
        each_member([&](std::string_view key, const ValueView& value) {
            members.push_back(Field{std::string(key), value.to_value()});
        });
        return Value(std::move(members));
    }
    }
    return Value();
}

namespace {

// Same kind and, for a scalar, the same value; containers are left to the caller.
template <typename B> bool same_scalar(const ValueView& a, const B& b) noexcept {
    if (a.kind() != b.kind())
        return false;
    switch (a.kind()) {
    case ValueKind::null:
        return true;
    case ValueKind::boolean:
        return a.as_bool() == b.as_bool();
    case ValueKind::integer:
        return a.as_int() == b.as_int();
    case ValueKind::real:
        return a.as_double() == b.as_double();
    case ValueKind::string:
        return a.as_string() == b.as_string();
    case ValueKind::list:
    case ValueKind::object:
        return true;
    }
    return false;
}

} // namespace

bool operator==(const ValueView& a, const Value& b) noexcept {
    if (!same_scalar(a, b))
        return false;
    switch (a.kind()) {
    default:
        return true; // a scalar: same_scalar() compared it
    case ValueKind::list: {
        const auto& items = b.as_list();
        if (items.size() != a.size())
            return false;
        std::size_t i = 0;
        bool same = true;
        a.each_item([&](const ValueView& item) { same = same && item == items[i++]; });
        return same;
    }
    case ValueKind::object: {
        const auto& members = b.as_object();
        if (members.size() != a.size())
            return false;
        std::size_t i = 0;
        bool same = true;
        a.each_member([&](std::string_view key, const ValueView& value) {
            same = same && key == members[i].key && value == members[i].value;
            ++i;
        });
        return same;
    }
    }
    return false;
}

bool operator==(const ValueView& a, const ValueView& b) noexcept {
    if (!same_scalar(a, b))
        return false;
    if (!a.is_list() && !a.is_object())
        return true; // a scalar: same_scalar() compared it
    // Containers are equal when their packed bytes are, except for doubles that compare
    // equal with other bits (0.0 and -0.0): decode and compare those item by item.
    if (a.size() != b.size())
        return false;
    if (a.m_size == b.m_size && std::memcmp(a.m_data, b.m_data, a.m_size) == 0)
        return true;
    return a.to_value() == b.to_value();
}

// --- PackedFields --------------------------------------------------------------------------

void PackedFields::Iterator::load() noexcept {
    if (m_p == m_end) {
        m_next = m_p;
        return;
    }
    std::uint64_t key = 0;
    const char* p = read_varint(m_p, key);
    m_entry.key = static_cast<std::uint32_t>(key);
    m_next = ValueView::decode(p, m_entry.value);
}

void PackedFields::append(std::uint32_t key, const Value& v) {
    pack_varint(m_bytes, key);
    pack_value(m_bytes, v);
}

void PackedFields::append(std::uint32_t key, const ValueView& v) {
    pack_varint(m_bytes, key);
    pack_value(m_bytes, v);
}

void PackedFields::append_null(std::uint32_t key) {
    pack_varint(m_bytes, key);
    m_bytes.push_back(static_cast<char>(null_tag));
}

void PackedFields::append_bool(std::uint32_t key, bool b) {
    pack_varint(m_bytes, key);
    m_bytes.push_back(static_cast<char>(b ? true_tag : false_tag));
}

void PackedFields::append_int(std::uint32_t key, std::int64_t i) {
    pack_varint(m_bytes, key);
    m_bytes.push_back(static_cast<char>(int_tag));
    pack_varint(m_bytes, zigzag(i));
}

void PackedFields::append_double(std::uint32_t key, double d) {
    pack_varint(m_bytes, key);
    m_bytes.push_back(static_cast<char>(double_tag));
    put_double(m_bytes, d);
}

void PackedFields::append_string(std::uint32_t key, std::string_view s) {
    pack_varint(m_bytes, key);
    m_bytes.push_back(static_cast<char>(string_tag));
    put_text(m_bytes, s);
}

std::optional<ValueView> PackedFields::find(std::uint32_t key) const noexcept {
    for (const auto& e : *this)
        if (e.key == key)
            return e.value;
    return std::nullopt;
}

bool PackedFields::erase(std::uint32_t key) {
    PackedFields kept;
    bool found = false;
    for (const auto& e : *this) {
        if (e.key == key)
            found = true;
        else
            kept.append(e.key, e.value);
    }
    if (found)
        m_bytes = std::move(kept.m_bytes);
    return found;
}

void PackedFields::sort_by_key() {
    std::uint32_t last = 0;
    bool sorted = true;
    for (const auto& e : *this) {
        if (e.key < last) {
            sorted = false;
            break;
        }
        last = e.key;
    }
    if (sorted)
        return;
    std::vector<Entry> entries(begin(), end());
    std::stable_sort(entries.begin(), entries.end(),
                     [](const Entry& a, const Entry& b) { return a.key < b.key; });
    PackedFields out;
    out.m_bytes.reserve(m_bytes.size());
    for (const auto& e : entries)
        out.append(e.key, e.value);
    m_bytes = std::move(out.m_bytes);
}

std::size_t PackedFields::size() const noexcept {
    std::size_t n = 0;
    for (auto it = begin(); it != end(); ++it)
        ++n;
    return n;
}

std::size_t PackedFields::heap_bytes() const noexcept {
    // libstdc++ keeps up to 15 characters inline.
    return m_bytes.capacity() > 15 ? m_bytes.capacity() + 1 : 0;
}

// --- field names ---------------------------------------------------------------------------

namespace {

struct FieldNames {
    std::shared_mutex mutex;
    std::deque<std::string> names; // never moves an element: views stay valid
    std::unordered_map<std::string_view, std::uint32_t> ids;
};

FieldNames& field_names() {
    static FieldNames table;
    return table;
}

} // namespace

std::uint32_t field_name_id(std::string_view api_key) {
    auto& t = field_names();
    {
        std::shared_lock lock(t.mutex);
        if (auto it = t.ids.find(api_key); it != t.ids.end())
            return it->second;
    }
    std::unique_lock lock(t.mutex);
    if (auto it = t.ids.find(api_key); it != t.ids.end())
        return it->second;
    const auto id = static_cast<std::uint32_t>(t.names.size());
    t.names.emplace_back(api_key);
    t.ids.emplace(t.names.back(), id);
    return id;
}

std::string_view field_name(std::uint32_t id) {
    auto& t = field_names();
    std::shared_lock lock(t.mutex);
    assert(id < t.names.size());
    return t.names[id];
}

} // namespace ardoq::model
