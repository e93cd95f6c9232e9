#include "connectors/sources/open_source.hpp"

#include "connectors/sources/csv_source.hpp"
#include "connectors/sources/json_source.hpp"
#include "connectors/sources/jsonl_source.hpp"
#include "connectors/sources/sql_dump_source.hpp"
#include "connectors/sources/sqlite_source.hpp"

namespace ardoq::connectors {

std::unique_ptr<model::RecordSource> open_source(const model::SourceSpec& spec) {
    switch (spec.format) {
    case model::SourceFormat::csv:
        return std::make_unique<CsvSource>(spec);
    case model::SourceFormat::json:
        return std::make_unique<JsonSource>(spec);
    case model::SourceFormat::jsonl:
        return std::make_unique<JsonlSource>(spec);
    case model::SourceFormat::sqlite:
        return std::make_unique<SqliteSource>(spec);
    case model::SourceFormat::sql_dump:
        return std::make_unique<SqlDumpSource>(spec);
    }
    return nullptr; // unreachable: every format is handled above
}

} // namespace ardoq::connectors
