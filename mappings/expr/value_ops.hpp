#pragma once
// The value semantics of expressions: equality, ordering, emptiness, truth and reading a
// number from text. Shared by the evaluator and the filters.

#include "model/value.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace ardoq::mapping::expr {

// Reads "42", " -1.5 ", "1e3", "+7" (an int when it is a whole number that fits, else a
// double); nullopt for anything else, including "", "NaN" and "inf".
std::optional<model::Value> parse_number(std::string_view text);

// Equality across kinds the way sources deliver data: numbers compare by value (1 == 1.0),
// a number equals a string that reads as that number (CSV cells are text), true equals
// "true" (any case). null equals only null.
bool values_equal(const model::Value& a, const model::Value& b);

// null, "", [] and {} are empty.
bool is_blank(const model::Value& v) noexcept;

// Trims ASCII whitespace.
std::string_view trim_view(std::string_view s) noexcept;

// Appends the template text of a value (Value::to_text) without a temporary string.
void append_value_text(const model::Value& v, std::string& out);

// The text of a value: a view of a string value, or its to_text() kept in `buffer`.
std::string_view text_of(const model::Value& v, std::string& buffer);

// A value as a message shows it: strings quoted, others as JSON.
std::string show_value(const model::Value& v);

} // namespace ardoq::mapping::expr
