#pragma once
// What the mapping says about one source; the connectors open a RecordSource from it.
// Plain data so that mappings/ (which fills it) and connectors/ (which reads it) need not
// know each other.

#include "model/diagnostic.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace ardoq::model {

enum class SourceFormat : std::uint8_t { csv, json, jsonl, sqlite, sql_dump };

enum class EmptyField : std::uint8_t { null, empty_string }; // CSV: what an empty field becomes
enum class Ragged : std::uint8_t { error, pad };             // CSV: rows with a wrong field count
enum class Encoding : std::uint8_t { utf8, latin1 };         // CSV: input encoding

struct CsvOptions {
    char delimiter = ',';
    bool header = true;               // false: names come from `columns`
    std::vector<std::string> columns; // required when header == false
    EmptyField empty = EmptyField::null;
    Ragged ragged = Ragged::error;
    Encoding encoding = Encoding::utf8;
};

// Caps that keep a broken or hostile file from exhausting memory; reaching one is an
// InputError naming the place, never a crash or an unbounded allocation.
struct SourceLimits {
    std::size_t max_record_bytes = std::size_t{64} << 20; // one CSV row, JSON record, SQL row
    std::size_t max_columns = 100'000;                    // fields of one record
    std::size_t max_depth = 256;                          // JSON nesting
    std::size_t read_chunk_bytes = std::size_t{1} << 20;  // bytes read per refill of the window
};

struct SourceSpec {
    std::string name; // key under `sources:` ("apps")
    SourceFormat format = SourceFormat::csv;
    std::string file;            // as written in the mapping ("apps.csv"); used in messages
    std::filesystem::path path;  // resolved against the mapping file's folder
    std::string records_pointer; // json: JSON Pointer to the array ("" = top-level array)
    std::string query;           // sqlite: the SELECT
    std::string table;           // sql_dump: table name (may be schema-qualified)
    CsvOptions csv;
    SourceLimits limits;
    Location where; // position of this source in the mapping file
};

} // namespace ardoq::model
