#include "model/packed_fields.hpp"

#include <algorithm>
#include <cassert>
#include <cstring>
#include <deque>
#include <limits>
#include <mutex>
#include <new>
#include <shared_mutex>
#include <stdexcept>
#include <unordered_map>
#include <vector>

namespace ardoq::model {

using namespace packing;

// --- PackedBytes ---------------------------------------------------------------------------

namespace {

std::uint32_t checked_size(std::size_t n) {
    if (n > std::numeric_limits<std::uint32_t>::max())
        throw std::length_error("the custom fields of one entity take more than 4 GiB");
    return static_cast<std::uint32_t>(n);
}

} // namespace

PackedBytes::PackedBytes(const PackedBytes& other) {
    append(other.m_data, other.m_size);
}

PackedBytes& PackedBytes::operator=(const PackedBytes& other) {
    if (this != &other) {
        if (other.m_size == 0) {
            clear();
        } else if (m_capacity >= other.m_size) { // owned, and large enough: reused
            std::memcpy(m_data, other.m_data, other.m_size);
            m_size = other.m_size;
        } else {
            PackedBytes copy(other);
            *this = std::move(copy);
        }
    }
    return *this;
}

PackedBytes& PackedBytes::operator=(PackedBytes&& other) noexcept {
    if (this != &other) {
        release();
        m_data = other.m_data;
        m_size = other.m_size;
        m_capacity = other.m_capacity;
        other.m_data = nullptr;
        other.m_size = other.m_capacity = 0;
    }
    return *this;
}

PackedBytes PackedBytes::borrow(std::string_view bytes) noexcept {
    PackedBytes b;
    if (!bytes.empty() && bytes.size() <= std::numeric_limits<std::uint32_t>::max()) {
        b.m_data = const_cast<char*>(bytes.data()); // NOLINT: never written through
        b.m_size = static_cast<std::uint32_t>(bytes.size());
    }
    return b;
}

void PackedBytes::own() {
    if (borrowed())
        grow(0);
}

void PackedBytes::append(const char* p, std::size_t n) {
    if (n == 0)
        return;
    if (borrowed() || m_capacity - m_size < n)
        grow(n);
    std::memcpy(m_data + m_size, p, n);
    m_size += static_cast<std::uint32_t>(n);
}

void PackedBytes::insert(std::size_t pos, const char* p, std::size_t n) {
    assert(pos <= m_size);
    if (n == 0)
        return;
    if (borrowed() || m_capacity - m_size < n)
        grow(n);
    std::memmove(m_data + pos + n, m_data + pos, m_size - pos);
    std::memcpy(m_data + pos, p, n);
    m_size += static_cast<std::uint32_t>(n);
}

void PackedBytes::reserve(std::size_t n) {
    if (n > m_capacity) // (borrowed bytes, capacity 0, may be more than n)
        grow(n > m_size ? n - m_size : 0);
}

void PackedBytes::clear() noexcept {
    if (borrowed())
        m_data = nullptr;
    m_size = 0;
}

void PackedBytes::shrink_to_fit() {
    if (m_capacity == m_size)
        return; // nothing spare, or borrowed
    if (m_size == 0) {
        release();
        return;
    }
    PackedBytes copy(*this);
    *this = std::move(copy);
}

void PackedBytes::grow(std::size_t extra) {
    constexpr std::size_t k_max = std::numeric_limits<std::uint32_t>::max();
    const std::size_t needed = checked_size(std::size_t{m_size} + extra);
    std::size_t capacity = needed;
    if (m_capacity != 0 && needed > m_capacity) // appending to an owned block: double it
        capacity = std::min(k_max, std::max<std::size_t>(needed, std::size_t{m_capacity} * 2));
    capacity = std::max<std::size_t>(capacity, 16);
    auto* block = static_cast<char*>(::operator new(capacity));
    if (m_size != 0)
        std::memcpy(block, m_data, m_size);
    if (m_capacity != 0)
        ::operator delete(m_data);
    m_data = block;
    m_capacity = static_cast<std::uint32_t>(capacity);
}

void PackedBytes::release() noexcept {
    if (m_capacity != 0)
        ::operator delete(m_data);
    m_data = nullptr;
    m_size = m_capacity = 0;
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

// --- checking bytes from elsewhere ----------------------------------------------------------

namespace {

// A varint within [p, end), or nullptr.
const char* checked_varint(const char* p, const char* end, std::uint64_t& v) noexcept {
    v = 0;
    for (int shift = 0; shift < 64 && p < end; shift += 7) {
        const auto byte = static_cast<std::uint8_t>(*p++);
        v |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
        if ((byte & 0x80) == 0)
            return p;
    }
    return nullptr;
}

// A packed value within [p, end): the first byte after it, or nullptr.
const char* checked_value(const char* p, const char* end, int depth) noexcept {
    constexpr int k_max_depth = 64;
    if (p == nullptr || p >= end || depth > k_max_depth)
        return nullptr;
    std::uint64_t n = 0;
    switch (static_cast<std::uint8_t>(*p++)) {
    case null_tag:
    case false_tag:
    case true_tag:
        return p;
    case int_tag:
        return checked_varint(p, end, n);
    case double_tag:
        return end - p >= 8 ? p + 8 : nullptr;
    case string_tag:
        p = checked_varint(p, end, n);
        return p != nullptr && n <= static_cast<std::uint64_t>(end - p) ? p + n : nullptr;
    case list_tag:
    case object_tag: {
        const bool object = static_cast<std::uint8_t>(p[-1]) == object_tag;
        std::uint64_t count = 0;
        p = checked_varint(p, end, count);
        if (p == nullptr || count > std::numeric_limits<std::uint32_t>::max())
            return nullptr;
        p = checked_varint(p, end, n);
        if (p == nullptr || n > static_cast<std::uint64_t>(end - p))
            return nullptr;
        const char* const items_end = p + n;
        for (std::uint64_t i = 0; i < count && p != nullptr; ++i) {
            if (object) {
                std::uint64_t key_len = 0;
                p = checked_varint(p, items_end, key_len);
                if (p == nullptr || key_len > static_cast<std::uint64_t>(items_end - p))
                    return nullptr;
                p += key_len;
            }
            p = checked_value(p, items_end, depth + 1);
        }
        return p == items_end ? p : nullptr; // the stated length is exactly the items'
    }
    default:
        return nullptr;
    }
}

} // namespace

bool valid_packed_fields(std::string_view bytes, std::uint32_t key_count) noexcept {
    if (bytes.size() > std::numeric_limits<std::uint32_t>::max())
        return false; // more than a PackedFields holds
    const char* p = bytes.data();
    const char* const end = p + bytes.size();
    std::uint64_t last = 0;
    while (p != end) {
        std::uint64_t key = 0;
        p = checked_varint(p, end, key);
        if (p == nullptr || key >= key_count || key < last)
            return false;
        last = key;
        p = checked_value(p, end, 0);
        if (p == nullptr)
            return false;
    }
    return true;
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

bool PackedFields::sorted_by_key() const noexcept {
    std::uint32_t last = 0;
    for (const auto& e : *this) {
        if (e.key < last)
            return false;
        last = e.key;
    }
    return true;
}

void PackedFields::sort_by_key() {
    if (borrowed() || sorted_by_key())
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
