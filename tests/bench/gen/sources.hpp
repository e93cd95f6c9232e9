#pragma once
// bench-gen's source files: the dataset as CSV, JSON Lines, a SQLite database and SQL dumps
// (sqlite3 `.dump` INSERT statements and pg_dump COPY blocks). Components go to
// `components.*` / table `component`, references to `dependencies.*` / table `dependency`;
// every format has the same columns, so one set of rules maps them all.

#include "gen/dataset.hpp"

#include <filesystem>

namespace ardoq::bench {

void write_csv(const Dataset& data, const std::filesystem::path& dir);
void write_jsonl(const Dataset& data, const std::filesystem::path& dir);
// bench.db; replaces an existing file.
void write_sqlite(const Dataset& data, const std::filesystem::path& dir);
// bench.sql (INSERT, as sqlite3 .dump writes it) and bench-copy.sql (COPY, as pg_dump does).
void write_sql_insert(const Dataset& data, const std::filesystem::path& dir);
void write_sql_copy(const Dataset& data, const std::filesystem::path& dir);

} // namespace ardoq::bench
