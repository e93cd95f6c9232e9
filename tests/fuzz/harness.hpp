#pragma once
// The fuzz harnesses: each feeds one input to a reader of hostile text (CSV, JSON and JSON
// Lines, SQL dump, mapping file, expression) and says how it ended. The libFuzzer targets
// (fuzz_*.cpp) and the regression test (tests/reliability/test_fuzz_regressions.cpp) share
// them, so a saved finding is replayed through exactly the code that found it.
//
// A malformed input must end in model::InputError (or RunError for I/O); a crash, a
// sanitizer report, another exception type or an allocation past the fuzzer's limit is a
// finding. The source readers read files: the input is written to a scratch file first.

#include "connectors/sources/csv_source.hpp"
#include "connectors/sources/json_source.hpp"
#include "connectors/sources/jsonl_source.hpp"
#include "connectors/sources/sql_dump_source.hpp"
#include "mappings/evaluate.hpp"
#include "mappings/load.hpp"
#include "model/errors.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unistd.h>

namespace ardoq::fuzz {

// A file of this process under $TMPDIR (or /tmp), rewritten for every input.
inline std::string scratch_path(const char* extension) {
    const char* tmp = std::getenv("TMPDIR");
    return std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/ardoq-fuzz-" +
           std::to_string(::getpid()) + extension;
}

inline void write_scratch(const std::string& path, std::string_view data) {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr)
        std::abort();
    if (!data.empty() && std::fwrite(data.data(), 1, data.size(), f) != data.size())
        std::abort();
    std::fclose(f);
}

// Limits small enough that the fuzzer reaches them, and a read window of 1 to 128 bytes
// so that records cross refills of the file buffer.
inline model::SourceLimits small_limits(unsigned selector) {
    model::SourceLimits limits;
    limits.max_record_bytes = 4096;
    limits.max_columns = 64;
    limits.max_depth = 16;
    limits.read_chunk_bytes = std::size_t{1} << (selector % 8);
    return limits;
}

// "N records", or "error: " and the exception's message.
template <typename Source> std::string drain(const model::SourceSpec& spec) {
    std::size_t n = 0;
    try {
        Source source(spec);
        model::Record record;
        while (source.next(record))
            ++n;
    } catch (const model::InputError& e) {
        return std::string("error: ") + e.what();
    } catch (const model::RunError& e) {
        return std::string("run error: ") + e.what();
    }
    return std::to_string(n) + " records";
}

// drain(), then the scratch file is removed.
template <typename Source> std::string drain_and_remove(const model::SourceSpec& spec) {
    std::string outcome = drain<Source>(spec);
    std::remove(spec.path.c_str());
    return outcome;
}

// CSV. Byte 0 picks delimiter, header or `columns:`, ragged rows, empty fields, encoding
// and read window; the rest is the file.
inline std::string run_csv(std::string_view input) {
    if (input.empty())
        return "empty input";
    const auto options = static_cast<unsigned char>(input[0]);
    const std::string path = scratch_path(".csv");
    write_scratch(path, input.substr(1));
    model::SourceSpec spec;
    spec.name = "apps";
    spec.format = model::SourceFormat::csv;
    spec.file = "apps.csv";
    spec.path = path;
    spec.where = {"mapping.yaml", 3, 5};
    static constexpr char k_delimiters[] = {',', ';', '\t', '|'};
    spec.csv.delimiter = k_delimiters[options & 3u];
    spec.csv.header = (options & 4u) == 0;
    if (!spec.csv.header)
        spec.csv.columns = {"id", "name", "domain"};
    spec.csv.ragged = (options & 8u) != 0 ? model::Ragged::pad : model::Ragged::error;
    spec.csv.empty =
        (options & 16u) != 0 ? model::EmptyField::empty_string : model::EmptyField::null;
    spec.csv.encoding = (options & 32u) != 0 ? model::Encoding::latin1 : model::Encoding::utf8;
    spec.limits = small_limits(options >> 5);
    return drain_and_remove<connectors::CsvSource>(spec);
}

// JSON (byte 0 even) or JSON Lines (odd). Byte 0 also picks the records pointer and the
// read window; the rest is the file.
inline std::string run_json(std::string_view input) {
    if (input.empty())
        return "empty input";
    const auto options = static_cast<unsigned char>(input[0]);
    const bool lines = (options & 1u) != 0;
    const std::string path = scratch_path(lines ? ".jsonl" : ".json");
    write_scratch(path, input.substr(1));
    model::SourceSpec spec;
    spec.name = "deps";
    spec.format = lines ? model::SourceFormat::jsonl : model::SourceFormat::json;
    spec.file = lines ? "deps.jsonl" : "deps.json";
    spec.path = path;
    spec.where = {"mapping.yaml", 4, 5};
    static const char* const k_pointers[] = {"", "/items", "/data/0/rows", "/a~1b"};
    if (!lines)
        spec.records_pointer = k_pointers[(options >> 1) & 3u];
    spec.limits = small_limits(options >> 3);
    return lines ? drain_and_remove<connectors::JsonlSource>(spec)
                 : drain_and_remove<connectors::JsonSource>(spec);
}

// SQL dump. Byte 0 picks the table and the read window; the rest is the file.
inline std::string run_sql_dump(std::string_view input) {
    if (input.empty())
        return "empty input";
    const auto options = static_cast<unsigned char>(input[0]);
    const std::string path = scratch_path(".sql");
    write_scratch(path, input.substr(1));
    model::SourceSpec spec;
    spec.name = "owners";
    spec.format = model::SourceFormat::sql_dump;
    spec.file = "cmdb.sql";
    spec.path = path;
    spec.where = {"mapping.yaml", 5, 5};
    static const char* const k_tables[] = {"apps",   "public.apps", "owners",       "t",
                                           "server", "u",           "Team Members", "odd table"};
    spec.table = k_tables[options & 7u];
    spec.limits = small_limits(options >> 3);
    return drain_and_remove<connectors::SqlDumpSource>(spec);
}

inline mapping::LoadOptions load_options() {
    mapping::LoadOptions options;
    options.display_name = "mapping.yaml";
    options.base_dir = "/nonexistent";
    options.env = [](std::string_view name) -> std::optional<std::string> {
        if (name == "WORKSPACE")
            return "Application Portfolio";
        return std::nullopt;
    };
    return options;
}

// A whole mapping file: "loaded" or "error: " and every diagnostic.
inline std::string run_mapping(std::string_view input) {
    try {
        mapping::load_mapping_text(input, load_options());
    } catch (const model::InputError& e) {
        return std::string("error: ") + e.what();
    }
    return "loaded";
}

// The one record expressions are evaluated on: a value of every kind.
class OneRecord final : public model::RecordSource {
public:
    explicit OneRecord(const model::SourceSpec& spec) : m_spec(spec) {}

    bool next(model::Record& out) override {
        if (m_done)
            return false;
        m_done = true;
        static const auto schema = std::make_shared<const model::Schema>(std::vector<std::string>{
            "id", "name", "cost", "ratio", "flag", "empty", "none", "tags", "owner", "date"});
        model::List tags{model::Value("web"), model::Value("batch"), model::Value(3)};
        model::Object owner{{"email", model::Value("ann@example.com")},
                            {"tags", model::Value(tags)}};
        out.schema = schema;
        out.values = {model::Value(42),
                      model::Value(" CRM System "),
                      model::Value("12,5"),
                      model::Value(0.25),
                      model::Value(true),
                      model::Value(""),
                      model::Value(),
                      model::Value(std::move(tags)),
                      model::Value(std::move(owner)),
                      model::Value("2024-01-05T10:00:00+01:00")};
        out.origin = {m_spec.name, m_spec.file, 2, 1};
        return true;
    }
    const model::SourceSpec& spec() const noexcept override { return m_spec; }

private:
    const model::SourceSpec& m_spec;
    bool m_done = false;
};

// YAML single-quoted form: only the quote is escaped.
inline std::string yaml_quote(std::string_view text) {
    std::string out = "'";
    for (char c : text) {
        out.push_back(c);
        if (c == '\'')
            out.push_back('\'');
    }
    return out + "'";
}

// One expression: compiled as a template (key and field value), then as a `when:`
// condition, and evaluated on OneRecord when it compiles. Returns the two outcomes, each
// "N components" plus the evaluation's diagnostics, or "error: " and the load diagnostics.
inline std::string run_expression(std::string_view input) {
    const std::string quoted = yaml_quote(input);
    const std::string rule = "version: 1\n"
                             "workspace: Portfolio\n"
                             "sources:\n"
                             "  apps: { csv: apps.csv }\n"
                             "components:\n"
                             "  - from: apps\n"
                             "    type: Application\n"
                             "    name: \"{{ name }}\"\n";
    const std::string mappings[] = {
        rule + "    key: " + quoted + "\n    fields:\n      v: " + quoted + "\n",
        rule + "    key: \"app-{{ id }}\"\n    when: " + quoted + "\n",
    };
    const model::SourceOpener open = [](const model::SourceSpec& spec) {
        return std::unique_ptr<model::RecordSource>(std::make_unique<OneRecord>(spec));
    };
    std::string out;
    for (const std::string& yaml : mappings) {
        try {
            const mapping::Mapping m = mapping::load_mapping_text(yaml, load_options());
            model::Diagnostics diags;
            const auto state = mapping::evaluate(m, open, diags);
            out += std::to_string(state.components.size()) + " components\n" + diags.to_string();
        } catch (const model::InputError& e) {
            out += std::string("error: ") + e.what() + "\n";
        }
    }
    return out;
}

} // namespace ardoq::fuzz
