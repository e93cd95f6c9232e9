#pragma once
// The entry point of the source connectors: opens the RecordSource for a source of the
// mapping, by its format. Matches model::SourceOpener, so the engine can hand it to the
// mapping evaluator.

#include "model/record_source.hpp"

#include <memory>

namespace ardoq::connectors {

// Opens `spec` (csv, json, jsonl, sqlite or sql_dump). Throws InputError when the file
// cannot be opened or its options are wrong. `spec` must outlive the source and the records
// it returns: their origins point into it.
std::unique_ptr<model::RecordSource> open_source(const model::SourceSpec& spec);

} // namespace ardoq::connectors
