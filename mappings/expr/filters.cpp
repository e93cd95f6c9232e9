#include "mappings/expr/filters.hpp"

#include <array>
#include <cstdint>

namespace ardoq::mapping::expr {

namespace {
constexpr std::size_t k_many = SIZE_MAX;

constexpr std::array<FilterSpec, 16> k_filters = {{
    {FilterId::trim, "trim", 0, 0, "()", "name | trim"},
    {FilterId::lower, "lower", 0, 0, "()", "domain | lower"},
    {FilterId::upper, "upper", 0, 0, "()", "code | upper"},
    {FilterId::replace, "replace", 2, 2, "(old, new)", "name | replace('_', ' ')"},
    {FilterId::regex_replace, "regex_replace", 2, 2, "(pattern, replacement)",
     "code | regex_replace('^APP-0*', '')"},
    {FilterId::split, "split", 1, 1, "(separator)", "tags | split(';')"},
    {FilterId::join, "join", 1, 1, "(separator)", "tags | join(', ')"},
    {FilterId::default_value, "default", 1, 1, "(value)", "owner | default('unknown')"},
    {FilterId::coalesce, "coalesce", 1, k_many, "(value, ...)", "email | coalesce(login, 'n/a')"},
    {FilterId::number, "number", 0, 0, "()", "cost | number"},
    {FilterId::integer, "int", 0, 0, "()", "users | int"},
    {FilterId::boolean, "bool", 0, 0, "()", "active | bool"},
    {FilterId::date, "date", 0, 1, "(format)", "since | date('%d.%m.%Y')"},
    {FilterId::truncate, "truncate", 1, 2, "(length, end)", "summary | truncate(200, '...')"},
    {FilterId::map, "map", 1, k_many, "(key: value, ..., default: value)",
     "status | map(prod: 'Live', dev: 'Planned', default: 'Unknown')"},
    {FilterId::lookup, "lookup", 3, 3, "(source, key, value)",
     "owner_id | lookup(people, id, email)"},
}};
} // namespace

const FilterSpec* find_filter(std::string_view name) noexcept {
    for (const auto& f : k_filters)
        if (f.name == name)
            return &f;
    return nullptr;
}

const FilterSpec& filter_spec(FilterId id) noexcept {
    return k_filters[static_cast<std::size_t>(id)];
}

std::vector<std::string_view> filter_names() {
    std::vector<std::string_view> out;
    for (const auto& f : k_filters)
        out.push_back(f.name);
    return out;
}

} // namespace ardoq::mapping::expr
