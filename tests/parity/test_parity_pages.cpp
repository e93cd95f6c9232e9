// Lists read every page: the emulator serves one entity per page, so a command that stopped
// after the first page would show one item.
#include "parity/parity_support.hpp"

using namespace ardoq::test;
using namespace ardoq::test::parity;

namespace {

const std::string k_ws = "aaaaaaaaaaaaaaaaaaaaaa10";

std::vector<std::string> ids(const json::value& list) {
    std::vector<std::string> out;
    for (const auto& item : list.as_array())
        out.push_back(str(item, "_id"));
    return out;
}

} // namespace

TEST_CASE("parity: component, reference and workspace lists read every page") {
    EmulatorOptions options;
    options.seed_file = world_fixture();
    options.extra_args = {"--page-size", "1"};
    Emulator emu(options);

    // A second workspace, so that the workspace list has two pages.
    const std::string second =
        str(cli_json(emu, {"workspace", "create", "Second", "--template", "Application Service"}),
            "_id");
    CHECK(ids(cli_json(emu, {"workspace", "list"})) == std::vector<std::string>{k_ws, second});

    const std::vector<std::string> all{"cccccccccccccccccccccc10", "cccccccccccccccccccccc11",
                                       "cccccccccccccccccccccc12"};
    CHECK(ids(cli_json(emu, {"component", "list", "-w", k_ws})) == all);
    CHECK(ids(cli_json(emu, {"component", "find", "-w", k_ws, "--field", "componentKey=RUN-3"})) ==
          std::vector<std::string>{"cccccccccccccccccccccc12"});
    CHECK(ids(cli_json(emu, {"component", "find", "N", "-w", k_ws})) == all);

    // A second reference, so that the reference lists have two pages.
    const std::string ref = str(
        cli_json(emu, {"reference", "create", "--from", all[0], "--to", all[1], "--type", "Calls"}),
        "_id");
    const std::vector<std::string> refs{"eeeeeeeeeeeeeeeeeeeeee10", ref};
    CHECK(ids(cli_json(emu, {"reference", "list", "-w", k_ws})) == refs);

    json::value aggregated = cli_json(emu, {"workspace", "aggregated", k_ws});
    CHECK(ids(aggregated.at("components")) == all);
    CHECK(ids(aggregated.at("references")) == refs);

    // The references of one component: outgoing and incoming, each over pages of one.
    const std::string back = str(
        cli_json(emu, {"reference", "create", "--from", all[1], "--to", all[0], "--type", "Calls"}),
        "_id");
    json::value with_refs = cli_json(emu, {"component", "get", all[1], "--references"});
    CHECK(ids(with_refs.at("outgoingReferences")) == std::vector<std::string>{back});
    CHECK(ids(with_refs.at("incomingReferences")) ==
          std::vector<std::string>{"eeeeeeeeeeeeeeeeeeeeee10", ref});
}
