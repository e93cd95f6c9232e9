#pragma once
// The filters of the expression language (`value | name(args)`): their names and
// arities, and what the parser compiles from their arguments once (a regular
// expression, a date format, a map's table, the lookup a join reads).

#include "mappings/expr/ast.hpp"
#include "mappings/expr/date.hpp"

#include <cstddef>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ardoq::mapping::expr {

struct FilterSpec {
    FilterId id;
    std::string_view name;
    std::size_t min_args;
    std::size_t max_args;    // SIZE_MAX: any number
    std::string_view params; // "(old, new)" for messages
    std::string_view example;
};

// The filter called `name`, or nullptr.
const FilterSpec* find_filter(std::string_view name) noexcept;
const FilterSpec& filter_spec(FilterId id) noexcept;
std::vector<std::string_view> filter_names();

// Transparent hashing so that a std::string_view finds a std::string key.
struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
        return std::hash<std::string_view>{}(s);
    }
};

struct FilterData {
    // regex_replace: the pattern, compiled at load time.
    std::optional<std::regex> regex;
    // date: the input formats to try (the one given, or the ISO-8601 shapes).
    std::vector<DateFormat> date_formats;
    // truncate: maximum length in characters (code points) and the marker that ends a
    // shortened text (counted in the length).
    std::size_t length = 0;
    std::string end;
    // map: key text -> index of the child that gives the value; the default's child.
    std::unordered_map<std::string, std::size_t, TextHash, std::equal_to<>> map_index;
    std::optional<std::size_t> map_default;
    // lookup: index into Mapping::lookups.
    std::size_t lookup = 0;
};

} // namespace ardoq::mapping::expr
