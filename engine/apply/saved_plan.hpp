#pragma once
// Saved plans: `plan --out plan.json` writes what `apply plan.json` later carries out.
//
// The file holds the mapping's text (for the sync policy: identity, deletes, scope), the
// desired state as the sources gave it then, the records read per source, the target and
// workspace, the version of every Ardoq entity the plan writes, the plan's actions and its
// JSON report (docs/report-format.md) for review. Applying does not read the sources again:
// it fetches the workspace, refuses when an entity the plan touches changed since (its
// version differs, or it is gone), plans the saved desired state against the workspace as
// it is now and refuses again unless that gives the very same actions.

#include "apply/desired_json.hpp"
#include "plan/plan.hpp"
#include "plan/planner.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace ardoq::apply {

inline constexpr std::string_view k_plan_format = "ardoq-sync-plan";
inline constexpr int k_plan_format_version = 1;

// An Ardoq entity the plan updates or deletes, at the version the plan saw.
struct TouchedEntity {
    plan::EntityKind kind = plan::EntityKind::component;
    std::string id; // OID
    std::int64_t version = 0;
    std::string describe; // `Application "app-1"`
};

// One entry of a plan that does something or needs attention (not unchanged).
struct PlannedAction {
    plan::EntityKind kind = plan::EntityKind::component;
    std::string describe; // `Application "app-1"`
    std::string action;   // "create", "update", "delete", "conflict", ...
    friend bool operator==(const PlannedAction&, const PlannedAction&) = default;
};

struct SavedPlan {
    std::filesystem::path mapping_file; // absolute, as it was when planned
    std::string mapping_text;
    std::string target;    // redacted target text
    std::string workspace; // id
    std::string workspace_name;
    plan::GuardMode guard = plan::GuardMode::enforce;
    std::vector<plan::SourceRecordCount> sources;
    LoadedDesired desired;
    std::vector<TouchedEntity> touched;
    std::vector<PlannedAction> actions;
};

// What a plan touches and does, in plan order.
std::vector<TouchedEntity> touched_entities(const plan::Plan& plan);
std::vector<PlannedAction> planned_actions(const plan::Plan& plan);

// The saved-plan document for a plan made from `mapping_text` (the mapping file's content).
boost::json::object saved_plan_json(const plan::Plan& plan,
                                    const std::filesystem::path& mapping_file,
                                    const std::string& mapping_text, const std::string& target,
                                    plan::GuardMode guard,
                                    const std::vector<plan::SourceRecordCount>& sources);
// Writes it atomically to `path`. Throws RunError on I/O failure.
void write_saved_plan(const std::filesystem::path& path, const boost::json::object& doc);

// Whether `path` holds a saved plan (a JSON object with "format": "ardoq-sync-plan"), read
// from its first bytes.
bool is_saved_plan(const std::filesystem::path& path);
// Reads a saved plan. Throws InputError naming the file and what is wrong.
SavedPlan read_saved_plan(const std::filesystem::path& path);

// Why `saved` no longer holds for the workspace as it is now (`fresh`: the saved desired
// state planned against it): entities changed or gone since, then actions that differ.
// Empty when it still holds. At most `cap` reasons.
std::vector<std::string> stale_reasons(const SavedPlan& saved, const plan::Plan& fresh,
                                       std::size_t cap = 10);

} // namespace ardoq::apply
