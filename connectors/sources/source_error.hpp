#pragma once
// How the source readers report a bad input: an InputError carrying one diagnostic
// "<file>:<line>:<col>: error: <what>" plus a hint, positioned in the source file, or in the
// mapping (spec.where) when the problem is the source's definition rather than its data.

#include "model/source_spec.hpp"

#include <cstdint>
#include <string>

namespace ardoq::connectors {

// Throws InputError at line:column (1-based; 0 = unknown) of spec.file.
[[noreturn]] void throw_source_error(const model::SourceSpec& spec, std::uint64_t line,
                                     std::uint64_t column, std::string message,
                                     std::string hint = {});

// Throws InputError at the source's place in the mapping (spec.where).
[[noreturn]] void throw_spec_error(const model::SourceSpec& spec, std::string message,
                                   std::string hint = {});

// "64 MiB", "1000 bytes": a size for messages.
std::string size_text(std::uint64_t bytes);

// `name` in double quotes, for messages.
std::string quote_name(std::string_view name);

} // namespace ardoq::connectors
