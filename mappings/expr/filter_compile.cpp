#include "mappings/expr/filter_compile.hpp"

#include <regex>

namespace ardoq::mapping::expr {

namespace {

using model::ValueKind;

KindSet kinds_of(std::initializer_list<ValueKind> kinds) {
    KindSet out;
    for (auto k : kinds)
        out = out | KindSet::of(k);
    return out;
}

// Union of known value sets; nullopt as soon as one is unknown.
void merge_values(StaticInfo& into, const StaticInfo& from) {
    into.kinds = into.kinds | from.kinds;
    if (!into.values || !from.values) {
        into.values.reset();
        return;
    }
    into.values->insert(into.values->end(), from.values->begin(), from.values->end());
}

std::string regex_problem(std::regex_constants::error_type code) {
    using namespace std::regex_constants;
    switch (code) {
    case error_collate:
        return "invalid collating element";
    case error_ctype:
        return "invalid character class";
    case error_escape:
        return "invalid escape";
    case error_backref:
        return "invalid back reference";
    case error_brack:
        return "unbalanced [ ]";
    case error_paren:
        return "unbalanced ( )";
    case error_brace:
        return "unbalanced { }";
    case error_badbrace:
        return "invalid repetition count in { }";
    case error_range:
        return "invalid character range";
    case error_space:
        return "the pattern is too large";
    case error_badrepeat:
        return "nothing to repeat before *, + or ?";
    case error_complexity:
        return "the pattern is too complex";
    case error_stack:
        return "the pattern is too complex";
    default:
        return "invalid pattern";
    }
}

} // namespace

std::string arity_message(const FilterSpec& spec, std::size_t given) {
    std::string takes;
    if (spec.max_args == 0)
        takes = "takes no arguments";
    else if (spec.min_args == spec.max_args)
        takes = "takes " + std::to_string(spec.min_args) + " argument" +
                (spec.min_args == 1 ? "" : "s") + " " + std::string(spec.params);
    else if (spec.max_args == SIZE_MAX)
        takes = "takes at least " + std::to_string(spec.min_args) + " argument" +
                (spec.min_args == 1 ? "" : "s") + " " + std::string(spec.params);
    else
        takes = "takes " + std::to_string(spec.min_args) + " to " + std::to_string(spec.max_args) +
                " arguments " + std::string(spec.params);
    return "filter \"" + std::string(spec.name) + "\" " + takes + ", got " + std::to_string(given);
}

bool compile_filter_arguments(Node& n, FilterData& data, std::vector<model::Diagnostic>& diags) {
    bool ok = true;
    auto error_at = [&](const model::Location& where, std::string message, std::string hint) {
        diags.push_back(model::make_error(where, std::move(message), std::move(hint)));
        ok = false;
    };
    auto literal_string = [&](std::size_t i, std::string_view what) -> const std::string* {
        const Node& arg = n.children[i];
        if (arg.kind == NodeKind::literal && arg.value.is_string())
            return &arg.value.as_string();
        error_at(arg.where,
                 "the " + std::string(what) + " of " + std::string(filter_spec(n.filter).name) +
                     " must be a 'quoted' string",
                 "example: " + std::string(filter_spec(n.filter).example));
        return nullptr;
    };
    switch (n.filter) {
    case FilterId::regex_replace: {
        const std::string* pattern = literal_string(1, "pattern");
        if (!pattern)
            return ok;
        try {
            data.regex.emplace(*pattern, std::regex::ECMAScript);
        } catch (const std::regex_error& e) {
            error_at(n.children[1].where,
                     "invalid regular expression '" + *pattern + "': " + regex_problem(e.code()),
                     "patterns use ECMAScript syntax, as in JavaScript");
        }
        return ok;
    }
    case FilterId::date: {
        if (n.children.size() == 1) {
            data.date_formats = DateFormat::iso_formats();
            return ok;
        }
        const std::string* format = literal_string(1, "format");
        if (!format)
            return ok;
        auto compiled = compile_date_format(*format);
        if (!compiled) {
            error_at(n.children[1].where, compiled.error().message,
                     "directives: %Y %y %m %d %H %I %M %S %f %p %b %B %z %%");
            return ok;
        }
        data.date_formats.push_back(std::move(*compiled));
        return ok;
    }
    case FilterId::truncate: {
        const Node& len = n.children[1];
        if (len.kind != NodeKind::literal || !len.value.is_int() || len.value.as_int() < 0) {
            error_at(len.where, "the length of truncate must be a whole number >= 0",
                     "example: " + std::string(filter_spec(n.filter).example));
            return ok;
        }
        data.length = static_cast<std::size_t>(len.value.as_int());
        if (n.children.size() > 2) {
            const std::string* end = literal_string(2, "end marker");
            if (!end)
                return ok;
            data.end = *end;
        }
        return ok;
    }
    case FilterId::replace:
    case FilterId::split: {
        const Node& arg = n.children[1];
        if (arg.kind == NodeKind::literal && arg.value.is_string() && arg.value.as_string().empty())
            error_at(arg.where,
                     n.filter == FilterId::split ? "the separator of split is empty"
                                                 : "the text to replace is empty",
                     "example: " + std::string(filter_spec(n.filter).example));
        return ok;
    }
    default:
        return ok;
    }
}

StaticInfo filter_result_info(const Node& n) {
    using K = ValueKind;
    StaticInfo info;
    switch (n.filter) {
    case FilterId::trim:
    case FilterId::lower:
    case FilterId::upper:
    case FilterId::replace:
    case FilterId::regex_replace:
    case FilterId::join:
    case FilterId::date:
    case FilterId::truncate:
        info.kinds = kinds_of({K::string, K::null});
        break;
    case FilterId::split:
        info.kinds = kinds_of({K::list, K::null});
        break;
    case FilterId::number:
        info.kinds = kinds_of({K::integer, K::real, K::null});
        break;
    case FilterId::integer:
        info.kinds = kinds_of({K::integer, K::null});
        break;
    case FilterId::boolean:
        info.kinds = kinds_of({K::boolean, K::null});
        break;
    case FilterId::default_value:
    case FilterId::coalesce:
        info = n.children.front().info;
        for (std::size_t i = 1; i < n.children.size(); ++i)
            merge_values(info, n.children[i].info);
        break;
    case FilterId::map:
        info.kinds = KindSet::of(K::null);
        info.values.emplace();
        for (std::size_t i = 1; i < n.children.size(); ++i)
            merge_values(info, n.children[i].info);
        break;
    case FilterId::lookup:
        break;
    }
    return info;
}

} // namespace ardoq::mapping::expr
