#pragma once
// What the section readers of the loader share: the file text (for positions), the
// diagnostics collected so far, the environment, and helpers that read YAML nodes and
// report what is wrong with them at their line:column.

#include "mappings/mapping.hpp"
#include "mappings/text/env.hpp"
#include "mappings/text/source_text.hpp"

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ardoq::mapping::load {

// One `key: value` of a YAML map.
struct Entry {
    std::string key;
    YAML::Node key_node;
    YAML::Node value;
};
using Entries = std::vector<Entry>;

// Members are public: this is the shared state of one load, not an abstraction.
struct LoadContext {
    LoadContext(const SourceText& source, EnvLookup environment, std::filesystem::path base,
                Mapping& out)
        : text(source), env(std::move(environment)), base_dir(std::move(base)), mapping(out) {}

    const SourceText& text;
    EnvLookup env;
    std::filesystem::path base_dir;
    Mapping& mapping;
    std::vector<model::Diagnostic> diags;
    // Type names the rules name, including rules that failed to load (for sync.scope).
    std::vector<std::string> component_types;
    std::vector<std::string> reference_types;

    model::Location at(const YAML::Node& node) const;
    void error(const model::Location& where, std::string message, std::string hint = {});
    void error(const YAML::Node& node, std::string message, std::string hint = {});
    void warning(const model::Location& where, std::string message, std::string hint = {});

    // The entries of `map` whose keys are in `known`. An unknown key is reported with a
    // "did you mean"; a repeated key is reported and its later entry dropped. `place`
    // says where the map is, for messages: "in a component rule".
    Entries read_map(const YAML::Node& map, std::span<const std::string_view> known,
                     std::string_view place);

    // A scalar's text; reports `"key" must be <what>, not a map` (etc.) otherwise.
    std::optional<std::string> read_text(const Entry& e, std::string_view what);
    // A non-empty scalar text with ${VAR} expanded.
    std::optional<std::string> read_expanded(const Entry& e, std::string_view what);
    std::optional<bool> read_bool(const Entry& e);
    std::optional<std::int64_t> read_int(const Entry& e, std::int64_t min, std::string_view what);
    std::optional<double> read_number(const Entry& e, double min, double max,
                                      std::string_view what);
    // One of `choices`, with "did you mean" otherwise.
    std::optional<std::string> read_choice(const Entry& e,
                                           std::span<const std::string_view> choices);
    // Reports "<what> must be ..., not <kind>" at the value (at the key when it is null).
    void wrong_kind(const Entry& e, std::string_view what);
};

const Entry* find(const Entries& entries, std::string_view key);

// "a map", "a list", "a string", "a number", "true/false", "null".
std::string_view kind_word(const YAML::Node& node);

// The value of a scalar by the YAML 1.2 core schema: plain `42`, `4.5`, `true`, `null`,
// `~` are typed, everything else (and every quoted scalar) is a string.
model::Value scalar_value(const YAML::Node& node);

} // namespace ardoq::mapping::load
