// docs/cli.md against the command line itself: every example in its sh blocks must parse as
// written, and every subcommand must have at least one example.
#include "cli/command.hpp"
#include "cli/commands.hpp"
#include "support/process.hpp"

#include <CLI/CLI.hpp>
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace ardoq;

namespace {

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "cannot read ", path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The app as cli::run builds it, without the global logging options.
struct FullApp {
    CLI::App app{"ardoq-sync", "ardoq-sync"};
    cli::ChosenAction chosen;
    FullApp() {
        app.require_subcommand(1);
        app.fallthrough();
        cli::register_sync_commands(app, chosen);
        cli::register_validate_command(app, chosen);
        cli::register_snapshot_commands(app, chosen);
        cli::register_client_commands(app, chosen);
    }
};

// Splits one shell command line: single and double quotes, backslash escapes outside single
// quotes, a comment from a '#' that starts a word, and a redirection ('>' word) ends it.
std::vector<std::string> shell_words(const std::string& line) {
    std::vector<std::string> words;
    std::string word;
    bool in_word = false;
    char quote = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quote != 0) {
            if (c == quote)
                quote = 0;
            else if (c == '\\' && quote == '"' && i + 1 < line.size())
                word += line[++i];
            else
                word += c;
            continue;
        }
        if (c == ' ' || c == '\t') {
            if (in_word)
                words.push_back(std::move(word));
            word.clear();
            in_word = false;
            continue;
        }
        if (!in_word && (c == '#' || c == '>'))
            break;
        in_word = true;
        if (c == '"' || c == '\'')
            quote = c;
        else if (c == '\\' && i + 1 < line.size())
            word += line[++i];
        else
            word += c;
    }
    REQUIRE_MESSAGE(quote == 0, "unclosed quote in: ", line);
    if (in_word)
        words.push_back(std::move(word));
    return words;
}

struct Example {
    int line = 0; // where it starts in docs/cli.md
    std::string text;
    std::vector<std::string> args; // after "ardoq-sync"
};

// Every `ardoq-sync ...` command in the ```sh blocks, continuation lines joined.
std::vector<Example> sh_examples(const std::string& markdown) {
    std::vector<Example> out;
    std::istringstream in(markdown);
    std::string line;
    bool in_sh = false;
    int number = 0;
    Example pending;
    while (std::getline(in, line)) {
        ++number;
        if (line.starts_with("```")) {
            in_sh = line == "```sh";
            continue;
        }
        if (!in_sh)
            continue;
        if (pending.line == 0) {
            if (!line.starts_with("ardoq-sync "))
                continue;
            pending.line = number;
        }
        const bool continued = line.ends_with("\\");
        pending.text += continued ? line.substr(0, line.size() - 1) : line;
        if (continued)
            continue;
        auto words = shell_words(pending.text);
        pending.args.assign(words.begin() + 1, words.end());
        out.push_back(std::move(pending));
        pending = Example{};
    }
    return out;
}

// "workspace list", "plan", "cache show": the commands that take no further subcommand.
void leaf_commands(const CLI::App& app, const std::string& prefix, std::vector<std::string>& out) {
    for (const auto* sub : app.get_subcommands({})) {
        const std::string path = prefix.empty() ? sub->get_name() : prefix + " " + sub->get_name();
        if (sub->get_subcommands({}).empty())
            out.push_back(path);
        else
            leaf_commands(*sub, path, out);
    }
}

bool starts_with_path(const std::vector<std::string>& args, const std::string& path) {
    std::istringstream words(path);
    std::string word;
    std::size_t i = 0;
    while (words >> word)
        if (i >= args.size() || args[i++] != word)
            return false;
    return true;
}

} // namespace

TEST_CASE("parity: shell words split at blanks, keep quoted text, stop at comments") {
    CHECK(shell_words(R"(ardoq-sync workspace get "Application Portfolio"   # by name)") ==
          std::vector<std::string>{"ardoq-sync", "workspace", "get", "Application Portfolio"});
    CHECK(shell_words(R"(a 'x "y"' "b\"c" d\ e k=v# > out.json)") ==
          std::vector<std::string>{"a", "x \"y\"", "b\"c", "d e", "k=v#"});
    CHECK(shell_words("ardoq-sync snapshot export --workspace W > workspace.json") ==
          std::vector<std::string>{"ardoq-sync", "snapshot", "export", "--workspace", "W"});
}

TEST_CASE("parity: every example in docs/cli.md parses, and every command has one") {
    const auto examples = sh_examples(read_text(test::source_dir() + "/docs/cli.md"));
    REQUIRE(examples.size() == 51);

    for (const auto& example : examples) {
        FullApp full;
        std::vector<std::string> reversed(example.args.rbegin(), example.args.rend());
        std::string error;
        try {
            full.app.parse(std::move(reversed));
        } catch (const CLI::ParseError& e) {
            error = std::string(e.get_name()) + ": " + e.what();
        }
        INFO("docs/cli.md:", example.line, ": ", example.text);
        CHECK(error == "");
        CHECK(static_cast<bool>(full.chosen.run));
    }

    FullApp full;
    std::vector<std::string> commands;
    leaf_commands(full.app, "", commands);
    CHECK(commands.size() == 37);
    for (const auto& command : commands) {
        const bool shown = std::any_of(examples.begin(), examples.end(), [&](const Example& e) {
            return starts_with_path(e.args, command);
        });
        INFO("command without an example in docs/cli.md: ardoq-sync ", command);
        CHECK(shown);
    }
}
