#include "connectors/sources/csv_source.hpp"

#include "connectors/source_test_support.hpp"

#include <doctest/doctest.h>

using namespace ardoq;
using model::SourceFormat;
using test::data_spec;
using test::input_error;
using test::read_all;

namespace {

std::vector<std::string> read_csv(const model::SourceSpec& spec) {
    connectors::CsvSource source(spec);
    return read_all(source);
}

std::string csv_error(const model::SourceSpec& spec) {
    return input_error([&] { read_csv(spec); });
}

} // namespace

TEST_CASE("connectors: csv reads quotes, escapes, embedded newlines, a BOM and empty fields") {
    auto spec = data_spec(SourceFormat::csv, "csv/apps.csv");
    connectors::CsvSource source(spec);
    CHECK(source.schema()->names() == std::vector<std::string>{"id", "name", "owner", "note"});
    CHECK(
        read_all(source) ==
        std::vector<std::string>{
            R"(L2 R1 {"id":"1","name":"Billing","owner":"ann@example.com","note":"plain"})",
            R"(L3 R2 {"id":"2","name":"Payroll, EU","owner":"bob@example.com","note":"says \"hi\""})",
            R"(L4 R3 {"id":"3","name":"Zürich ☃","owner":null,"note":"two\nlines"})",
            R"(L6 R4 {"id":"4","name":"","owner":null,"note":null})",
            R"(L7 R5 {"id":"5","name":"  spaced  ","owner":"x","note":"a,b"})",
        });
}

TEST_CASE("connectors: csv empty fields can read as empty strings") {
    auto spec = data_spec(SourceFormat::csv, "csv/apps.csv");
    spec.csv.empty = model::EmptyField::empty_string;
    auto rows = read_csv(spec);
    REQUIRE(rows.size() == 5);
    CHECK(rows[2] == R"(L4 R3 {"id":"3","name":"Zürich ☃","owner":"","note":"two\nlines"})");
    CHECK(rows[3] == R"(L6 R4 {"id":"4","name":"","owner":"","note":""})");
}

TEST_CASE("connectors: csv CRLF line ends, with a CRLF inside a quoted field") {
    CHECK(read_csv(data_spec(SourceFormat::csv, "csv/crlf.csv")) ==
          std::vector<std::string>{R"(L2 R1 {"id":"1","name":"first\r\nsecond"})",
                                   R"(L4 R2 {"id":"2","name":"last"})"});
}

TEST_CASE("connectors: csv last row without a final line end") {
    CHECK(read_csv(data_spec(SourceFormat::csv, "csv/no_final_newline.csv")) ==
          std::vector<std::string>{R"(L2 R1 {"id":"1","name":"a"})",
                                   R"(L3 R2 {"id":"2","name":"b"})"});
}

TEST_CASE("connectors: csv delimiters semicolon, tab and pipe") {
    auto semi = data_spec(SourceFormat::csv, "csv/semicolon.csv");
    semi.csv.delimiter = ';';
    CHECK(read_csv(semi) ==
          std::vector<std::string>{R"(L2 R1 {"id":"1","name":"Billing","cost":"12,5"})",
                                   R"(L3 R2 {"id":"2","name":"a;b","cost":"7"})"});
    auto tab = data_spec(SourceFormat::csv, "csv/tab.tsv");
    tab.csv.delimiter = '\t';
    CHECK(read_csv(tab) == std::vector<std::string>{R"(L2 R1 {"id":"1","name":"Billing"})",
                                                    R"(L3 R2 {"id":"2","name":"tab\there"})"});
    auto pipe = data_spec(SourceFormat::csv, "csv/pipe.csv");
    pipe.csv.delimiter = '|';
    CHECK(read_csv(pipe) == std::vector<std::string>{R"(L2 R1 {"id":"1","name":"Billing"})"});
}

TEST_CASE("connectors: csv without a header takes names from columns") {
    auto spec = data_spec(SourceFormat::csv, "csv/no_header.csv");
    spec.csv.header = false;
    spec.csv.columns = {"id", "name"};
    CHECK(read_csv(spec) == std::vector<std::string>{R"(L1 R1 {"id":"1","name":"Billing"})",
                                                     R"(L2 R2 {"id":"2","name":"Payroll"})"});
    spec.csv.columns = {};
    CHECK(csv_error(spec) ==
          "mapping.yaml:3:5: error: CSV source \"src\" has header: false but no columns\n"
          "  hint: list the column names: columns: [id, name, ...]");
    spec.csv.columns = {"id", "id"};
    CHECK(csv_error(spec) == "mapping.yaml:3:5: error: duplicate column name \"id\" in columns\n"
                             "  hint: column names must be unique");
}

TEST_CASE("connectors: csv latin1 encoding converts to UTF-8") {
    auto spec = data_spec(SourceFormat::csv, "csv/latin1.csv");
    CHECK(csv_error(spec) ==
          "csv/latin1.csv:2:4: error: invalid UTF-8 byte 0xfc\n"
          "  hint: save the file as UTF-8, or set encoding: latin1 if it is Latin-1 (ISO-8859-1)");
    spec.csv.encoding = model::Encoding::latin1;
    CHECK(read_csv(spec) == std::vector<std::string>{R"(L2 R1 {"id":"1","name":"Zürich"})",
                                                     R"(L3 R2 {"id":"2","name":"© café"})"});
}

TEST_CASE("connectors: csv ragged rows are errors naming the line, or padded") {
    auto spec = data_spec(SourceFormat::csv, "csv/ragged_short.csv");
    CHECK(csv_error(spec) ==
          "csv/ragged_short.csv:3:4: error: row has 2 fields, but the header has 3 columns\n"
          "  hint: add the missing fields, or set ragged: pad to read them as null");
    spec.csv.ragged = model::Ragged::pad;
    CHECK(read_csv(spec) == std::vector<std::string>{R"(L2 R1 {"id":"1","name":"a","owner":"b"})",
                                                     R"(L3 R2 {"id":"2","name":"c","owner":null})",
                                                     R"(L4 R3 {"id":"3","name":"d","owner":"e"})"});
    auto longer = data_spec(SourceFormat::csv, "csv/ragged_long.csv");
    longer.csv.ragged = model::Ragged::pad;
    CHECK(csv_error(longer) ==
          "csv/ragged_long.csv:3:5: error: row has 3 fields, but the header has 2 columns\n"
          "  hint: a field that contains the delimiter ',' must be quoted (\"a,b\")");
}

TEST_CASE("connectors: csv invalid UTF-8 names line and byte column inside a multi-line field") {
    CHECK(csv_error(data_spec(SourceFormat::csv, "csv/bad_utf8.csv")) ==
          "csv/bad_utf8.csv:4:6: error: invalid UTF-8 byte 0xff\n"
          "  hint: save the file as UTF-8, or set encoding: latin1 if it is Latin-1 (ISO-8859-1)");
}

TEST_CASE("connectors: csv broken quoting") {
    CHECK(csv_error(data_spec(SourceFormat::csv, "csv/unterminated_quote.csv")) ==
          "csv/unterminated_quote.csv:3:3: error: unterminated quoted field\n"
          "  hint: the quote opened here is never closed; close the field with \" and double any "
          "quote inside it (\"\")");
    CHECK(csv_error(data_spec(SourceFormat::csv, "csv/junk_after_quote.csv")) ==
          "csv/junk_after_quote.csv:2:11: error: unexpected 'x' after the closing quote of a "
          "field\n  hint: a quoted field ends at its closing quote; write a quote inside a field "
          "as \"\" and put the delimiter right after the closing quote");
}

TEST_CASE("connectors: csv header problems") {
    CHECK(csv_error(data_spec(SourceFormat::csv, "csv/duplicate_header.csv")) ==
          "csv/duplicate_header.csv:1:9: error: duplicate column name \"id\" (also column 1)\n"
          "  hint: column names must be unique; rename one of them");
    CHECK(csv_error(data_spec(SourceFormat::csv, "csv/empty_header_name.csv")) ==
          "csv/empty_header_name.csv:1:4: error: column 2 of the header has no name\n"
          "  hint: name every column in the header row (or remove a trailing delimiter)");
    CHECK(csv_error(data_spec(SourceFormat::csv, "csv/empty.csv")) ==
          "csv/empty.csv:1:1: error: the file is empty, but a header row was expected\n"
          "  hint: add a header row naming the columns, or set header: false with columns:");
    CHECK(read_csv(data_spec(SourceFormat::csv, "csv/header_only.csv")).empty());
}

TEST_CASE("connectors: csv a missing file is an error at the source in the mapping") {
    auto spec = data_spec(SourceFormat::csv, "csv/nope.csv");
    CHECK(csv_error(spec) == "mapping.yaml:3:5: error: cannot open \"csv/nope.csv\": No such file "
                             "or directory\n  hint: the path is resolved against the mapping "
                             "file's folder: " +
                                 spec.path.string());
}

TEST_CASE("connectors: csv limits on row size and field count") {
    test::TempDir dir;
    model::SourceSpec spec;
    spec.name = "big";
    spec.file = "big.csv";
    spec.path = dir.write("big.csv", "a,b\n1,2\n\"" + std::string(100, 'x') + "\n3,4\n");
    spec.limits.max_record_bytes = 64;
    spec.limits.read_chunk_bytes = 16;
    CHECK(csv_error(spec) ==
          "big.csv:3:1: error: row is larger than 64 bytes\n"
          "  hint: a quote (\") that is never closed turns the rest of the file into one field; "
          "check the quotes from this line on");
    spec.path = dir.write("wide.csv", "a,b,c\n1,2,3,4,5\n");
    spec.limits.max_columns = 4;
    CHECK(csv_error(spec) == "big.csv:2:9: error: row has more than 4 fields\n"
                             "  hint: check the delimiter; a row may have at most 4 fields");
}

TEST_CASE("connectors: csv records do not depend on where the read buffer ends") {
    // Every corpus file read with tiny refills gives the same records as with the default.
    for (std::string file : {"csv/apps.csv", "csv/crlf.csv", "csv/no_final_newline.csv"}) {
        CAPTURE(file);
        auto spec = data_spec(SourceFormat::csv, file);
        auto expected = read_csv(spec);
        for (std::size_t chunk : {1, 2, 3, 5, 7, 13}) {
            CAPTURE(chunk);
            spec.limits.read_chunk_bytes = chunk;
            CHECK(read_csv(spec) == expected);
        }
    }
}

TEST_CASE("connectors: csv reuses value buffers across records") {
    test::TempDir dir;
    model::SourceSpec spec;
    spec.name = "r";
    spec.file = "r.csv";
    spec.path = dir.write("r.csv", "a,b\nlonger value one,x\nshort,y\n");
    connectors::CsvSource source(spec);
    model::Record r;
    REQUIRE(source.next(r));
    const char* buffer = r.values[0].as_string().data();
    REQUIRE(source.next(r));
    CHECK(r.values[0].as_string() == "short");
    CHECK(r.values[0].as_string().data() == buffer);
    auto schema = r.schema;
    CHECK_FALSE(source.next(r));
    CHECK(schema == source.schema());
}
