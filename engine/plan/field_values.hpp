#pragma once
// Comparing and normalising custom-field values by the field's Ardoq type, so that a value
// Ardoq stores in its own form does not show up as a change: numbers compare numerically,
// DateTime values are normalised to one ISO-8601 form, a SelectMultipleList is a set,
// a Checkbox is a bool, and for text fields null and "" are the same.

#include "model/metamodel.hpp"
#include "model/packed_fields.hpp"
#include "model/value.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace ardoq::plan {

// Whether `desired` (from the source) and `existing` (from Ardoq) are the same value of a
// field of type `type`.
bool same_value(model::FieldType type, const model::Value& desired, const model::Value& existing);
// The same for packed values; the common cases (equal values, text, numbers) without
// allocating.
bool same_value(model::FieldType type, const model::ValueView& desired,
                const model::ValueView& existing);

// The value to write to Ardoq for `desired` in a field of type `type`: numbers from numeric
// text, bools from "true"/"false"/"yes"/"no"/1/0, DateTime in normal form, lists without
// repeated items, text as text. Values that cannot be converted are written as they are
// (Ardoq then reports the error against that field).
model::Value normalize_value(model::FieldType type, const model::Value& desired);

// "2024-01-05", "2024-01-05T10:00", "2024-01-05 10:00:00+02:00", "...T10:00:00.5Z" →
// "2024-01-05T08:00:00.500Z" (UTC, milliseconds). nullopt when the text is not a date.
std::optional<std::string> normalize_date_time(std::string_view text);

} // namespace ardoq::plan
