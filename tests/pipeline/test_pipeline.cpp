#include "pipeline/pipeline.hpp"

#include "model/errors.hpp"
#include "pipeline/counting_source.hpp"
#include "support/process.hpp"
#include "tests/mappings/memory_source.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>

using namespace ardoq;
namespace fs = std::filesystem;

namespace {

// A copy of samples/portfolio to plan in.
std::string portfolio_copy() {
    const std::string dir = test::make_temp_dir("ardoq-pipeline");
    fs::copy(fs::path(test::source_dir()) / "samples" / "portfolio", dir,
             fs::copy_options::recursive);
    return dir;
}

pipeline::RunSettings settings_for(const std::string& dir) {
    pipeline::RunSettings s;
    s.mapping_file = dir + "/mapping.yaml";
    s.target.target = "file:" + dir + "/snapshot.json";
    s.cache_dir = dir + "/.ardoq-sync/cache";
    return s;
}

} // namespace

TEST_CASE("pipeline: the progress bar shows label, bar, percentage and counts") {
    using pipeline::TerminalProgress;
    CHECK(TerminalProgress::render("apply", 9000, 20000, 20) ==
          "apply  [#########...........]  45% 9000/20000");
    CHECK(TerminalProgress::render("apply", 0, 8, 4) == "apply  [....]   0% 0/8");
    CHECK(TerminalProgress::render("apply", 9, 8, 4) == "apply  [####] 100% 8/8");
    CHECK(TerminalProgress::render("reading apps", 1234, 0) == "reading apps  1234");
}

TEST_CASE("pipeline: the progress bar redraws in place and clears its line when done") {
    std::FILE* out = std::tmpfile();
    REQUIRE(out != nullptr);
    {
        pipeline::TerminalProgress p(out, std::chrono::milliseconds(0));
        p.start("apply", 2048);
        p.update(1);    // not a multiple of 1024: not drawn
        p.update(1024); // drawn
        p.update(2048); // complete: drawn
        p.finish();
    }
    std::rewind(out);
    std::string text(4096, '\0');
    text.resize(std::fread(text.data(), 1, text.size(), out));
    std::fclose(out);
    CHECK(text == "\r\033[Kapply  [..............................]   0% 0/2048"
                  "\r\033[Kapply  [###############...............]  50% 1024/2048"
                  "\r\033[Kapply  [##############################] 100% 2048/2048"
                  "\r\033[K");
}

TEST_CASE("pipeline: the counting opener counts each source's records once") {
    test::MemorySources sources;
    test::Table apps;
    apps.columns = {"id"};
    apps.rows = {{model::Value("1")}, {model::Value("2")}, {model::Value("3")}};
    sources.add("apps", apps).add("empty", test::Table{{"id"}, {}, true, 0});
    pipeline::RecordCounts counts;
    pipeline::NullProgress progress;
    auto open = pipeline::counting_opener(sources.opener(), counts, progress);
    model::SourceSpec spec;
    spec.name = "apps";
    {
        auto source = open(spec);
        model::Record r;
        while (source->next(r)) {
        }
    }
    spec.name = "empty";
    { auto source = open(spec); } // dropped unread: counted as it stands
    spec.name = "apps";
    {
        auto source = open(spec); // opened again (a lookup, then rules): counted once
        model::Record r;
        CHECK(source->next(r));
    }
    REQUIRE(counts.counts().size() == 2);
    CHECK(counts.counts()[0].source == "apps");
    CHECK(counts.counts()[0].records == 3);
    CHECK(counts.counts()[1].source == "empty");
    CHECK(counts.counts()[1].records == 0);
    CHECK(counts.total() == 3);
}

TEST_CASE("pipeline: plan_run chains the steps on the portfolio sample") {
    const std::string dir = portfolio_copy();
    pipeline::NullProgress progress;
    std::string connected;
    auto run = pipeline::plan_run(settings_for(dir), progress,
                                  [&](const pipeline::Workspace& ws) { connected = ws.workspace; });
    CHECK(connected == "aaaaaaaaaaaaaaaaaaaaaa01");
    CHECK(run.workspace.target_text == "file:" + dir + "/snapshot.json");
    CHECK(run.workspace.cache_key == "");
    REQUIRE(run.sources.records.size() == 2);
    CHECK(run.sources.records[0].source == "apps");
    CHECK(run.sources.records[0].records == 6);
    CHECK(run.sources.records[1].source == "deps");
    CHECK(run.sources.records[1].records == 3);
    CHECK(run.sources.desired->components.size() == 8); // 3 domains + 5 applications
    CHECK(run.sources.desired->references.size() == 3);
    CHECK(run.plan.count(plan::Action::create) == 7);
    CHECK(run.plan.count(plan::Action::update) == 1);
    CHECK(run.plan.count(plan::Action::none) == 3);
    CHECK(run.plan.count(plan::Action::cache_miss) == 1);
    CHECK(run.problems.items().empty());
    fs::remove_all(dir);
}

TEST_CASE("pipeline: a mapping that does not fit the workspace stops before any source is read") {
    const std::string dir = portfolio_copy();
    std::string text = test::read_file(dir + "/mapping.yaml");
    text.replace(text.find("type: Application\n"), 17, "type: Aplication");
    test::write_file(dir + "/mapping.yaml", text);
    fs::remove(dir + "/apps.csv"); // reading it would fail: it must not be read
    pipeline::NullProgress progress;
    std::string message;
    try {
        pipeline::plan_run(settings_for(dir), progress);
    } catch (const model::InputError& e) {
        for (const auto& d : e.diagnostics())
            message += d.to_string() + "\n";
    }
    CHECK(message == dir + "/mapping.yaml:19:11: error: unknown component type \"Aplication\"\n"
                           "  hint: did you mean \"Application\"?\n");
    fs::remove_all(dir);
}

TEST_CASE("pipeline: offline against an HTTP target without a cache says how to fill it") {
    const std::string dir = portfolio_copy();
    auto settings = settings_for(dir);
    settings.target.target = "http://127.0.0.1:9";
    settings.offline = true;
    pipeline::NullProgress progress;
    std::string message;
    try {
        pipeline::plan_run(settings, progress);
    } catch (const model::InputError& e) {
        message = e.diagnostics().front().to_string();
    }
    CHECK(message == "--offline: error: no cached snapshot of workspace \"Application "
                     "Portfolio\" for 127.0.0.1_9 in " +
                         dir +
                         "/.ardoq-sync/cache\n  hint: run once without --offline to fetch it "
                         "(`ardoq-sync cache show` lists what is cached)");
    fs::remove_all(dir);
}
