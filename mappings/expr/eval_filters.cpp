// The filters at run time. Each reads its input (children[0]) and arguments, and writes
// its result into `out` unless it can return a value that already exists (its input, a
// literal, a lookup entry), which saves a copy.

#include "mappings/expr/eval.hpp"
#include "mappings/expr/value_ops.hpp"

#include <algorithm>
#include <cmath>

namespace ardoq::mapping::expr {

namespace {

using model::Value;
using model::ValueKind;

const Value k_null;

[[noreturn]] void fail(const Node& n, std::string message, std::string hint = {}) {
    throw EvalFailure{&n, std::move(message), std::move(hint)};
}

// Returns the input itself; when it lives in the caller's temporary, moves it into `out`.
const Value& pass(const Value& in, Value& tmp, Value& out) {
    if (&in != &tmp)
        return in;
    out = std::move(tmp);
    return out;
}

std::string arg_text(const Node& n, std::size_t i, const EvalContext& ctx) {
    Value t;
    std::string s;
    append_value_text(eval(n.children[i], ctx, t), s);
    return s;
}

std::size_t code_points(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// Byte length of the first `n` code points.
std::size_t prefix_bytes(std::string_view s, std::size_t n) {
    std::size_t i = 0;
    for (std::size_t seen = 0; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
            if (seen == n)
                break;
            ++seen;
        }
    }
    return i;
}

const Value& to_number(const Node& n, const Value& in, Value& tmp, Value& out) {
    switch (in.kind()) {
    case ValueKind::null:
        return k_null;
    case ValueKind::integer:
    case ValueKind::real:
        return pass(in, tmp, out);
    case ValueKind::string: {
        if (trim_view(in.as_string()).empty())
            return k_null;
        auto parsed = parse_number(in.as_string());
        if (!parsed)
            fail(n, "cannot read " + show_value(in) + " as a number",
                 "numbers look like 1234.5 or -1e3; remove other characters first, e.g. "
                 "| replace(',', '.') | " +
                     std::string(n.filter == FilterId::integer ? "int" : "number"));
        out = std::move(*parsed);
        return out;
    }
    case ValueKind::boolean:
        fail(n, "cannot read " + show_value(in) + " as a number",
             "turn true/false into numbers with | map(true: 1, false: 0)");
    default:
        fail(n, "cannot read a " + std::string(model::kind_name(in.kind())) + " as a number");
    }
}

const Value& to_int(const Node& n, const Value& in, Value& tmp, Value& out) {
    const Value& v = to_number(n, in, tmp, out);
    if (!v.is_double())
        return v;
    const double d = v.as_double();
    if (d != std::trunc(d) || d < -9.2e18 || d > 9.2e18)
        fail(n, show_value(in) + " is not a whole number", "use | number to keep the fraction");
    out = Value(static_cast<std::int64_t>(d));
    return out;
}

const Value& to_bool(const Node& n, const Value& in, Value& tmp, Value& out) {
    if (in.is_null() || in.is_bool())
        return pass(in, tmp, out);
    if (in.is_int() && (in.as_int() == 0 || in.as_int() == 1)) {
        out = Value(in.as_int() == 1);
        return out;
    }
    if (in.is_string()) {
        std::string s(trim_view(in.as_string()));
        std::transform(s.begin(), s.end(), s.begin(), [](char c) {
            return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        });
        if (s.empty())
            return k_null;
        for (const char* yes : {"true", "yes", "y", "on", "1"})
            if (s == yes) {
                out = Value(true);
                return out;
            }
        for (const char* no : {"false", "no", "n", "off", "0"})
            if (s == no) {
                out = Value(false);
                return out;
            }
    }
    fail(n, "cannot read " + show_value(in) + " as true/false",
         "accepted (any case): true/false, yes/no, y/n, on/off, 1/0; map other values with "
         "| map(...)");
}

void case_convert(std::string& s, bool upper) {
    for (char& c : s) {
        if (upper && c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
        else if (!upper && c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    }
}

std::string replace_all(std::string_view text, std::string_view from, std::string_view to) {
    std::string result;
    std::size_t pos = 0;
    for (;;) {
        const std::size_t hit = text.find(from, pos);
        if (hit == std::string_view::npos)
            break;
        result.append(text.substr(pos, hit - pos));
        result.append(to);
        pos = hit + from.size();
    }
    result.append(text.substr(pos));
    return result;
}

} // namespace

bool append_filter_text(const Node& n, const EvalContext& ctx, std::string& out) {
    if (n.filter != FilterId::trim && n.filter != FilterId::lower && n.filter != FilterId::upper)
        return false;
    Value tmp;
    const Value& in = eval(n.children[0], ctx, tmp);
    if (in.is_null())
        return true;
    std::string buffer;
    const std::string_view text = text_of(in, buffer);
    if (n.filter == FilterId::trim) {
        out += trim_view(text);
        return true;
    }
    const std::size_t from = out.size();
    out += text;
    for (std::size_t i = from; i < out.size(); ++i) {
        char& c = out[i];
        if (n.filter == FilterId::upper && c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
        else if (n.filter == FilterId::lower && c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    }
    return true;
}

const Value& apply_filter(const Node& n, const EvalContext& ctx, Value& out) {
    Value tmp;
    const Value& in = eval(n.children[0], ctx, tmp);
    const FilterData& data = *n.data;
    std::string buffer;

    switch (n.filter) {
    case FilterId::default_value:
        return is_blank(in) && !in.is_list() && !in.is_object() ? eval(n.children[1], ctx, out)
                                                                : pass(in, tmp, out);
    case FilterId::coalesce: {
        if (!in.is_null() && !(in.is_string() && in.as_string().empty()))
            return pass(in, tmp, out);
        for (std::size_t i = 1; i < n.children.size(); ++i) {
            const Value& v = eval(n.children[i], ctx, out);
            if (!v.is_null() && !(v.is_string() && v.as_string().empty()))
                return v;
        }
        return k_null;
    }
    case FilterId::number:
        return to_number(n, in, tmp, out);
    case FilterId::integer:
        return to_int(n, in, tmp, out);
    case FilterId::boolean:
        return to_bool(n, in, tmp, out);
    default:
        break;
    }

    if (in.is_null())
        return k_null; // every text filter passes null through

    switch (n.filter) {
    case FilterId::trim: {
        const std::string_view text = text_of(in, buffer);
        const std::string_view trimmed = trim_view(text);
        if (in.is_string() && trimmed.size() == text.size())
            return pass(in, tmp, out);
        out.assign_string(trimmed);
        return out;
    }
    case FilterId::lower:
    case FilterId::upper:
        out.assign_string(text_of(in, buffer));
        case_convert(out.as_string(), n.filter == FilterId::upper);
        return out;
    case FilterId::replace: {
        const std::string from = arg_text(n, 1, ctx);
        if (from.empty())
            return pass(in, tmp, out);
        out = Value(replace_all(text_of(in, buffer), from, arg_text(n, 2, ctx)));
        return out;
    }
    case FilterId::regex_replace: {
        const std::string text(text_of(in, buffer));
        out = Value(std::regex_replace(text, *data.regex, arg_text(n, 2, ctx)));
        return out;
    }
    case FilterId::split: {
        if (in.is_list())
            return pass(in, tmp, out);
        const std::string sep = arg_text(n, 1, ctx);
        if (sep.empty())
            fail(n, "the separator of split is empty", "example: tags | split(';')");
        const std::string_view text = text_of(in, buffer);
        model::List items;
        std::size_t count = 1;
        for (auto hit = text.find(sep); hit != std::string_view::npos;
             hit = text.find(sep, hit + sep.size()))
            ++count;
        items.reserve(count);
        std::size_t pos = 0;
        for (;;) {
            const std::size_t hit = text.find(sep, pos);
            items.emplace_back(text.substr(pos, hit == std::string_view::npos ? hit : hit - pos));
            if (hit == std::string_view::npos)
                break;
            pos = hit + sep.size();
        }
        out = Value(std::move(items));
        return out;
    }
    case FilterId::join: {
        if (!in.is_list()) {
            out.assign_string(text_of(in, buffer));
            return out;
        }
        const std::string sep = arg_text(n, 1, ctx);
        std::string joined;
        bool first = true;
        for (const auto& item : in.as_list()) {
            if (item.is_null())
                continue;
            if (!first)
                joined += sep;
            first = false;
            append_value_text(item, joined);
        }
        out = Value(std::move(joined));
        return out;
    }
    case FilterId::date: {
        const std::string_view text = trim_view(text_of(in, buffer));
        if (text.empty())
            return k_null;
        auto iso = parse_date(data.date_formats, text);
        if (!iso)
            fail(n, iso.error().message, iso.error().hint);
        out = Value(std::move(*iso));
        return out;
    }
    case FilterId::truncate: {
        const std::string_view text = text_of(in, buffer);
        if (code_points(text) <= data.length) {
            if (in.is_string())
                return pass(in, tmp, out);
            out = Value(text);
            return out;
        }
        // The end marker counts in the length; when it does not fit, the text is just cut.
        const std::size_t end_len = code_points(data.end);
        const bool marker = data.length >= end_len;
        std::string cut(
            text.substr(0, prefix_bytes(text, marker ? data.length - end_len : data.length)));
        if (marker)
            cut += data.end;
        out = Value(std::move(cut));
        return out;
    }
    case FilterId::map: {
        const std::string_view key = text_of(in, buffer);
        auto it = data.map_index.find(key);
        if (it != data.map_index.end())
            return eval(n.children[it->second], ctx, out);
        if (data.map_default)
            return eval(n.children[*data.map_default], ctx, out);
        fail(n, "map has no entry for " + show_value(in),
             "add it, e.g. map(" + std::string(key) + ": '...', ...), or a default: '...'");
    }
    case FilterId::lookup: {
        const auto& table = (*ctx.lookups)[data.lookup].values;
        auto it = table.find(text_of(in, buffer));
        return it == table.end() ? k_null : it->second;
    }
    default:
        return k_null;
    }
}

} // namespace ardoq::mapping::expr
