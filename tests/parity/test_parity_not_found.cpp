// Ids that name nothing: the error quotes the call and Ardoq's answer, and the hint says how to
// list the ids there are.
#include "parity/parity_support.hpp"

using namespace ardoq::test;
using namespace ardoq::test::parity;

namespace {

const std::string k_missing = "cccccccccccccccccccccc99";

// The first line of the error and its hint; the response line between them is Ardoq's.
void check_not_found(const Emulator& emu, const std::vector<std::string>& args,
                     const std::string& call, const std::string& hint) {
    auto r = run_cli(emu, args);
    INFO("ardoq-sync ", joined(args), "\nstderr: ", r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.out == "");
    CHECK(r.err.starts_with("error: " + call + ": HTTP 404 Not Found\n  response: {"));
    CHECK(r.err.ends_with("}\n  hint: " + hint + "\n"));
}

} // namespace

TEST_CASE("parity: unknown component, reference and tag ids say how to list the ids") {
    EmulatorOptions options;
    options.seed_file = world_fixture();
    Emulator emu(options);
    const std::string component_hint = "there is no component with this id; `ardoq-sync "
                                       "component list -w WORKSPACE` lists the components of a "
                                       "workspace with their ids";
    const std::string reference_hint = "there is no reference with this id; `ardoq-sync "
                                       "reference list -w WORKSPACE` lists the references of a "
                                       "workspace with their ids";
    const std::string components = "GET /api/v2/components/" + k_missing;
    const std::string references = "/api/v2/references/" + k_missing;

    check_not_found(emu, {"component", "get", k_missing}, "get component: " + components,
                    component_hint);
    check_not_found(emu, {"component", "get", k_missing, "--references"},
                    "get component: " + components, component_hint);
    check_not_found(emu, {"component", "update", k_missing, "--name", "X"},
                    "update component: PATCH /api/v2/components/" + k_missing +
                        "?ifVersionMatch=latest",
                    component_hint);
    check_not_found(emu, {"component", "update", k_missing, "--name", "X", "--if-version", "2"},
                    "update component: PATCH /api/v2/components/" + k_missing + "?ifVersionMatch=2",
                    component_hint);
    check_not_found(emu, {"component", "update", k_missing, "--set", "tier=2"},
                    "get component: " + components, component_hint);
    check_not_found(emu, {"component", "delete", k_missing},
                    "delete component: DELETE /api/v2/components/" + k_missing, component_hint);

    check_not_found(emu, {"reference", "get", k_missing}, "get reference: GET " + references,
                    reference_hint);
    check_not_found(emu, {"reference", "update", k_missing, "--description", "x"},
                    "update reference: PATCH " + references + "?ifVersionMatch=latest",
                    reference_hint);
    check_not_found(emu, {"reference", "delete", k_missing},
                    "delete reference: DELETE " + references, reference_hint);
    check_not_found(emu,
                    {"reference", "create", "--from", k_missing, "--to", "cccccccccccccccccccccc10",
                     "--type", "Calls"},
                    "get component: " + components, "--from: " + component_hint);

    check_not_found(emu, {"tag", "get", k_missing}, "get tag: GET /api/tag/" + k_missing,
                    "there is no tag with this id; `ardoq-sync tag list -w WORKSPACE` lists the "
                    "tags of a workspace with their ids");
}
