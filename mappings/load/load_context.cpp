#include "mappings/load/load_context.hpp"

#include "mappings/text/suggest.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <regex>

namespace ardoq::mapping::load {

using model::Value;

model::Location LoadContext::at(const YAML::Node& node) const {
    const YAML::Mark m = node.Mark();
    return text.at_mark(m.line, m.column);
}

void LoadContext::error(const model::Location& where, std::string message, std::string hint) {
    diags.push_back(model::make_error(where, std::move(message), std::move(hint)));
}

void LoadContext::error(const YAML::Node& node, std::string message, std::string hint) {
    error(at(node), std::move(message), std::move(hint));
}

void LoadContext::warning(const model::Location& where, std::string message, std::string hint) {
    mapping.warnings.push_back(
        model::Diagnostic{model::Severity::warning, where, std::move(message), std::move(hint)});
}

Entries LoadContext::read_map(const YAML::Node& map, std::span<const std::string_view> known,
                              std::string_view place) {
    Entries out;
    for (auto it = map.begin(); it != map.end(); ++it) {
        const YAML::Node key = it->first;
        if (!key.IsScalar()) {
            error(key, "a key must be a plain name, not " + std::string(kind_word(key)),
                  "keys are words such as from, type or fields; [ ] and { } belong in values");
            continue;
        }
        const std::string name = key.Scalar();
        if (std::find(known.begin(), known.end(), name) == known.end()) {
            error(key, "unknown key \"" + name + "\" " + std::string(place),
                  suggestion_hint(name, {known.begin(), known.end()}, "valid keys here"));
            continue;
        }
        auto previous =
            std::find_if(out.begin(), out.end(), [&](const Entry& e) { return e.key == name; });
        if (previous != out.end()) {
            error(key, "key \"" + name + "\" appears twice " + std::string(place),
                  "the first is at line " + std::to_string(at(previous->key_node).line) +
                      "; keep one");
            continue;
        }
        out.push_back(Entry{name, key, it->second});
    }
    return out;
}

void LoadContext::wrong_kind(const Entry& e, std::string_view what) {
    if (!e.value || e.value.IsNull()) {
        error(e.key_node, "\"" + e.key + "\" needs a value: " + std::string(what));
        return;
    }
    std::string found(kind_word(e.value));
    if (e.value.IsScalar())
        found =
            scalar_value(e.value).is_string() ? "\"" + e.value.Scalar() + "\"" : e.value.Scalar();
    error(e.value, "\"" + e.key + "\" must be " + std::string(what) + ", not " + found);
}

std::optional<std::string> LoadContext::read_text(const Entry& e, std::string_view what) {
    if (!e.value || !e.value.IsScalar()) {
        wrong_kind(e, what);
        return std::nullopt;
    }
    return e.value.Scalar();
}

std::optional<std::string> LoadContext::read_expanded(const Entry& e, std::string_view what) {
    auto raw = read_text(e, what);
    if (!raw)
        return std::nullopt;
    auto expanded = expand_env(*raw, env);
    if (!expanded) {
        error(text.in_scalar(e.value.Mark().pos < 0 ? 0
                                                    : static_cast<std::size_t>(e.value.Mark().pos),
                             *raw, expanded.error().offset),
              expanded.error().message, expanded.error().hint);
        return std::nullopt;
    }
    if (expanded->empty()) {
        error(e.value, "\"" + e.key + "\" is empty", "write " + std::string(what));
        return std::nullopt;
    }
    return std::move(*expanded);
}

std::optional<bool> LoadContext::read_bool(const Entry& e) {
    if (e.value && e.value.IsScalar()) {
        Value v = scalar_value(e.value);
        if (v.is_bool())
            return v.as_bool();
    }
    wrong_kind(e, "true or false");
    return std::nullopt;
}

std::optional<std::int64_t> LoadContext::read_int(const Entry& e, std::int64_t min,
                                                  std::string_view what) {
    if (e.value && e.value.IsScalar()) {
        Value v = scalar_value(e.value);
        if (v.is_int() && v.as_int() >= min)
            return v.as_int();
    }
    wrong_kind(e, what);
    return std::nullopt;
}

std::optional<double> LoadContext::read_number(const Entry& e, double min, double max,
                                               std::string_view what) {
    if (e.value && e.value.IsScalar()) {
        Value v = scalar_value(e.value);
        if (v.is_number() && v.as_double() >= min && v.as_double() <= max)
            return v.as_double();
    }
    wrong_kind(e, what);
    return std::nullopt;
}

std::optional<std::string> LoadContext::read_choice(const Entry& e,
                                                    std::span<const std::string_view> choices) {
    std::vector<std::string_view> names(choices.begin(), choices.end());
    std::string what = "one of " + quoted_list(names);
    if (!e.value || !e.value.IsScalar()) {
        wrong_kind(e, what);
        return std::nullopt;
    }
    const std::string& s = e.value.Scalar();
    if (std::find(choices.begin(), choices.end(), s) != choices.end())
        return s;
    error(e.value, "\"" + e.key + "\" must be " + what + ", not \"" + s + "\"",
          closest_match(s, names).empty() ? std::string()
                                          : "did you mean \"" + closest_match(s, names) + "\"?");
    return std::nullopt;
}

const Entry* find(const Entries& entries, std::string_view key) {
    for (const auto& e : entries)
        if (e.key == key)
            return &e;
    return nullptr;
}

std::string_view kind_word(const YAML::Node& node) {
    if (!node || node.IsNull())
        return "null";
    if (node.IsMap())
        return "a map";
    if (node.IsSequence())
        return "a list";
    const Value v = scalar_value(node);
    if (v.is_number())
        return "a number";
    if (v.is_bool())
        return "true/false";
    if (v.is_null())
        return "null";
    return "a string";
}

Value scalar_value(const YAML::Node& node) {
    if (!node || node.IsNull())
        return Value();
    if (!node.IsScalar())
        return Value();
    const std::string& s = node.Scalar();
    if (node.Tag() != "?")
        return Value(s); // quoted, or an explicit tag such as !!str
    if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL")
        return Value();
    if (s == "true" || s == "True" || s == "TRUE")
        return Value(true);
    if (s == "false" || s == "False" || s == "FALSE")
        return Value(false);
    static const std::regex k_int("[-+]?[0-9]+");
    static const std::regex k_float(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
    if (std::regex_match(s, k_int)) {
        std::int64_t i = 0;
        const char* first = s.data() + (s[0] == '+' ? 1 : 0);
        auto r = std::from_chars(first, s.data() + s.size(), i);
        if (r.ec == std::errc())
            return Value(i);
    }
    if (std::regex_match(s, k_float) || std::regex_match(s, k_int)) {
        double d = 0;
        const char* first = s.data() + (s[0] == '+' ? 1 : 0);
        std::from_chars(first, s.data() + s.size(), d);
        return Value(d);
    }
    if (s == ".inf" || s == ".Inf" || s == ".INF" || s == "+.inf")
        return Value(HUGE_VAL);
    if (s == "-.inf" || s == "-.Inf" || s == "-.INF")
        return Value(-HUGE_VAL);
    if (s == ".nan" || s == ".NaN" || s == ".NAN")
        return Value(std::nan(""));
    return Value(s);
}

} // namespace ardoq::mapping::load
