#include "connectors/sources/jsonl_source.hpp"

#include "connectors/source_test_support.hpp"

#include <doctest/doctest.h>

using namespace ardoq;
using model::SourceFormat;
using test::data_spec;
using test::input_error;
using test::read_all;

namespace {

std::vector<std::string> read_jsonl(const model::SourceSpec& spec) {
    connectors::JsonlSource source(spec);
    return read_all(source);
}

std::string jsonl_error(const model::SourceSpec& spec) {
    return input_error([&] { read_jsonl(spec); });
}

} // namespace

TEST_CASE(
    "connectors: jsonl one object per line, blank lines skipped, fields in first-seen order") {
    CHECK(read_jsonl(data_spec(SourceFormat::jsonl, "jsonl/records.jsonl")) ==
          std::vector<std::string>{
              R"(L1 R1 {"id":1,"name":"Billing","owner":{"email":"ann@example.com"}})",
              R"(L4 R2 {"id":2,"name":"Payroll","owner":null,"tags":["hr"]})",
              R"(L5 R3 {"id":3,"name":null,"owner":null,"tags":null,"cost":1.5})",
          });
}

TEST_CASE("connectors: jsonl a bad line is an error naming it, after the good lines before it") {
    auto spec = data_spec(SourceFormat::jsonl, "jsonl/bad_line.jsonl");
    connectors::JsonlSource source(spec);
    model::Record r;
    REQUIRE(source.next(r));
    REQUIRE(source.next(r));
    CHECK(r.origin.line == 2);
    CHECK(input_error([&] { source.next(r); }) ==
          "jsonl/bad_line.jsonl:3:19: error: expected a value, found '}'");
}

TEST_CASE("connectors: jsonl records must be one complete object on one line") {
    CHECK(jsonl_error(data_spec(SourceFormat::jsonl, "jsonl/split_record.jsonl")) ==
          "jsonl/split_record.jsonl:2:10: error: the line ends inside the record\n"
          "  hint: each line of a JSON Lines file holds one complete JSON object");
    CHECK(jsonl_error(data_spec(SourceFormat::jsonl, "jsonl/two_on_line.jsonl")) ==
          "jsonl/two_on_line.jsonl:1:11: error: unexpected '{' after the record\n"
          "  hint: each line of a JSON Lines file holds exactly one JSON object");
    CHECK(jsonl_error(data_spec(SourceFormat::jsonl, "jsonl/not_object.jsonl")) ==
          "jsonl/not_object.jsonl:2:1: error: expected a JSON object, found an array\n"
          "  hint: each line of a JSON Lines file holds one JSON object: {\"id\": 1, ...}");
    CHECK(jsonl_error(data_spec(SourceFormat::jsonl, "jsonl/truncated.jsonl")) ==
          "jsonl/truncated.jsonl:2:19: error: unterminated string\n"
          "  hint: the file ends before the string's closing quote");
}

TEST_CASE("connectors: jsonl records do not depend on where the read buffer ends") {
    auto spec = data_spec(SourceFormat::jsonl, "jsonl/records.jsonl");
    auto expected = read_jsonl(spec);
    for (std::size_t chunk : {1, 2, 3, 5, 7, 13}) {
        CAPTURE(chunk);
        spec.limits.read_chunk_bytes = chunk;
        CHECK(read_jsonl(spec) == expected);
    }
}

TEST_CASE("connectors: jsonl reuses string buffers of a steady stream") {
    test::TempDir dir;
    model::SourceSpec spec;
    spec.name = "s";
    spec.file = "s.jsonl";
    spec.path = dir.write("s.jsonl", "{\"a\": \"a long first value\", \"b\": 1}\n"
                                     "{\"a\": \"short\", \"b\": 2}\n");
    connectors::JsonlSource source(spec);
    model::Record r;
    REQUIRE(source.next(r));
    const char* buffer = r.values[0].as_string().data();
    REQUIRE(source.next(r));
    CHECK(r.values[0].as_string() == "short");
    CHECK(r.values[0].as_string().data() == buffer);
    CHECK(r.values[1].as_int() == 2);
}
