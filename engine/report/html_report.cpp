// The HTML report: one self-contained file (inline CSS, SVG and script; no network) with a
// chart of actions per type, a summary table and the details, sortable and filterable.

#include "report/entities.hpp"
#include "report/escape.hpp"
#include "report/formats.hpp"
#include "report/summary.hpp"

#include <algorithm>

namespace ardoq::report::detail {

namespace {

using plan::Action;

constexpr const char* k_style = R"(
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
h1{font-size:1.5em;margin:0}h2{font-size:1.15em;margin:1.6em 0 .5em}
.id{color:#777;font-family:monospace;margin:.2em 0}.sentence{font-size:1.05em}
table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ddd;padding:.3em .6em;vertical-align:top}
th{background:#f4f4f4;cursor:pointer;user-select:none;white-space:nowrap}
th[data-dir=asc]::after{content:" \25B2"}th[data-dir=desc]::after{content:" \25BC"}
td.n{text-align:right;font-variant-numeric:tabular-nums}tfoot td{font-weight:bold}
.badge{border-radius:3px;padding:0 .4em;color:#fff;font-size:.9em;white-space:nowrap}
.a-create{background:#2e7d32;fill:#2e7d32}.a-update{background:#1565c0;fill:#1565c0}
.a-delete{background:#c62828;fill:#c62828}.a-none{background:#bdbdbd;fill:#bdbdbd}
.a-conflict{background:#ef6c00;fill:#ef6c00}.a-cache_miss{background:#8e24aa;fill:#8e24aa}
.a-error{background:#212121;fill:#212121}.a-skip{background:#9e9e9e;fill:#9e9e9e}
ul.diff{margin:0;padding-left:1.1em}del{color:#b71c1c}ins{color:#1b5e20;text-decoration:none}
.reason{margin:.2em 0}.hint{color:#555;font-style:italic;margin:.2em 0}
.filters{margin:.5em 0}.filters input{width:20em}.legend span{margin-right:1em}
.guard{border-left:4px solid #c62828;padding:.2em 1em}.guard.allowed{border-color:#ef6c00}
)";

constexpr const char* k_script = R"(
(function () {
  function value(cell) {
    var t = cell.getAttribute('data-v');
    return t === null ? cell.textContent.trim() : t;
  }
  document.querySelectorAll('table.sortable th').forEach(function (th) {
    th.addEventListener('click', function () {
      var table = th.closest('table'), body = table.tBodies[0], col = th.cellIndex;
      var dir = th.getAttribute('data-dir') === 'asc' ? -1 : 1;
      table.querySelectorAll('th').forEach(function (h) { h.removeAttribute('data-dir'); });
      th.setAttribute('data-dir', dir === 1 ? 'asc' : 'desc');
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = value(a.cells[col]), y = value(b.cells[col]);
        var nx = parseFloat(x), ny = parseFloat(y);
        if (!isNaN(nx) && !isNaN(ny) && String(nx) === x && String(ny) === y) return dir * (nx - ny);
        return dir * x.localeCompare(y);
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
  var filter = document.getElementById('filter'), action = document.getElementById('action');
  function apply() {
    var text = filter.value.toLowerCase(), a = action.value;
    document.querySelectorAll('#details tbody tr').forEach(function (r) {
      var show = (!a || r.getAttribute('data-action') === a) &&
                 (!text || r.textContent.toLowerCase().indexOf(text) >= 0);
      r.style.display = show ? '' : 'none';
    });
  }
  if (filter) { filter.addEventListener('input', apply); action.addEventListener('change', apply); }
})();
)";

std::string css_class(Action a) {
    auto name = std::string(plan::action_name(a));
    return "a-" + (a == Action::none ? std::string("none") : name);
}

std::string label(const TypeCounts& t) {
    return std::string(kind_name(t.kind)) + " " + t.type;
}

// Horizontal stacked bars, one per type, scaled to the largest total.
void write_chart(std::ostream& out, const Summary& s, const std::vector<Column>& columns) {
    constexpr int k_label = 240, k_width = 560, k_row = 26;
    std::uint64_t max_total = 1;
    for (const auto& t : s.types) {
        std::uint64_t total = 0;
        for (auto c : t.counts)
            total += c;
        max_total = std::max(max_total, total);
    }
    const auto height = static_cast<int>(s.types.size()) * k_row + 4;
    out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << k_label + k_width + 80
        << "\" height=\"" << height << "\" role=\"img\" aria-label=\"actions per type\">\n";
    int y = 2;
    for (const auto& t : s.types) {
        out << "<text x=\"0\" y=\"" << y + 17 << "\" font-size=\"13\">" << html_escape(label(t))
            << "</text>";
        double x = k_label;
        std::uint64_t total = 0;
        for (const auto& c : columns) {
            const auto n = count_of(t.counts, c.action);
            total += n;
            if (n == 0)
                continue;
            double w =
                std::max(2.0, static_cast<double>(n) / static_cast<double>(max_total) * k_width);
            out << "<rect class=\"" << css_class(c.action) << "\" x=\"" << static_cast<int>(x)
                << "\" y=\"" << y + 3 << "\" width=\"" << static_cast<int>(w + 0.5)
                << "\" height=\"18\"><title>" << html_escape(c.heading) << ": " << n
                << "</title></rect>";
            x += w;
        }
        out << "<text x=\"" << static_cast<int>(x) + 6 << "\" y=\"" << y + 17
            << "\" font-size=\"12\" fill=\"#555\">" << total << "</text>\n";
        y += k_row;
    }
    out << "</svg>\n<div class=\"legend\">";
    for (const auto& c : columns)
        out << "<span><span class=\"badge " << css_class(c.action) << "\">&nbsp;</span> "
            << html_escape(c.heading) << "</span>";
    out << "</div>\n";
}

void write_summary_table(std::ostream& out, const Summary& s, const std::vector<Column>& columns) {
    out << "<table class=\"sortable\" id=\"summary\"><thead><tr><th>Type</th>";
    for (const auto& c : columns)
        out << "<th>" << html_escape(c.heading) << "</th>";
    out << "</tr></thead><tbody>\n";
    for (const auto& t : s.types) {
        out << "<tr><td>" << html_escape(label(t)) << "</td>";
        for (const auto& c : columns)
            out << "<td class=\"n\">" << count_of(t.counts, c.action) << "</td>";
        out << "</tr>\n";
    }
    out << "</tbody><tfoot><tr><td>total</td>";
    for (const auto& c : columns)
        out << "<td class=\"n\">" << count_of(s.totals, c.action) << "</td>";
    out << "</tr></tfoot></table>\n";
}

void write_detail_row(std::ostream& out, const EntityView& v) {
    const std::string action(plan::action_name(v.action));
    out << "<tr data-action=\"" << action << "\"><td><span class=\"badge " << css_class(v.action)
        << "\">" << html_escape(action == "cache_miss" ? "cache miss" : action)
        << "</span></td><td>" << plan::situation_name(v.situation) << "</td><td>"
        << kind_name(v.kind) << ' ' << html_escape(v.type) << "</td><td>" << html_escape(v.key)
        << "</td><td>" << html_escape(v.name) << "</td><td>"
        << html_escape(v.origin.empty() ? (v.id.empty() ? "" : "id " + v.id) : v.origin)
        << "</td><td>";
    if (v.detail != nullptr && !v.detail->changes.empty()) {
        out << "<ul class=\"diff\">";
        for (const auto& c : v.detail->changes)
            out << "<li><code>" << html_escape(c.field) << "</code>: <del>"
                << html_escape(diff_value(c.before)) << "</del> → <ins>"
                << html_escape(diff_value(c.after)) << "</ins></li>";
        out << "</ul>";
    }
    if (!v.reason.empty())
        out << "<p class=\"reason\">" << html_escape(v.reason) << "</p>";
    if (v.detail != nullptr && !v.detail->hint.empty() && v.action != Action::cache_miss)
        out << "<p class=\"hint\">hint: " << html_escape(v.detail->hint) << "</p>";
    out << "</td></tr>\n";
}

} // namespace

void write_html(std::ostream& out, const plan::Plan& plan, const ReportOptions& options) {
    const auto summary = summarize(plan);
    const auto columns = summary_columns(summary);
    const auto& ws = plan.snapshot->workspace;
    out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Plan: "
        << html_escape(ws.name) << "</title>\n<style>" << k_style << "</style></head><body>\n"
        << "<h1>Plan for workspace &ldquo;" << html_escape(ws.name)
        << "&rdquo;</h1>\n<p class=\"id\">" << html_escape(ws.id) << "</p>\n<p class=\"sentence\">"
        << html_escape(summary_sentence(summary)) << "</p>\n"
        << "<h2>Actions per type</h2>\n";
    write_chart(out, summary, columns);
    out << "<h2>Summary</h2>\n";
    write_summary_table(out, summary, columns);
    const auto& guard = plan.guard;
    if (!guard.findings.empty()) {
        out << "<h2>Delete guard</h2>\n<div class=\"guard" << (guard.refused ? "" : " allowed")
            << "\"><p><strong>"
            << (guard.refused ? "Refused every delete." : "Allowed by --allow-deletes.")
            << "</strong></p><ul>";
        for (const auto& f : guard.findings)
            out << "<li>" << html_escape(f.message) << "</li>";
        out << "</ul>";
        if (!guard.hint.empty())
            out << "<p class=\"hint\">" << html_escape(guard.hint) << "</p>";
        out << "</div>\n";
    }
    const auto details = detail_entities(plan, options.details);
    if (details.total == 0) {
        out << "<p>No changes.</p>\n";
    } else if (options.details > 0) {
        const auto shown = std::min(options.details, details.total);
        out << "<h2>Details (" << shown << " of " << details.total
            << ")</h2>\n<div class=\"filters\">"
            << "<input id=\"filter\" type=\"search\" placeholder=\"Filter by any text\"> "
            << "<select id=\"action\"><option value=\"\">all actions</option>";
        for (const auto& c : columns)
            if (c.action != Action::none && count_of(summary.totals, c.action) > 0)
                out << "<option value=\"" << plan::action_name(c.action) << "\">"
                    << html_escape(c.heading) << "</option>";
        out << "</select></div>\n<table class=\"sortable\" "
               "id=\"details\"><thead><tr><th>Action</th>"
            << "<th>Situation</th><th>Type</th><th>Key</th><th>Name</th><th>Origin</th>"
            << "<th>Changes and reasons</th></tr></thead><tbody>\n";
        for (std::size_t i = 0; i < shown; ++i)
            write_detail_row(out, view(plan, details.first[i]));
        out << "</tbody></table>\n";
        if (shown < details.total)
            out << "<p>&hellip; and " << details.total - shown
                << " more: use --details N to list more, or --format json for every entity.</p>\n";
    }
    out << "<script>" << k_script << "</script>\n</body></html>\n";
}

} // namespace ardoq::report::detail
