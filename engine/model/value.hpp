#pragma once
// A typed value as it comes out of a source record or a mapping expression:
// null, bool, int64, double, string, list or object (ordered fields).

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace ardoq::model {

class Value;
struct Field;
using List = std::vector<Value>;
using Object = std::vector<Field>; // ordered; keys are unique by construction of the producer

enum class ValueKind : std::uint8_t { null, boolean, integer, real, string, list, object };

// Name of a kind for messages: "null", "bool", "int", "double", "string", "list", "object".
std::string_view kind_name(ValueKind kind) noexcept;

class Value {
public:
    // Defined below Field: clang instantiates the variant's members where they are
    // defined, and they need Field complete.
    Value() noexcept;
    Value(std::nullptr_t) noexcept;
    Value(bool b) noexcept;
    Value(std::int64_t i) noexcept;
    Value(int i) noexcept;
    Value(double d) noexcept;
    Value(std::string s) noexcept;
    Value(std::string_view s);
    Value(const char* s);
    Value(List l) noexcept;
    Value(Object o) noexcept;

    ValueKind kind() const noexcept { return static_cast<ValueKind>(m_v.index()); }
    bool is_null() const noexcept { return kind() == ValueKind::null; }
    bool is_bool() const noexcept { return kind() == ValueKind::boolean; }
    bool is_int() const noexcept { return kind() == ValueKind::integer; }
    bool is_double() const noexcept { return kind() == ValueKind::real; }
    bool is_number() const noexcept { return is_int() || is_double(); }
    bool is_string() const noexcept { return kind() == ValueKind::string; }
    bool is_list() const noexcept { return kind() == ValueKind::list; }
    bool is_object() const noexcept { return kind() == ValueKind::object; }

    // Accessors; calling one for the wrong kind is a programmer error (asserts).
    bool as_bool() const;
    std::int64_t as_int() const;
    double as_double() const; // int or double, widened
    const std::string& as_string() const;
    std::string& as_string();
    const List& as_list() const;
    List& as_list();
    const Object& as_object() const;
    Object& as_object();

    // Object member by key, nullptr when absent or when this is not an object.
    const Value* find(std::string_view key) const noexcept;

    // Assign a string keeping this value's buffer when it already holds one (no allocation
    // for the common case of a reused record).
    void assign_string(std::string_view s);

    // Plain-text rendering used by templates: strings as-is, null as "", numbers shortest
    // round-trip, bools "true"/"false", lists and objects as compact JSON.
    std::string to_text() const;
    // Compact JSON rendering (strings quoted and escaped).
    std::string to_json() const;

    friend bool operator==(const Value& a, const Value& b) noexcept;

private:
    std::variant<std::monostate, bool, std::int64_t, double, std::string, List, Object> m_v;
};

struct Field {
    std::string key;
    Value value;
    friend bool operator==(const Field& a, const Field& b) noexcept = default;
};

inline Value::Value() noexcept = default;
inline Value::Value(std::nullptr_t) noexcept {}
inline Value::Value(bool b) noexcept : m_v(b) {}
inline Value::Value(std::int64_t i) noexcept : m_v(i) {}
inline Value::Value(int i) noexcept : m_v(std::int64_t{i}) {}
inline Value::Value(double d) noexcept : m_v(d) {}
inline Value::Value(std::string s) noexcept : m_v(std::move(s)) {}
inline Value::Value(std::string_view s) : m_v(std::string(s)) {}
inline Value::Value(const char* s) : m_v(std::string(s)) {}

// Shortest text that reads back as the same double ("1", "0.1", "1e+300").
std::string format_double(double d);

} // namespace ardoq::model
