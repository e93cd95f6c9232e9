#include "mappings/text/env.hpp"

#include <cstdlib>

namespace ardoq::mapping {

namespace {
bool name_start(char c) noexcept {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}
bool name_char(char c) noexcept {
    return name_start(c) || (c >= '0' && c <= '9');
}
} // namespace

EnvLookup process_environment() {
    return [](std::string_view name) -> std::optional<std::string> {
        const char* v = std::getenv(std::string(name).c_str());
        if (!v)
            return std::nullopt;
        return std::string(v);
    };
}

model::Expected<std::string, EnvError> expand_env(std::string_view text, const EnvLookup& env) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c != '$' || i + 1 >= text.size() || (text[i + 1] != '{' && text[i + 1] != '$')) {
            out.push_back(c);
            continue;
        }
        if (text[i + 1] == '$') {
            out.push_back('$');
            ++i;
            continue;
        }
        const std::size_t close = text.find('}', i + 2);
        if (close == std::string_view::npos)
            return model::unexpected(
                EnvError{i, "\"${\" is not closed",
                         "write ${NAME} for an environment variable, or $$ for a literal $"});
        const std::string_view name = text.substr(i + 2, close - i - 2);
        bool valid = !name.empty() && name_start(name[0]);
        for (char n : name)
            valid = valid && name_char(n);
        if (!valid)
            return model::unexpected(
                EnvError{i, "\"" + std::string(name) + "\" is not an environment variable name",
                         "names are letters, digits and _, not starting with a digit"});
        auto value = env(name);
        if (!value)
            return model::unexpected(
                EnvError{i, "environment variable \"" + std::string(name) + "\" is not set",
                         "set it before running (export " + std::string(name) +
                             "=...), or write the value without ${...}"});
        out += *value;
        i = close;
    }
    return out;
}

} // namespace ardoq::mapping
