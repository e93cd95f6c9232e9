#include "apply/saved_plan.hpp"

#include "connectors/cache/atomic_file.hpp"
#include "model/errors.hpp"
#include "report/report.hpp"

#include <boost/json.hpp>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <fstream>
#include <map>
#include <sstream>

namespace ardoq::apply {

namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

using plan::Action;
using plan::EntityKind;

std::string_view kind_name(EntityKind k) {
    return k == EntityKind::component ? "component" : "reference";
}

std::string iso_now() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

bool writes(Action a) {
    return a == Action::update || a == Action::remove;
}

model::InputError plan_error(const fs::path& path, const std::string& message) {
    return model::InputError(model::make_error(
        {path.string()}, message,
        "write the plan again with `ardoq-sync plan MAPPING --out " + path.string() + "`"));
}

} // namespace

std::vector<TouchedEntity> touched_entities(const plan::Plan& plan) {
    std::vector<TouchedEntity> out;
    for (const auto& e : plan.components)
        if (writes(e.action) && e.existing != plan::k_none) {
            const auto& c = plan.snapshot->components()[e.existing];
            out.push_back({EntityKind::component, c.id.to_string(), c.version, plan.describe(e)});
        }
    for (const auto& e : plan.references)
        if (writes(e.action) && e.existing != plan::k_none) {
            const auto& r = plan.snapshot->references()[e.existing];
            out.push_back({EntityKind::reference, r.id.to_string(), r.version, plan.describe(e)});
        }
    return out;
}

std::vector<PlannedAction> planned_actions(const plan::Plan& plan) {
    std::vector<PlannedAction> out;
    for (const auto& e : plan.components)
        if (e.action != Action::none)
            out.push_back({EntityKind::component, plan.describe(e),
                           std::string(plan::action_name(e.action))});
    for (const auto& e : plan.references)
        if (e.action != Action::none)
            out.push_back({EntityKind::reference, plan.describe(e),
                           std::string(plan::action_name(e.action))});
    return out;
}

json::object saved_plan_json(const plan::Plan& plan, const fs::path& mapping_file,
                             const std::string& mapping_text, const std::string& target,
                             plan::GuardMode guard,
                             const std::vector<plan::SourceRecordCount>& sources) {
    json::object doc;
    doc["format"] = k_plan_format;
    doc["format_version"] = k_plan_format_version;
    doc["created_at"] = iso_now();
    doc["target"] = target;
    doc["workspace"] =
        json::object{{"id", plan.snapshot->workspace.id}, {"name", plan.snapshot->workspace.name}};
    std::error_code ec;
    const fs::path absolute = fs::absolute(mapping_file, ec);
    doc["mapping"] =
        json::object{{"file", (ec ? mapping_file : absolute).string()}, {"text", mapping_text}};
    doc["allow_deletes"] = guard == plan::GuardMode::allow_deletes;
    json::array counts;
    for (const auto& s : sources)
        counts.push_back(json::object{{"source", s.source}, {"records", s.records}});
    doc["sources"] = std::move(counts);
    json::array touched;
    for (const auto& t : touched_entities(plan))
        touched.push_back(json::object{{"kind", kind_name(t.kind)},
                                       {"id", t.id},
                                       {"version", t.version},
                                       {"entity", t.describe}});
    doc["touched"] = std::move(touched);
    json::array actions;
    for (const auto& a : planned_actions(plan))
        actions.push_back(json::object{
            {"kind", kind_name(a.kind)}, {"entity", a.describe}, {"action", a.action}});
    doc["actions"] = std::move(actions);
    std::ostringstream report_text;
    report::write_report(report_text, plan, report::Format::json);
    doc["report"] = json::parse(report_text.str());
    doc["desired"] = desired_to_json(*plan.desired);
    return doc;
}

void write_saved_plan(const fs::path& path, const json::object& doc) {
    const std::string text = json::serialize(doc) + "\n";
    connectors::write_file_atomically(
        path, [&](std::FILE* f) { connectors::write_all(f, text.data(), text.size(), path); },
        fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
            fs::perms::others_read);
}

bool is_saved_plan(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::string head(256, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    const auto start = head.find_first_not_of(" \t\r\n");
    return start != std::string::npos && head[start] == '{' &&
           head.find("\"" + std::string(k_plan_format) + "\"") != std::string::npos;
}

SavedPlan read_saved_plan(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw model::InputError(model::make_error(
            {path.string()}, std::string("cannot read the plan file: ") + std::strerror(errno),
            "check the path; a plan file is written by `ardoq-sync plan MAPPING --out FILE`"));
    std::ostringstream text;
    text << in.rdbuf();
    boost::system::error_code ec;
    const json::value v = json::parse(text.str(), ec);
    if (ec || !v.is_object())
        throw plan_error(path, "not a plan file: " + (ec ? ec.message() : "not a JSON object"));
    const auto& o = v.get_object();
    const auto* version = o.if_contains("format_version");
    if (version == nullptr || !version->is_int64() || version->get_int64() != k_plan_format_version)
        throw plan_error(path, "plan format version " +
                                   (version ? json::serialize(*version) : std::string("missing")) +
                                   " is not " + std::to_string(k_plan_format_version));

    SavedPlan saved;
    std::string problem;
    auto text_at = [&](const json::value* at, const char* what) {
        if (at == nullptr || !at->is_string()) {
            if (problem.empty())
                problem = std::string(what) + " is missing";
            return std::string();
        }
        return std::string(at->get_string());
    };
    auto member = [](const json::value* parent, const char* key) -> const json::value* {
        return parent && parent->is_object() ? parent->get_object().if_contains(key) : nullptr;
    };
    saved.target = text_at(o.if_contains("target"), "target");
    saved.workspace = text_at(member(o.if_contains("workspace"), "id"), "workspace.id");
    saved.workspace_name = text_at(member(o.if_contains("workspace"), "name"), "workspace.name");
    saved.mapping_file = text_at(member(o.if_contains("mapping"), "file"), "mapping.file");
    saved.mapping_text = text_at(member(o.if_contains("mapping"), "text"), "mapping.text");
    const auto* allow = o.if_contains("allow_deletes");
    saved.guard = allow && allow->is_bool() && allow->get_bool() ? plan::GuardMode::allow_deletes
                                                                 : plan::GuardMode::enforce;
    if (const auto* sources = o.if_contains("sources"); sources && sources->is_array())
        for (const auto& s : sources->get_array()) {
            const auto* records = member(&s, "records");
            saved.sources.push_back({text_at(member(&s, "source"), "sources[].source"),
                                     records && records->is_int64()
                                         ? static_cast<std::uint64_t>(records->get_int64())
                                         : 0});
        }
    auto kind_of = [](const std::string& k) {
        return k == "reference" ? EntityKind::reference : EntityKind::component;
    };
    if (const auto* touched = o.if_contains("touched"); touched && touched->is_array())
        for (const auto& t : touched->get_array()) {
            const auto* ver = member(&t, "version");
            saved.touched.push_back({kind_of(text_at(member(&t, "kind"), "touched[].kind")),
                                     text_at(member(&t, "id"), "touched[].id"),
                                     ver && ver->is_int64() ? ver->get_int64() : 0,
                                     text_at(member(&t, "entity"), "touched[].entity")});
        }
    if (const auto* actions = o.if_contains("actions"); actions && actions->is_array())
        for (const auto& a : actions->get_array())
            saved.actions.push_back({kind_of(text_at(member(&a, "kind"), "actions[].kind")),
                                     text_at(member(&a, "entity"), "actions[].entity"),
                                     text_at(member(&a, "action"), "actions[].action")});
    if (!problem.empty())
        throw plan_error(path, "damaged plan file: " + problem);
    const auto* desired = o.if_contains("desired");
    if (desired == nullptr)
        throw plan_error(path, "damaged plan file: desired is missing");
    auto loaded = desired_from_json(*desired);
    if (!loaded)
        throw plan_error(path, "damaged plan file: " + loaded.error());
    saved.desired = std::move(*loaded);
    return saved;
}

std::vector<std::string> stale_reasons(const SavedPlan& saved, const plan::Plan& fresh,
                                       std::size_t cap) {
    std::vector<std::string> out;
    const auto& snap = *fresh.snapshot;
    for (const auto& t : saved.touched) {
        if (out.size() == cap)
            return out;
        const auto id = model::Oid::parse(t.id);
        std::optional<std::int64_t> now;
        if (id && t.kind == EntityKind::component) {
            if (auto i = snap.component_by_id(*id))
                now = snap.components()[*i].version;
        } else if (id) {
            if (auto i = snap.reference_by_id(*id))
                now = snap.references()[*i].version;
        }
        if (!now)
            out.push_back(t.describe + " (" + t.id + ") was deleted since the plan was made");
        else if (*now != t.version)
            out.push_back(t.describe + " (" + t.id + ") changed since the plan was made (version " +
                          std::to_string(t.version) + ", now " + std::to_string(*now) + ")");
    }
    const auto actions = planned_actions(fresh);
    if (actions == saved.actions)
        return out;
    // Same entity, other action; or only in one of the two plans.
    std::map<std::pair<EntityKind, std::string>, std::string> before, after;
    for (const auto& a : saved.actions)
        before[{a.kind, a.describe}] = a.action;
    for (const auto& a : actions)
        after[{a.kind, a.describe}] = a.action;
    for (const auto& [entity, action] : before) {
        if (out.size() == cap)
            return out;
        auto it = after.find(entity);
        const std::string now = it == after.end() ? "nothing to do" : it->second;
        if (now != action)
            out.push_back(entity.second + ": the plan says " + action + ", now it would be " + now);
    }
    for (const auto& [entity, action] : after) {
        if (out.size() == cap)
            return out;
        if (!before.count(entity))
            out.push_back(entity.second + ": not in the plan, now it would be " + action);
    }
    if (out.empty())
        out.push_back("the actions are the same but in another order");
    return out;
}

} // namespace ardoq::apply
