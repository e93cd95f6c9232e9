// The text report: a types × actions table, then the details that matter, capped.

#include "report/entities.hpp"
#include "report/formats.hpp"
#include "report/summary.hpp"

#include <algorithm>
#include <iomanip>

namespace ardoq::report::detail {

namespace {

using plan::Action;

char symbol(Action a) {
    switch (a) {
    case Action::create:
        return '+';
    case Action::update:
        return '~';
    case Action::remove:
        return '-';
    case Action::conflict:
        return '!';
    case Action::cache_miss:
        return '?';
    case Action::error:
        return 'x';
    case Action::skip:
        return '.';
    case Action::none:
        return ' ';
    }
    return ' ';
}

std::string row_label(const TypeCounts& t) {
    return std::string(kind_name(t.kind)) + " " + t.type;
}

void write_table(std::ostream& out, const Summary& s) {
    const auto columns = summary_columns(s);
    std::size_t label = 5; // "total"
    for (const auto& t : s.types)
        label = std::max(label, row_label(t).size());
    auto line = [&](const std::string& name, const Counts& counts) {
        out << std::left << std::setw(static_cast<int>(label)) << name << std::right;
        for (const auto& c : columns)
            out << "  " << std::setw(static_cast<int>(c.heading.size()))
                << count_of(counts, c.action);
        out << '\n';
    };
    out << std::string(label, ' ');
    for (const auto& c : columns)
        out << "  " << c.heading;
    out << '\n';
    for (const auto& t : s.types)
        line(row_label(t), t.counts);
    line("total", s.totals);
}

void write_entity(std::ostream& out, const EntityView& v) {
    std::string action(plan::action_name(v.action));
    if (action == "cache_miss")
        action = "cache miss";
    out << symbol(v.action) << ' ' << std::left << std::setw(10) << action << std::right << ' '
        << v.type << " \"" << v.key << '"';
    if (!v.name.empty() && v.name != v.key)
        out << ' ' << v.name;
    if (!v.origin.empty())
        out << " (" << v.origin << ')';
    else if (!v.id.empty())
        out << " (id " << v.id << ')';
    out << '\n';
    if (v.detail != nullptr)
        for (const auto& c : v.detail->changes)
            out << "      " << c.field << ": " << diff_value(c.before) << " → "
                << diff_value(c.after) << '\n';
    if (!v.reason.empty())
        out << "      " << v.reason << '\n';
    if (v.detail != nullptr && !v.detail->hint.empty() && v.action != Action::cache_miss)
        out << "      hint: " << v.detail->hint << '\n';
}

} // namespace

void write_text(std::ostream& out, const plan::Plan& plan, const ReportOptions& options) {
    const auto summary = summarize(plan);
    const auto& ws = plan.snapshot->workspace;
    out << "Plan for workspace \"" << ws.name << "\" (" << ws.id << ")\n"
        << summary_sentence(summary) << "\n\n";
    write_table(out, summary);
    const auto details = detail_entities(plan, options.details);
    if (details.total == 0) {
        out << "\nNo changes.\n";
    } else if (options.details > 0) {
        const auto shown = std::min(options.details, details.total);
        out << "\nDetails (" << shown << " of " << details.total << "):\n";
        for (std::size_t i = 0; i < shown; ++i)
            write_entity(out, view(plan, details.first[i]));
        if (shown < details.total)
            out << "... and " << details.total - shown
                << " more: use --details N to list more, or --format json for every entity\n";
    }
    const auto& guard = plan.guard;
    if (!guard.findings.empty()) {
        out << "\nDelete guard: "
            << (guard.refused ? "refused every delete" : "allowed by --allow-deletes") << '\n';
        for (const auto& f : guard.findings)
            out << "  " << f.message << '\n';
        if (!guard.hint.empty())
            out << "  hint: " << guard.hint << '\n';
    }
}

} // namespace ardoq::report::detail
