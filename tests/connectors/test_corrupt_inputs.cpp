#include "connectors/sources/open_source.hpp"

#include "connectors/source_test_support.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <iterator>

using namespace ardoq;
using model::SourceFormat;

namespace {

// Deterministic mutations of the corpus: every variant must read fully or stop with an
// InputError that names a place; anything else (a crash, another exception) fails. Run
// under the sanitizers, this is also the memory-safety check for hostile input.
struct Mutator {
    std::uint64_t state;
    std::uint64_t next() {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return state >> 33;
    }
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }

    std::string mutate(const std::string& text) {
        std::string s = text;
        static constexpr char k_specials[] = "\"'\\\n\r{}[](),;:$`\t-/*\xff\xc3";
        switch (below(4)) {
        case 0:
            s.resize(below(s.size()));
            break;
        case 1:
            s[below(s.size())] = static_cast<char>(below(256));
            break;
        case 2:
            s.insert(s.begin() + static_cast<std::ptrdiff_t>(below(s.size() + 1)),
                     k_specials[below(sizeof k_specials - 1)]);
            break;
        default:
            s.erase(below(s.size()), 1);
            break;
        }
        return s;
    }
};

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

TEST_CASE("connectors: corrupted files read fully or fail with a located InputError") {
    struct Base {
        SourceFormat format;
        std::string file;
        std::string option; // JSON Pointer or table
    };
    std::vector<Base> bases = {
        {SourceFormat::csv, "csv/apps.csv", ""},
        {SourceFormat::csv, "csv/crlf.csv", ""},
        {SourceFormat::json, "json/array.json", ""},
        {SourceFormat::json, "json/pointer.json", "/data/items"},
        {SourceFormat::jsonl, "jsonl/records.jsonl", ""},
        {SourceFormat::sql_dump, "dumps/pg_copy.sql", "apps"},
        {SourceFormat::sql_dump, "dumps/pg_inserts.sql", "apps"},
        {SourceFormat::sql_dump, "dumps/mariadb.sql", "apps"},
        {SourceFormat::sql_dump, "dumps/sqlite.sql", "apps"},
        {SourceFormat::sql_dump, "sql/mixed.sql", "inventory.apps"},
        {SourceFormat::sql_dump, "sql/mysql_escapes.sql", "flags"},
    };
    test::TempDir dir;
    Mutator m{42};
    std::size_t errors = 0;
    std::size_t reads = 0;
    for (const auto& base : bases) {
        std::string original = slurp(test::connector_data(base.file));
        REQUIRE_FALSE(original.empty());
        for (int i = 0; i < 60; ++i) {
            std::string variant = m.mutate(original);
            model::SourceSpec spec;
            spec.name = "m";
            spec.format = base.format;
            spec.file = "variant";
            spec.path = dir.write("variant", variant);
            spec.records_pointer = base.option;
            spec.table = base.option;
            spec.where = model::Location{"mapping.yaml", 3, 5};
            spec.limits.read_chunk_bytes = 1 + m.below(64); // vary where the window ends
            ++reads;
            try {
                auto source = connectors::open_source(spec);
                model::Record r;
                while (source->next(r))
                    REQUIRE(r.schema);
            } catch (const model::InputError& e) {
                ++errors;
                std::string text = e.what();
                CAPTURE(base.file);
                CAPTURE(text);
                CHECK((text.starts_with("variant:") || text.starts_with("mapping.yaml:3:5: ")));
                CHECK(text.find(": error: ") != std::string::npos);
            }
        }
    }
    CHECK(reads == bases.size() * 60);
    // The mutations are not all harmless: a good share of them must be caught.
    CHECK(errors > reads / 5);
}

TEST_CASE("connectors: a JSON array cut anywhere before its end is an error") {
    std::string original = slurp(test::connector_data("json/array.json"));
    test::TempDir dir;
    auto closing = original.rfind(']');
    for (std::size_t cut = 0; cut <= closing; cut += 7) {
        CAPTURE(cut);
        model::SourceSpec spec;
        spec.name = "cut";
        spec.format = SourceFormat::json;
        spec.file = "cut.json";
        spec.path = dir.write("cut.json", original.substr(0, cut));
        std::string text = test::input_error([&] {
            auto source = connectors::open_source(spec);
            model::Record r;
            while (source->next(r)) {
            }
        });
        CHECK(text.starts_with("cut.json:"));
    }
}
