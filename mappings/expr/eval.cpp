#include "mappings/expr/eval.hpp"

#include "mappings/expr/value_ops.hpp"

#include <algorithm>

namespace ardoq::mapping::expr {

namespace {

using model::Value;
using model::ValueKind;

const Value k_null;

[[noreturn]] void fail(const Node& n, std::string message, std::string hint = {}) {
    throw EvalFailure{&n, std::move(message), std::move(hint)};
}

std::string kind_phrase(const Value& v) {
    switch (v.kind()) {
    case ValueKind::string:
        return "the string " + show_value(v);
    case ValueKind::integer:
    case ValueKind::real:
        return "the number " + show_value(v);
    case ValueKind::boolean:
        return show_value(v);
    case ValueKind::list:
        return "a list";
    case ValueKind::object:
        return "an object";
    case ValueKind::null:
        return "null";
    }
    return "a value";
}

const Value& read_field(const Node& n, const EvalContext& ctx) {
    const ResolvedField& r = ctx.resolved[n.slot];
    const auto& values = ctx.record->values;
    if (r.index >= values.size())
        return k_null;
    const Value* v = &values[r.index];
    const auto& steps = ctx.fields->paths()[n.slot].steps;
    for (std::size_t i = r.first_step; i < steps.size(); ++i) {
        const PathStep& step = steps[i];
        if (v->is_null())
            return k_null;
        if (step.is_index) {
            if (!v->is_list())
                fail(n,
                     "cannot take item [" + std::to_string(step.index) + "] of " + kind_phrase(*v),
                     "[n] reads an item of a list; check the path " + n.text);
            const auto& list = v->as_list();
            const auto size = static_cast<std::int64_t>(list.size());
            const std::int64_t at = step.index < 0 ? size + step.index : step.index;
            if (at < 0 || at >= size)
                return k_null;
            v = &list[static_cast<std::size_t>(at)];
        } else {
            if (!v->is_object())
                fail(n, "cannot read \"" + step.name + "\" of " + kind_phrase(*v),
                     "a.b reads member b of an object; check the path " + n.text);
            const Value* member = v->find(step.name);
            if (!member)
                return k_null;
            v = member;
        }
    }
    return *v;
}

std::optional<int> order(const Node& n, const Value& a, const Value& b) {
    if (a.is_null() || b.is_null())
        return std::nullopt; // like SQL: an ordering with null is false
    auto cmp = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
    if (a.is_number() && b.is_number()) {
        if (a.is_int() && b.is_int())
            return cmp(a.as_int(), b.as_int());
        return cmp(a.as_double(), b.as_double());
    }
    if (a.is_string() && b.is_string()) {
        const int c = a.as_string().compare(b.as_string());
        return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    if ((a.is_number() && b.is_string()) || (a.is_string() && b.is_number())) {
        const Value& text = a.is_string() ? a : b;
        auto parsed = parse_number(text.as_string());
        if (!parsed)
            fail(n, "cannot compare " + show_value(text) + " with a number",
                 "compare with a 'string', or convert the value with | number");
        return a.is_string() ? order(n, *parsed, b) : order(n, a, *parsed);
    }
    const Value& bad = (a.is_string() || a.is_number()) ? b : a;
    fail(n, "cannot order " + kind_phrase(bad), "<, <=, > and >= compare numbers or strings");
}

bool compare(const Node& n, const EvalContext& ctx) {
    Value ta, tb;
    const Value& a = eval(n.children[0], ctx, ta);
    const Value& b = eval(n.children[1], ctx, tb);
    switch (n.op) {
    case CompareOp::eq:
        return values_equal(a, b);
    case CompareOp::ne:
        return !values_equal(a, b);
    default:
        break;
    }
    auto o = order(n, a, b);
    if (!o)
        return false;
    switch (n.op) {
    case CompareOp::lt:
        return *o < 0;
    case CompareOp::le:
        return *o <= 0;
    case CompareOp::gt:
        return *o > 0;
    default:
        return *o >= 0;
    }
}

bool contains(const Node& n, const EvalContext& ctx) {
    Value ta, tb;
    const Value& item = eval(n.children[0], ctx, ta);
    const Value& in = eval(n.children[1], ctx, tb);
    std::string buffer;
    switch (in.kind()) {
    case ValueKind::null:
        return false;
    case ValueKind::list:
        return std::any_of(in.as_list().begin(), in.as_list().end(),
                           [&](const Value& v) { return values_equal(item, v); });
    case ValueKind::string:
        return !item.is_null() && in.as_string().find(text_of(item, buffer)) != std::string::npos;
    case ValueKind::object:
        return !item.is_null() && in.find(text_of(item, buffer)) != nullptr;
    default:
        fail(n, "cannot look for a value in " + kind_phrase(in),
             "the right side of in is a list (['a', 'b']), a string or an object");
    }
}

bool truth(const Node& n, const Value& v) {
    if (v.is_bool())
        return v.as_bool();
    if (v.is_null())
        return false;
    if (v.is_string()) {
        if (values_equal(v, Value(true)))
            return true;
        if (values_equal(v, Value(false)))
            return false;
    }
    fail(n, "expected true or false, got " + kind_phrase(v),
         "compare the value (" + n.text + " == 'yes') or convert it (" + n.text + " | bool)");
}

bool boolean(const Node& n, const EvalContext& ctx) {
    switch (n.kind) {
    case NodeKind::compare:
        return compare(n, ctx);
    case NodeKind::all:
        return std::all_of(n.children.begin(), n.children.end(),
                           [&](const Node& c) { return boolean(c, ctx); });
    case NodeKind::any:
        return std::any_of(n.children.begin(), n.children.end(),
                           [&](const Node& c) { return boolean(c, ctx); });
    case NodeKind::negate:
        return !boolean(n.children[0], ctx);
    case NodeKind::in:
        return contains(n, ctx) != n.negated;
    case NodeKind::is_empty: {
        Value t;
        return is_blank(eval(n.children[0], ctx, t)) != n.negated;
    }
    default: {
        Value t;
        return truth(n, eval(n, ctx, t));
    }
    }
}

} // namespace

const Value& eval(const Node& n, const EvalContext& ctx, Value& scratch) {
    switch (n.kind) {
    case NodeKind::literal:
        return n.value;
    case NodeKind::field:
        return read_field(n, ctx);
    case NodeKind::concat: {
        scratch.assign_string({});
        append_text(n, ctx, scratch.as_string());
        return scratch;
    }
    case NodeKind::list: {
        model::List items;
        items.reserve(n.children.size());
        for (const auto& c : n.children) {
            Value t;
            items.push_back(eval(c, ctx, t));
        }
        scratch = Value(std::move(items));
        return scratch;
    }
    case NodeKind::filter:
        return apply_filter(n, ctx, scratch);
    default:
        scratch = Value(boolean(n, ctx));
        return scratch;
    }
}

void append_text(const Node& n, const EvalContext& ctx, std::string& out) {
    switch (n.kind) {
    case NodeKind::literal:
        append_value_text(n.value, out);
        return;
    case NodeKind::field:
        append_value_text(read_field(n, ctx), out);
        return;
    case NodeKind::concat:
        for (const auto& part : n.children)
            append_text(part, ctx, out);
        return;
    case NodeKind::filter:
        if (append_filter_text(n, ctx, out))
            return;
        [[fallthrough]];
    default: {
        Value t;
        append_value_text(eval(n, ctx, t), out);
        return;
    }
    }
}

bool eval_condition(const Node& n, const EvalContext& ctx) {
    return boolean(n, ctx);
}

} // namespace ardoq::mapping::expr
