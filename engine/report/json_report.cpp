// The JSON report (docs/report-format.md): versioned, every entity, stable order. Streamed,
// not built as a document: a plan may hold millions of entities.

#include "report/entities.hpp"
#include "report/escape.hpp"
#include "report/formats.hpp"
#include "report/summary.hpp"

namespace ardoq::report::detail {

namespace {

using plan::Action;

constexpr int k_format_version = 1;

const char* const k_count_names[] = {"create",   "update",     "delete", "unchanged",
                                     "conflict", "cache_miss", "error",  "skip"};
constexpr Action k_count_actions[] = {Action::create, Action::update,   Action::remove,
                                      Action::none,   Action::conflict, Action::cache_miss,
                                      Action::error,  Action::skip};

void write_counts(std::ostream& out, const Counts& c) {
    for (std::size_t i = 0; i < std::size(k_count_actions); ++i)
        out << (i ? "," : "") << '"' << k_count_names[i]
            << "\":" << count_of(c, k_count_actions[i]);
}

void write_optional(std::ostream& out, std::string_view s) {
    if (s.empty())
        out << "null";
    else
        write_json_string(out, s);
}

void write_entity(std::ostream& out, const EntityView& v) {
    out << "{\"kind\":\"" << kind_name(v.kind) << "\",\"type\":";
    write_json_string(out, v.type);
    out << ",\"key\":";
    write_json_string(out, v.key);
    if (v.kind == plan::EntityKind::component) {
        out << ",\"name\":";
        write_json_string(out, v.name);
    } else {
        out << ",\"source\":";
        write_json_string(out, v.source);
        out << ",\"target\":";
        write_json_string(out, v.target);
    }
    out << ",\"situation\":\"" << plan::situation_name(v.situation) << "\",\"action\":\""
        << plan::action_name(v.action) << "\",\"id\":";
    write_optional(out, v.id);
    out << ",\"origin\":";
    write_optional(out, v.origin);
    out << ",\"reason\":";
    write_optional(out, v.reason);
    out << ",\"hint\":";
    write_optional(out, v.detail ? std::string_view(v.detail->hint) : std::string_view());
    out << ",\"changes\":[";
    if (v.detail != nullptr)
        for (std::size_t i = 0; i < v.detail->changes.size(); ++i) {
            const auto& c = v.detail->changes[i];
            out << (i ? "," : "") << "{\"field\":";
            write_json_string(out, c.field);
            out << ",\"before\":" << c.before.to_json() << ",\"after\":" << c.after.to_json()
                << '}';
        }
    out << "]}";
}

} // namespace

void write_json(std::ostream& out, const plan::Plan& plan) {
    const auto summary = summarize(plan);
    const auto& ws = plan.snapshot->workspace;
    out << "{\"format_version\":" << k_format_version << ",\"workspace\":{\"id\":";
    write_json_string(out, ws.id);
    out << ",\"name\":";
    write_json_string(out, ws.name);
    out << "},\"identity\":";
    if (plan.identity.kind == model::IdentityKind::name) {
        out << "{\"by\":\"name\"}";
    } else {
        out << "{\"by\":\"field\",\"field\":";
        write_json_string(out, plan.identity.field);
        out << '}';
    }
    const char* deletes = plan.deletes == model::DeleteMode::none     ? "none"
                          : plan.deletes == model::DeleteMode::mirror ? "mirror"
                                                                      : "report";
    out << ",\"deletes\":\"" << deletes << "\",\"summary\":{";
    write_counts(out, summary.totals);
    out << "},\"types\":[";
    for (std::size_t i = 0; i < summary.types.size(); ++i) {
        const auto& t = summary.types[i];
        out << (i ? "," : "") << "{\"kind\":\"" << kind_name(t.kind) << "\",\"type\":";
        write_json_string(out, t.type);
        out << ',';
        write_counts(out, t.counts);
        out << '}';
    }
    const auto& g = plan.guard;
    out << "],\"delete_guard\":{\"refused\":" << (g.refused ? "true" : "false")
        << ",\"overridden\":" << (g.overridden ? "true" : "false") << ",\"findings\":[";
    for (std::size_t i = 0; i < g.findings.size(); ++i) {
        const auto& f = g.findings[i];
        out << (i ? "," : "") << "{\"kind\":\"" << kind_name(f.kind) << "\",\"type\":";
        write_optional(out, f.type);
        out << ",\"deletes\":" << f.deletes << ",\"owned\":" << f.owned << ",\"message\":";
        write_json_string(out, f.message);
        out << '}';
    }
    out << "],\"hint\":";
    write_optional(out, g.hint);
    out << "},\"entities\":[";
    bool first = true;
    for (auto ref : all_entities(plan)) {
        out << (first ? "\n" : ",\n");
        first = false;
        write_entity(out, view(plan, ref));
    }
    out << "\n]}\n";
}

} // namespace ardoq::report::detail
