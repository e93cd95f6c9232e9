// The Markdown report: for pull requests and wikis.

#include "report/entities.hpp"
#include "report/escape.hpp"
#include "report/formats.hpp"
#include "report/summary.hpp"

#include <algorithm>

namespace ardoq::report::detail {

namespace {

std::string changes_cell(const EntityView& v) {
    std::string out;
    if (v.detail != nullptr)
        for (const auto& c : v.detail->changes) {
            if (!out.empty())
                out += "<br>";
            out += "`" + markdown_cell(c.field) + "`: " + markdown_cell(diff_value(c.before)) +
                   " → " + markdown_cell(diff_value(c.after));
        }
    if (!v.reason.empty())
        out += (out.empty() ? "" : "<br>") + markdown_cell(v.reason);
    if (v.detail != nullptr && !v.detail->hint.empty() && v.action != plan::Action::cache_miss)
        out += "<br>_hint: " + markdown_cell(v.detail->hint) + "_";
    return out;
}

} // namespace

void write_markdown(std::ostream& out, const plan::Plan& plan, const ReportOptions& options) {
    const auto summary = summarize(plan);
    const auto& ws = plan.snapshot->workspace;
    out << "# Plan for workspace \"" << markdown_cell(ws.name) << "\"\n\n"
        << summary_sentence(summary) << "\n\n";
    const auto columns = summary_columns(summary);
    out << "| Type |";
    for (const auto& c : columns)
        out << ' ' << c.heading << " |";
    out << "\n| --- |";
    for (std::size_t i = 0; i < columns.size(); ++i)
        out << " ---: |";
    out << '\n';
    for (const auto& t : summary.types) {
        out << "| " << kind_name(t.kind) << ' ' << markdown_cell(t.type) << " |";
        for (const auto& c : columns)
            out << ' ' << count_of(t.counts, c.action) << " |";
        out << '\n';
    }
    out << "| **total** |";
    for (const auto& c : columns)
        out << " **" << count_of(summary.totals, c.action) << "** |";
    out << '\n';

    const auto details = detail_entities(plan, options.details);
    if (details.total == 0) {
        out << "\nNo changes.\n";
    } else if (options.details > 0) {
        const auto shown = std::min(options.details, details.total);
        out << "\n## Details (" << shown << " of " << details.total << ")\n\n"
            << "| Action | Situation | Type | Key | Name | Origin | Changes and reasons |\n"
            << "| --- | --- | --- | --- | --- | --- | --- |\n";
        for (std::size_t i = 0; i < shown; ++i) {
            auto v = view(plan, details.first[i]);
            out << "| " << plan::action_name(v.action) << " | " << plan::situation_name(v.situation)
                << " | " << kind_name(v.kind) << ' ' << markdown_cell(v.type) << " | "
                << markdown_cell(v.key) << " | " << markdown_cell(v.name) << " | "
                << markdown_cell(v.origin.empty() ? (v.id.empty() ? "" : "id " + v.id) : v.origin)
                << " | " << changes_cell(v) << " |\n";
        }
        if (shown < details.total)
            out << "\n_... and " << details.total - shown
                << " more: use --details N to list more, or --format json for every entity._\n";
    }
    const auto& guard = plan.guard;
    if (!guard.findings.empty()) {
        out << "\n## Delete guard\n\n**"
            << (guard.refused ? "Refused every delete." : "Allowed by --allow-deletes.")
            << "**\n\n";
        for (const auto& f : guard.findings)
            out << "- " << markdown_cell(f.message) << '\n';
        if (!guard.hint.empty())
            out << "\n> " << markdown_cell(guard.hint) << '\n';
    }
}

} // namespace ardoq::report::detail
