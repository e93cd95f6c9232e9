#include "report/report.hpp"

#include "engine/plan_fixture.hpp"
#include "engine/report_fixture.hpp"

#include <boost/json.hpp>
#include <doctest/doctest.h>

#include <sstream>

using namespace ardoq;
using report::Format;

namespace {
std::string render(const plan::Plan& p, Format f, std::size_t details = 20) {
    std::ostringstream out;
    report::write_report(out, p, f, {details});
    return out.str();
}

const std::string k_table =
    "                       create  update  delete  unchanged  conflict  cache-miss  error  skip\n"
    "component Application       1       1       1          1         0           0      1     1\n"
    "component Domain            0       0       0          1         0           0      0     0\n"
    "component Server            0       0       0          0         1           0      0     0\n"
    "reference Depends on        1       0       0          1         0           0      0     0\n"
    "total                       2       1       1          3         1           0      1     1\n";
} // namespace

TEST_CASE("report: text report has a types × actions table, then details capped by --details N "
          "with field diffs") {
    auto p = test::varied_plan();
    CHECK(
        render(p, Format::text, 4) ==
        "Plan for workspace \"Portfolio\" (a00000000000000000000001)\n"
        "2 to create, 1 to update, 1 to delete, 3 unchanged, 1 conflict, 0 cache misses, 1 error, "
        "1 skipped\n"
        "\n" +
            k_table +
            "\n"
            "Details (4 of 7):\n"
            "x error      Application \"app-5\" Orphan (apps.csv:7)\n"
            "      its parent Domain \"dom-9\" exists neither in the source nor in Ardoq\n"
            "      hint: add it to the source or create it in Ardoq, or set sync.on_unresolved: "
            "skip to "
            "leave such entities out\n"
            "! conflict   Server \"srv-1\" db01 (apps.csv:8)\n"
            "      key \"srv-1\" is used by 2 components in Ardoq: Server c00000000000000000000005 "
            "\"db01\", Server c00000000000000000000006 \"db01 copy\"\n"
            "      hint: make \"external_id\" unique in Ardoq (an upsert that matches several "
            "components fails)\n"
            "- delete     Application \"app-3\" Old <legacy> | tool (id c00000000000000000000004)\n"
            "      in Ardoq but no longer in the source (sync.deletes: mirror)\n"
            "~ update     Application \"app-1\" CRM (apps.csv:3)\n"
            "      name: \"crm\" → \"CRM\"\n"
            "      cost: 10 → 12.5\n"
            "... and 3 more: use --details N to list more, or --format json for every entity\n");
    // All details, and none.
    auto all = render(p, Format::text, 100);
    CHECK(all.find("Details (7 of 7):\n") != std::string::npos);
    CHECK(all.find("+ create     Application \"app-4\" Billing (apps.csv:5)\n") !=
          std::string::npos);
    CHECK(all.find(". skip       Application \"app-4\" Billing again (apps.csv:6)\n"
                   "      duplicate of key \"app-4\" from apps.csv:5, which is kept "
                   "(sync.on_duplicate: first)\n") != std::string::npos);
    CHECK(all.find("and 0 more") == std::string::npos);
    CHECK(render(p, Format::text, 0).find("Details") == std::string::npos);
}

TEST_CASE("report: text report of a refused delete guard says why and how to override") {
    auto p = test::varied_plan(true);
    auto text = render(p, Format::text, 0);
    CHECK(text.substr(text.find("\nDelete guard")) ==
          "\nDelete guard: refused every delete\n"
          "  1 of 3 Application components would be deleted (33.3%), above sync.max_delete_ratio "
          "(10.0%)\n"
          "  hint: nothing will be deleted; if the source is complete and these deletes are "
          "intended, run "
          "again with --allow-deletes (or raise sync.max_delete_ratio / sync.max_deletes)\n");
    CHECK(render(p, Format::text, 10)
              .find("? cache miss Application \"app-3\" Old <legacy> | tool (id "
                    "c00000000000000000000004)\n"
                    "      delete refused by the delete guard\n") != std::string::npos);
}

TEST_CASE("report: a plan without changes says so") {
    test::PlanFixture f;
    f.existing("Application", "app-1", "A");
    f.want("Application", "app-1", "A", 2);
    auto p = f.run();
    CHECK(render(p, Format::text) ==
          "Plan for workspace \"Portfolio\" (a00000000000000000000001)\n"
          "0 to create, 0 to update, 0 to delete, 1 unchanged, 0 conflicts, 0 cache "
          "misses\n"
          "\n"
          "                       create  update  delete  unchanged  conflict  cache-miss\n"
          "component Application       0       0       0          1         0           0\n"
          "total                       0       0       0          1         0           0\n"
          "\n"
          "No changes.\n");
}

TEST_CASE("report: JSON report has format_version and every entity, sorted by kind, type and key") {
    auto p = test::varied_plan();
    auto text = render(p, Format::json);
    auto doc = boost::json::parse(text).as_object();
    CHECK(doc.at("format_version") == 1);
    CHECK(
        boost::json::serialize(doc.at("summary")) ==
        R"j({"create":2,"update":1,"delete":1,"unchanged":3,"conflict":1,"cache_miss":0,"error":1,"skip":1})j");
    const auto& entities = doc.at("entities").as_array();
    // One entity per line, as written (re-serialising would reformat numbers).
    std::vector<std::string> lines;
    for (auto at = text.find("\"entities\":[\n"); at != std::string::npos;) {
        auto start = text.find('\n', at) + 1;
        auto end = text.find('\n', start);
        if (end == std::string::npos || text.compare(start, 2, "]}") == 0)
            break;
        std::string line = text.substr(start, end - start);
        if (!line.empty() && line.back() == ',')
            line.pop_back();
        lines.push_back(line);
        at = end;
    }
    CHECK(lines.size() == entities.size());
    REQUIRE(entities.size() == p.components.size() + p.references.size());
    std::string order;
    for (const auto& e : entities)
        order += std::string(e.at("type").as_string()) + " " +
                 std::string(e.at("key").as_string()) + " " +
                 std::string(e.at("action").as_string()) + "\n";
    CHECK(order == "Application app-1 update\n"
                   "Application app-2 none\n"
                   "Application app-3 delete\n"
                   "Application app-4 create\n"
                   "Application app-4 skip\n"
                   "Application app-5 error\n"
                   "Domain dom-1 none\n"
                   "Server srv-1 conflict\n"
                   "Depends on app-1 → app-2 none\n"
                   "Depends on app-4 → app-1 create\n");
    CHECK(
        lines.at(0) ==
        R"j({"kind":"component","type":"Application","key":"app-1","name":"CRM","situation":"changed","action":"update","id":"c00000000000000000000002","origin":"apps.csv:3","reason":null,"hint":null,"changes":[{"field":"name","before":"crm","after":"CRM"},{"field":"cost","before":10,"after":12.5}]})j");
    CHECK(
        lines.at(2) ==
        R"j({"kind":"component","type":"Application","key":"app-3","name":"Old <legacy> | tool","situation":"missing","action":"delete","id":"c00000000000000000000004","origin":null,"reason":"in Ardoq but no longer in the source (sync.deletes: mirror)","hint":null,"changes":[]})j");
    CHECK(
        lines.at(9) ==
        R"j({"kind":"reference","type":"Depends on","key":"app-4 → app-1","source":"app-4","target":"app-1","situation":"absent","action":"create","id":null,"origin":"deps.json:2","reason":null,"hint":null,"changes":[]})j");
    CHECK(boost::json::serialize(doc.at("delete_guard")) ==
          R"j({"refused":false,"overridden":false,"findings":[],"hint":null})j");
    CHECK(boost::json::serialize(doc.at("identity")) ==
          R"j({"by":"field","field":"external_id"})j");
    CHECK(doc.at("deletes") == "mirror");
}

TEST_CASE("report: JSON report is stable whatever the order of the source records") {
    auto make = [](bool reversed) {
        test::PlanFixture f;
        f.existing("Application", "app-9", "Gone");
        std::vector<std::pair<std::string, std::string>> apps{
            {"app-2", "B"}, {"app-1", "A\t\"quoted\"\n"}, {"app-3", "C"}};
        if (reversed)
            std::reverse(apps.begin(), apps.end());
        for (const auto& [k, n] : apps)
            f.want("Application", k, n, k == "app-1" ? 2 : k == "app-2" ? 3 : 4);
        return render(f.run(), Format::json);
    };
    auto a = make(false);
    CHECK(a == make(true));
    CHECK(a.find(R"("name":"A\t\"quoted\"\n")") != std::string::npos);
    CHECK(boost::json::parse(a).at("entities").as_array().size() == 4);
}

TEST_CASE("report: Markdown report has the summary table and the details with diffs") {
    auto p = test::varied_plan();
    CHECK(
        render(p, Format::markdown, 4) ==
        "# Plan for workspace \"Portfolio\"\n"
        "\n"
        "2 to create, 1 to update, 1 to delete, 3 unchanged, 1 conflict, 0 cache misses, 1 error, "
        "1 skipped\n"
        "\n"
        "| Type | create | update | delete | unchanged | conflict | cache-miss | error | skip |\n"
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
        "| component Application | 1 | 1 | 1 | 1 | 0 | 0 | 1 | 1 |\n"
        "| component Domain | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 |\n"
        "| component Server | 0 | 0 | 0 | 0 | 1 | 0 | 0 | 0 |\n"
        "| reference Depends on | 1 | 0 | 0 | 1 | 0 | 0 | 0 | 0 |\n"
        "| **total** | **2** | **1** | **1** | **3** | **1** | **0** | **1** | **1** |\n"
        "\n"
        "## Details (4 of 7)\n"
        "\n"
        "| Action | Situation | Type | Key | Name | Origin | Changes and reasons |\n"
        "| --- | --- | --- | --- | --- | --- | --- |\n"
        "| error | unresolved | component Application | app-5 | Orphan | apps.csv:7 | its parent "
        "Domain "
        "\"dom-9\" exists neither in the source nor in Ardoq<br>_hint: add it to the source or "
        "create it in "
        "Ardoq, or set sync.on_unresolved: skip to leave such entities out_ |\n"
        "| conflict | ambiguous | component Server | srv-1 | db01 | apps.csv:8 | key \"srv-1\" is "
        "used by 2 "
        "components in Ardoq: Server c00000000000000000000005 \"db01\", Server "
        "c00000000000000000000006 "
        "\"db01 copy\"<br>_hint: make \"external_id\" unique in Ardoq (an upsert that matches "
        "several "
        "components fails)_ |\n"
        "| delete | missing | component Application | app-3 | Old &lt;legacy&gt; \\| tool | id "
        "c00000000000000000000004 | in Ardoq but no longer in the source (sync.deletes: mirror) |\n"
        "| update | changed | component Application | app-1 | CRM | apps.csv:3 | `name`: \"crm\" → "
        "\"CRM\"<br>"
        "`cost`: 10 → 12.5 |\n"
        "\n"
        "_... and 3 more: use --details N to list more, or --format json for every entity._\n");
    CHECK(render(test::varied_plan(true), Format::markdown, 0)
              .find("## Delete guard\n\n**Refused every delete.**\n\n- 1 of 3 Application "
                    "components would be "
                    "deleted (33.3%), above sync.max_delete_ratio (10.0%)\n") != std::string::npos);
}

namespace {
// Tags opened and closed in order (void elements aside; script and style are opaque).
std::string unbalanced_tags(const std::string& html) {
    std::vector<std::string> stack;
    for (std::size_t i = html.find('<'); i != std::string::npos; i = html.find('<', i + 1)) {
        if (html.compare(i, 9, "<!DOCTYPE") == 0)
            continue;
        auto end = html.find('>', i);
        std::string tag = html.substr(i + 1, end - i - 1);
        bool closing = !tag.empty() && tag[0] == '/';
        std::string name = tag.substr(closing ? 1 : 0,
                                      tag.find_first_of(" >", closing ? 1 : 0) - (closing ? 1 : 0));
        if (name == "meta" || name == "input" || name == "br")
            continue;
        if (!closing && (name == "script" || name == "style")) {
            i = html.find("</" + name + ">", i);
            continue;
        }
        if (!closing) {
            stack.push_back(name);
        } else if (stack.empty() || stack.back() != name) {
            return "unexpected </" + name + "> at " + std::to_string(i);
        } else {
            stack.pop_back();
        }
    }
    return stack.empty() ? "" : "unclosed <" + stack.back() + ">";
}
} // namespace

TEST_CASE("report: HTML report is one self-contained file with a chart, sortable and filterable "
          "tables and diffs") {
    auto p = test::varied_plan();
    auto html = render(p, Format::html);
    CHECK(html.rfind("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">", 0) == 0);
    CHECK(unbalanced_tags(html) == "");
    // No network: nothing is loaded from anywhere (the SVG namespace is a name, not a fetch).
    CHECK(html.find(" src=") == std::string::npos);
    CHECK(html.find(" href=") == std::string::npos);
    CHECK(html.find("@import") == std::string::npos);
    CHECK(html.find("url(") == std::string::npos);
    // Chart: one bar per action of each type, with its count.
    CHECK(html.find("<rect class=\"a-create\" x=\"240\" y=\"5\" width=\"93\" "
                    "height=\"18\"><title>create: 1</title></rect>") != std::string::npos);
    CHECK(html.find("<rect class=\"a-conflict\" x=\"240\" y=\"57\" width=\"93\" "
                    "height=\"18\"><title>conflict: 1</title></rect>") != std::string::npos);
    // Tables, filter and sorting script.
    CHECK(html.find("<table class=\"sortable\" id=\"summary\">") != std::string::npos);
    CHECK(html.find("<table class=\"sortable\" id=\"details\">") != std::string::npos);
    CHECK(html.find("<input id=\"filter\" type=\"search\"") != std::string::npos);
    CHECK(html.find("<option value=\"conflict\">conflict</option>") != std::string::npos);
    CHECK(html.find("<option value=\"none\">") == std::string::npos);
    CHECK(html.find("addEventListener('click'") != std::string::npos);
    // Details: escaped text and field diffs.
    CHECK(html.find("<td>Old &lt;legacy&gt; | tool</td>") != std::string::npos);
    CHECK(html.find("<li><code>cost</code>: <del>10</del> → <ins>12.5</ins></li>") !=
          std::string::npos);
    CHECK(html.find("<tr data-action=\"error\">") < html.find("<tr data-action=\"conflict\">"));
    CHECK(html.find("Details (7 of 7)") != std::string::npos);
    auto refused = render(test::varied_plan(true), Format::html, 2);
    CHECK(unbalanced_tags(refused) == "");
    CHECK(refused.find("<div class=\"guard\"><p><strong>Refused every delete.</strong></p>") !=
          std::string::npos);
    CHECK(refused.find("&hellip; and 5 more") != std::string::npos);
}

TEST_CASE("report: format names") {
    CHECK(report::parse_format("text") == Format::text);
    CHECK(report::parse_format("json") == Format::json);
    CHECK(report::parse_format("markdown") == Format::markdown);
    CHECK(report::parse_format("md") == Format::markdown);
    CHECK(report::parse_format("html") == Format::html);
    CHECK_FALSE(report::parse_format("xml"));
}
