#pragma once
// Loading a mapping file (phase a of validation): YAML syntax, keys, value kinds, source
// names, filters and expression syntax are all checked, every problem is collected
// (capped), and the file is rejected with all of them at once.

#include "mappings/mapping.hpp"
#include "mappings/text/env.hpp"

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace ardoq::mapping {

// Reads and compiles `file`. Source paths are resolved against the file's folder and
// ${VAR} is taken from the process environment. Throws model::InputError carrying every
// diagnostic ("mapping.yaml:LINE:COL: error: ..." with a hint) when the mapping is
// invalid, or when the file cannot be read.
Mapping load_mapping(const std::filesystem::path& file);

struct LoadOptions {
    std::string display_name = "mapping.yaml"; // how messages name the file
    std::filesystem::path base_dir;            // relative source paths start here
    EnvLookup env = process_environment();
    std::size_t max_errors = 50;
};

// The same for a mapping held in memory (tests, stdin).
Mapping load_mapping_text(std::string_view text, const LoadOptions& options);

} // namespace ardoq::mapping
