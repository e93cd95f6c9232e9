#pragma once
// ${VAR} expansion in the mapping's paths and names.

#include "model/expected.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace ardoq::mapping {

// Looks up an environment variable; nullopt when it is not set.
using EnvLookup = std::function<std::optional<std::string>(std::string_view name)>;

// The process environment (getenv).
EnvLookup process_environment();

struct EnvError {
    std::size_t offset = 0; // byte offset of the problem in the text
    std::string message;
    std::string hint;
};

// Replaces every ${NAME} by the variable's value and $$ by a single $. A $ followed by
// anything else stays as it is. Fails on an unset variable, an unclosed ${ or a bad name.
model::Expected<std::string, EnvError> expand_env(std::string_view text, const EnvLookup& env);

} // namespace ardoq::mapping
