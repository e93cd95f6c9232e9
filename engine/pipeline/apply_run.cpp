#include "pipeline/apply_run.hpp"

#include "apply/journal.hpp"
#include "connectors/cache/batch_results.hpp"
#include "model/errors.hpp"
#include "report/summary.hpp"
#include "startup/allocator.hpp"

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

namespace ardoq::pipeline {

namespace json = boost::json;

namespace {

json::object plan_summary(const plan::Plan& plan) {
    const report::Summary s = report::summarize(plan);
    auto counts = [](const report::Counts& c) {
        json::object o;
        for (std::size_t a = 0; a < c.size(); ++a) {
            const auto action = static_cast<plan::Action>(a);
            o[action == plan::Action::none ? "unchanged" : plan::action_name(action)] = c[a];
        }
        return o;
    };
    json::array types;
    for (const auto& t : s.types) {
        json::object o{{"kind", t.kind == plan::EntityKind::component ? "component" : "reference"},
                       {"type", t.type}};
        for (auto& [k, v] : counts(t.counts))
            o[k] = v;
        types.push_back(std::move(o));
    }
    return json::object{{"summary", counts(s.totals)}, {"types", std::move(types)}};
}

std::size_t writes_of(const plan::Plan& plan) {
    return plan.count(plan::Action::create) + plan.count(plan::Action::update) +
           plan.count(plan::Action::remove);
}

// Brings the cache up to date with what the apply did, or marks it stale.
bool update_cache(Workspace& ws, const apply::ApplyResult& result, connectors::BatchFold& fold) {
    if (ws.cache_key.empty())
        return false; // file: targets are their own cache
    const auto& id = ws.snapshot->workspace.id;
    if (result.status != apply::ApplyStatus::unknown) {
        if (fold.usable()) {
            fold.apply_to(*ws.snapshot);
            try {
                ws.cache->store(ws.cache_key, *ws.snapshot);
                return true;
            } catch (const model::RunError& e) {
                spdlog::warn("could not update the snapshot cache: {}", e.what());
            }
        }
    }
    try {
        ws.cache->mark_stale(ws.cache_key, id);
        spdlog::info("the cached snapshot is marked stale; the next run fetches the workspace");
    } catch (const model::RunError& e) {
        spdlog::warn("could not mark the snapshot cache stale: {}", e.what());
    }
    return false;
}

} // namespace

ApplyRun apply_step(const mapping::Mapping& mapping, Workspace& ws, const SourceData& sources,
                    plan::Plan plan, const ApplySettings& settings, Progress& progress) {
    ApplyRun run;
    if (writes_of(plan) == 0) {
        if (plan.guard.refused)
            spdlog::info("nothing to apply: the delete guard refused the deletes (see above)");
        else if (plan.has_conflicts())
            spdlog::info("nothing to apply: the conflicts listed above are never sent");
        else
            spdlog::info("nothing to apply: the workspace already matches the sources");
        return run;
    }
    if (ws.target == nullptr)
        throw model::RunError("apply: no connection to the target (apply cannot run --offline)");
    if (auto previous = apply::unfinished_journal(settings.journal_dir); !previous.empty())
        spdlog::warn("the previous apply did not finish (journal {}); this run plans against the "
                     "workspace as it is now, so it completes what that run left undone",
                     previous.string());

    apply::JournalHeader header;
    header.command = settings.command;
    header.target = ws.target_text;
    header.workspace = ws.snapshot->workspace.id;
    header.workspace_name = ws.snapshot->workspace.name;
    header.plan = plan_summary(plan);
    apply::Journal journal(settings.journal_dir, header, settings.redactor);
    run.journal = journal.path();

    startup::keep_freed_memory(); // the requests and answers reuse the same memory
    apply::ApplyHooks hooks;
    hooks.on_sending = [&](std::string_view body_text) { journal.prepare(body_text); };
    hooks.on_request = [&](const apply::SentRequest& r) { journal.record(r); };
    // The answers, read into the cache's form as they come in.
    connectors::BatchFold fold;
    if (!ws.cache_key.empty())
        hooks.on_answer = [&](const json::object& answer) { fold.add(answer); };
    std::size_t round = 0;
    hooks.replan = [&]() {
        fold = connectors::BatchFold(); // the fresh snapshot holds what the answers said
        // The cache may no longer match the workspace until the fetch below rewrites it.
        if (!ws.cache_key.empty())
            ws.cache->mark_stale(ws.cache_key, ws.snapshot->workspace.id);
        load_snapshot(ws, false);
        plan::Plan fresh = make_plan(mapping, sources, ws.snapshot, settings.guard);
        journal.record_replan(++round, writes_of(fresh));
        return fresh;
    };

    apply::ApplyOptions options;
    options.batch_size = mapping.policy.batch_size;
    options.respond_with_entities = !ws.cache_key.empty();
    run.result = apply::apply_plan(std::move(plan), *ws.target, options, hooks, progress);
    journal.finish(run.result);
    run.cache_updated = update_cache(ws, run.result, fold);
    return run;
}

} // namespace ardoq::pipeline
