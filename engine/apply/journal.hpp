#pragma once
// The run journal: .ardoq-sync/runs/<UTC timestamp>.json, one file per apply that sends
// anything. It records the run (command, target, workspace), the plan's summary, every
// request as sent (with the API token scrubbed out, should it appear in the data) and its
// outcome, and how the run ended. The file is valid JSON after every request: an
// interrupted run leaves a journal that says how far it got ("result": "running").

#include "apply/apply.hpp"
#include "connectors/ardoq/redaction.hpp"

#include <boost/json/object.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

namespace ardoq::apply {

inline constexpr std::string_view k_journal_format = "ardoq-sync-journal";
inline constexpr int k_journal_version = 1;

struct JournalHeader {
    std::string command;   // "apply mapping.yaml", "apply plan.json"
    std::string target;    // redacted target
    std::string workspace; // id
    std::string workspace_name;
    boost::json::object plan; // summary: {"create": 2, ...} and per type
};

class Journal {
public:
    // Creates <dir>/<UTC timestamp>.json ("20250102T030405.123Z.json"; "-2", "-3" appended
    // when the name is taken) and writes the header. Throws RunError naming the path when the
    // directory or the file cannot be written.
    Journal(const std::filesystem::path& dir, const JournalHeader& header,
            connectors::Redactor redactor);
    ~Journal();
    Journal(const Journal&) = delete;
    Journal& operator=(const Journal&) = delete;

    // Scrubs the serialized body of the request about to be recorded, while it is in flight;
    // record() then uses this text when the request's body_text is `body_text`.
    void prepare(std::string_view body_text);
    // Appends a request and its outcome.
    void record(const SentRequest& request);
    // Notes a re-plan after an unknown outcome.
    void record_replan(std::size_t round, std::size_t operations_left);
    // Writes how the run ended; `result` names it ("complete", "rejected", ...).
    void finish(const ApplyResult& result);

    const std::filesystem::path& path() const noexcept { return m_path; }

    // The file name for a moment: "20250102T030405.123Z" (basic ISO-8601, UTC, milliseconds).
    static std::string timestamp_name(std::chrono::system_clock::time_point t);

private:
    void append(const boost::json::object& entry);
    void append_text(std::string_view entry); // one serialized event
    void write_tail(const boost::json::object& end);

    std::filesystem::path m_path;
    std::FILE* m_file = nullptr;
    long m_tail = 0; // offset where the closing part starts (overwritten by each append)
    bool m_first = true;
    connectors::Redactor m_redactor;
    std::string m_prepared_from; // the body text prepare() was given
    std::string m_prepared;      // the body to record: m_prepared_from, scrubbed
};

// The newest journal in `dir` whose run did not finish ("result": "running"): a run that
// was killed or lost power. Empty when there is none.
std::filesystem::path unfinished_journal(const std::filesystem::path& dir);

} // namespace ardoq::apply
