#pragma once
// Test support for the source connectors: specs pointing at the corpus in
// tests/connectors/data/, a one-line rendering of records to compare exactly, and the text
// of the InputError a call throws.

#include "model/errors.hpp"
#include "model/record_source.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <unistd.h>
#include <vector>

namespace ardoq::test {

inline std::filesystem::path connector_data(const std::string& relative) {
    return std::filesystem::path(ARDOQ_SOURCE_DIR) / "tests/connectors/data" / relative;
}

// A spec for a file of the corpus; messages name it by `relative` ("csv/apps.csv"), and
// errors about the source's definition point at mapping.yaml:3:5.
inline model::SourceSpec data_spec(model::SourceFormat format, const std::string& relative) {
    model::SourceSpec spec;
    spec.name = "src";
    spec.format = format;
    spec.file = relative;
    spec.path = connector_data(relative);
    spec.where = model::Location{"mapping.yaml", 3, 5};
    return spec;
}

// "L<line> R<row> {json of the fields}", e.g. L2 R1 {"id":"1","name":"Billing"}.
inline std::string render(const model::Record& r) {
    model::Object fields;
    if (r.schema)
        for (std::size_t i = 0; i < r.schema->size(); ++i)
            fields.push_back(model::Field{r.schema->names()[i],
                                          i < r.values.size() ? r.values[i] : model::Value()});
    return "L" + std::to_string(r.origin.line) + " R" + std::to_string(r.origin.row) + " " +
           model::Value(std::move(fields)).to_json();
}

// Every record of a source, rendered; reuses one Record like the engine does.
inline std::vector<std::string> read_all(model::RecordSource& source) {
    std::vector<std::string> out;
    model::Record r;
    while (source.next(r)) {
        CHECK(r.origin.source == source.spec().name);
        CHECK(r.origin.file == source.spec().file);
        out.push_back(render(r));
    }
    CHECK_FALSE(source.next(r)); // stays at the end
    return out;
}

// The text of the InputError `f` throws; fails the test when it throws nothing.
inline std::string input_error(const std::function<void()>& f) {
    try {
        f();
    } catch (const model::InputError& e) {
        REQUIRE(e.diagnostics().size() == 1);
        return e.what();
    }
    FAIL("no InputError was thrown");
    return {};
}

// A folder under the system temp dir, removed with its content at the end of the test.
class TempDir {
public:
    TempDir() {
        auto base = std::filesystem::temp_directory_path();
        for (int i = 0;; ++i) {
            m_path =
                base / ("ardoq-connectors-" + std::to_string(::getpid()) + "-" + std::to_string(i));
            if (std::filesystem::create_directory(m_path))
                break;
        }
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return m_path; }
    // Writes `content` to a file in the folder and returns its path.
    std::filesystem::path write(const std::string& name, const std::string& content) const {
        auto p = m_path / name;
        std::ofstream(p, std::ios::binary) << content;
        return p;
    }

private:
    std::filesystem::path m_path;
};

} // namespace ardoq::test
