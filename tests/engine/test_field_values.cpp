#include "plan/field_values.hpp"

#include "model/packed_fields.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace ardoq;
using model::FieldType;
using model::List;
using model::Value;
using plan::normalize_date_time;
using plan::normalize_value;
using plan::same_value;

TEST_CASE("planner: DateTime values normalise to one UTC ISO-8601 form") {
    CHECK(normalize_date_time("2024-01-05") == "2024-01-05T00:00:00.000Z");
    CHECK(normalize_date_time("2024-01-05T10:00") == "2024-01-05T10:00:00.000Z");
    CHECK(normalize_date_time(" 2024-01-05 10:00:00+02:00 ") == "2024-01-05T08:00:00.000Z");
    CHECK(normalize_date_time("2024-01-05T10:00:00.5Z") == "2024-01-05T10:00:00.500Z");
    CHECK(normalize_date_time("2024-01-05T10:00:00.123456Z") == "2024-01-05T10:00:00.123Z");
    CHECK(normalize_date_time("2024-01-01T01:00:00+0130") == "2023-12-31T23:30:00.000Z");
    CHECK(normalize_date_time("2024-12-31T23:00:00-01:00") == "2025-01-01T00:00:00.000Z");
    CHECK(normalize_date_time("2024-02-29") == "2024-02-29T00:00:00.000Z");
    CHECK_FALSE(normalize_date_time("2023-02-29"));
    CHECK_FALSE(normalize_date_time("2024-13-01"));
    CHECK_FALSE(normalize_date_time("05/01/2024"));
    CHECK_FALSE(normalize_date_time("2024-01-05T25:00"));
    CHECK_FALSE(normalize_date_time("2024-01-05T10:00:00Zjunk"));
    CHECK_FALSE(normalize_date_time(""));
}

TEST_CASE("planner: field values compare by type") {
    // Number: numerically, numeric text included.
    CHECK(same_value(FieldType::number, Value(12), Value(12.0)));
    CHECK(same_value(FieldType::number, Value("12.50"), Value(12.5)));
    CHECK_FALSE(same_value(FieldType::number, Value(12), Value(13)));
    CHECK_FALSE(same_value(FieldType::number, Value(), Value(0)));
    CHECK(same_value(FieldType::number, Value(std::int64_t{9007199254740993}),
                     Value(std::int64_t{9007199254740993})));
    CHECK_FALSE(same_value(FieldType::number, Value(std::int64_t{9007199254740993}),
                           Value(std::int64_t{9007199254740992})));
    // Checkbox: bools, yes/no, 1/0; null is not false.
    CHECK(same_value(FieldType::checkbox, Value("Yes"), Value(true)));
    CHECK(same_value(FieldType::checkbox, Value(0), Value(false)));
    CHECK_FALSE(same_value(FieldType::checkbox, Value(), Value(false)));
    // Text: null and "" are the same; numbers as text.
    CHECK(same_value(FieldType::text, Value(), Value("")));
    CHECK(same_value(FieldType::text, Value(42), Value("42")));
    CHECK_FALSE(same_value(FieldType::text, Value("a"), Value("A")));
    // SelectMultipleList: a set.
    CHECK(same_value(FieldType::select_multiple_list, Value(List{Value("a"), Value("b")}),
                     Value(List{Value("b"), Value("a"), Value("a")})));
    CHECK(same_value(FieldType::select_multiple_list, Value("a"), Value(List{Value("a")})));
    CHECK(same_value(FieldType::select_multiple_list, Value(), Value(List{})));
    CHECK_FALSE(same_value(FieldType::select_multiple_list, Value(List{Value("a")}),
                           Value(List{Value("a"), Value("b")})));
    // DateTime: normalised; unparsable text compares as text.
    CHECK(same_value(FieldType::date_time, Value("2024-01-05"), Value("2024-01-05T00:00:00Z")));
    CHECK_FALSE(same_value(FieldType::date_time, Value("2024-01-05"), Value("2024-01-06")));
    CHECK(same_value(FieldType::date_time, Value("soon"), Value("soon")));
    CHECK(same_value(FieldType::date_time, Value(), Value("")));
}

TEST_CASE("planner: values are normalised to the field type before they are written") {
    CHECK(normalize_value(FieldType::number, Value(" 42 ")) == Value(42));
    CHECK(normalize_value(FieldType::number, Value("4.5")) == Value(4.5));
    CHECK(normalize_value(FieldType::number, Value("n/a")) == Value("n/a"));
    CHECK(normalize_value(FieldType::checkbox, Value("no")) == Value(false));
    CHECK(normalize_value(FieldType::date_time, Value("2024-01-05")) ==
          Value("2024-01-05T00:00:00.000Z"));
    CHECK(normalize_value(FieldType::select_multiple_list,
                          Value(List{Value("b"), Value("a"), Value("b")})) ==
          Value(List{Value("b"), Value("a")}));
    CHECK(normalize_value(FieldType::text, Value(7)) == Value("7"));
    CHECK(normalize_value(FieldType::text, Value()) == Value());
}

TEST_CASE("planner: packed DateTime values compare normalised, without a Value") {
    // The planner compares packed values (ValueView); dates take a path of their own.
    model::PackedFields packed;
    const std::vector<std::string> texts = {
        "2024-01-05",                // 0
        "2024-01-05T00:00:00Z",      // 1: the same instant
        "2024-01-05T02:00:00+02:00", // 2: the same instant
        "2024-01-06",                // 3
        "soon",                      // 4: no date
        "soon",                      // 5
        "0000-01-01T00:30:00+01:00", // 6: before year 0
        "0000-01-01T00:00:00+00:30", // 7: the same instant
    };
    for (std::uint32_t i = 0; i < texts.size(); ++i)
        packed.append(i, Value(texts[i]));
    auto at = [&](std::uint32_t i) { return *packed.find(i); };
    CHECK(same_value(FieldType::date_time, at(0), at(1)));
    CHECK(same_value(FieldType::date_time, at(1), at(2)));
    CHECK_FALSE(same_value(FieldType::date_time, at(0), at(3)));
    CHECK(same_value(FieldType::date_time, at(4), at(5)));
    CHECK_FALSE(same_value(FieldType::date_time, at(0), at(4)));
    CHECK(same_value(FieldType::date_time, at(6), at(7)));
    CHECK_FALSE(same_value(FieldType::date_time, at(6), at(0)));
    // The packed comparison agrees with the Value one on every pair.
    for (std::uint32_t a = 0; a < texts.size(); ++a)
        for (std::uint32_t b = 0; b < texts.size(); ++b)
            CHECK(same_value(FieldType::date_time, at(a), at(b)) ==
                  same_value(FieldType::date_time, Value(texts[a]), Value(texts[b])));
}
