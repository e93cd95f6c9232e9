#pragma once
// Small Boost.JSON helpers shared by the emulator: typed field access, canonical forms of
// custom-field values (the keys of the lookup indexes), timestamps and quoting for messages.

#include <boost/json.hpp>

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace ardoq::emulator {

namespace json = boost::json;

// Hashes std::string and std::string_view alike: with std::equal_to<>, a map keyed by
// std::string is looked up by a view without making a string.
struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept {
        return std::hash<std::string_view>()(text);
    }
};

// Compares std::string and std::string_view alike (with TextHash).
struct TextEqual {
    using is_transparent = void;
    bool operator()(std::string_view a, std::string_view b) const noexcept { return a == b; }
};

// The member `key` of `object`, or nullptr.
const json::value* find(const json::object& object, std::string_view key);

// Canonical text of a custom-field value, used as an index key: strings as they are, numbers
// in their shortest form (42 and 42.0 are both "42"), booleans as true/false, arrays and
// objects serialized. nullopt for null (null never matches anything).
std::optional<std::string> canonical(const json::value& value);

// Canonical text of a value written as text (query parameter, alias customFields value) for
// a field of the given Ardoq field type ("Number" parses the text as a number; every other
// type compares the text as it is).
std::string canonical_from_text(std::string_view text, std::string_view field_type);

// Current time as ISO-8601 UTC with milliseconds: "2026-07-13T08:13:30.378Z".
std::string iso_now();
// The same written into `out`, without allocating.
std::string_view iso_now(std::array<char, 24>& out);

// ASCII lower case (non-ASCII bytes are kept as they are).
std::string lower(std::string_view text);
// lower(a) == lower(b), without making either.
bool equal_ignoring_case(std::string_view a, std::string_view b) noexcept;

// `text` in double quotes with JSON escaping, for error messages.
std::string quoted(std::string_view text);

// Human name of a JSON kind for error messages: "a string", "a number", "null", ...
std::string kind_name(const json::value& value);

// Where a parsed document lives: `arena` (one monotonic block, for request bodies that are
// read and dropped; never copy-construct long-lived values from it) or the default heap.
enum class Storage { heap, arena };

// Parses `text` strictly (RFC 8259) or, with `trailing_commas`, also accepting trailing
// commas. On failure returns nullopt and sets `error` to "line L, column C: <reason>".
std::optional<json::value> parse_json(std::string_view text, bool trailing_commas,
                                      std::string& error, Storage storage = Storage::heap);

} // namespace ardoq::emulator
