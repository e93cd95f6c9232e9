#include "apply/journal.hpp"

#include "model/errors.hpp"

#include <boost/json.hpp>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace ardoq::apply {

namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

std::string iso_now() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

model::RunError io_error(const fs::path& path, const std::string& what) {
    return model::RunError("journal " + path.string() + ": " + what + ": " + std::strerror(errno) +
                           "\n  hint: make the directory writable or pass --state-dir");
}

// The created entities of a response, {"batchId": "c3", "id": "…"}: what the ids are.
json::array created_ids(const json::value& response) {
    json::array out;
    if (!response.is_object())
        return out;
    for (std::string_view kind : {"components", "references"}) {
        const auto* section = response.get_object().if_contains(kind);
        const auto* created = section && section->is_object()
                                  ? section->get_object().if_contains("created")
                                  : nullptr;
        if (created == nullptr || !created->is_array())
            continue;
        for (const auto& item : created->get_array()) {
            if (!item.is_object())
                continue;
            json::object entry;
            if (const auto* b = item.get_object().if_contains("batchId"))
                entry["batchId"] = *b;
            if (const auto* id = item.get_object().if_contains("id"))
                entry["id"] = *id;
            out.push_back(std::move(entry));
        }
    }
    return out;
}

std::size_t section_count(const json::value& response, std::string_view what) {
    std::size_t n = 0;
    if (!response.is_object())
        return 0;
    for (std::string_view kind : {"components", "references"}) {
        const auto* section = response.get_object().if_contains(kind);
        const auto* items =
            section && section->is_object() ? section->get_object().if_contains(what) : nullptr;
        if (items && items->is_array())
            n += items->get_array().size();
    }
    return n;
}

} // namespace

std::string Journal::timestamp_name(std::chrono::system_clock::time_point t) {
    const std::time_t secs = std::chrono::system_clock::to_time_t(t);
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count() % 1000;
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[48];
    std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%S", &tm);
    return std::string(buf) + "." + std::string(ms < 100 ? (ms < 10 ? "00" : "0") : "") +
           std::to_string(ms) + "Z";
}

Journal::Journal(const fs::path& dir, const JournalHeader& header, connectors::Redactor redactor)
    : m_redactor(std::move(redactor)) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) {
        errno = ec.value();
        throw io_error(dir, "cannot create the directory");
    }
    const std::string stem = timestamp_name(std::chrono::system_clock::now());
    for (int n = 1; m_file == nullptr; ++n) {
        m_path = dir / (stem + (n == 1 ? std::string() : "-" + std::to_string(n)) + ".json");
        const int fd = ::open(m_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd < 0 && errno == EEXIST && n < 1000)
            continue;
        if (fd < 0)
            throw io_error(m_path, "cannot create the file");
        m_file = ::fdopen(fd, "w");
        if (m_file == nullptr) {
            ::close(fd);
            throw io_error(m_path, "cannot open the file");
        }
    }
    json::object head;
    head["format"] = k_journal_format;
    head["format_version"] = k_journal_version;
    head["started_at"] = iso_now();
    head["command"] = m_redactor.scrub(header.command);
    head["target"] = m_redactor.scrub(header.target);
    head["workspace"] = json::object{{"id", header.workspace}, {"name", header.workspace_name}};
    head["plan"] = header.plan;
    // The header without its closing brace, then the event list that record() extends.
    std::string text = json::serialize(head);
    text.pop_back();
    text += ",\n\"events\": [";
    if (std::fputs(text.c_str(), m_file) < 0)
        throw io_error(m_path, "cannot write");
    m_tail = std::ftell(m_file);
    write_tail(json::object{{"status", "running"}});
}

Journal::~Journal() {
    if (m_file != nullptr)
        std::fclose(m_file);
}

void Journal::append(const json::object& entry) {
    append_text(json::serialize(entry));
}

void Journal::append_text(std::string_view entry) {
    if (std::fseek(m_file, m_tail, SEEK_SET) != 0)
        throw io_error(m_path, "cannot seek");
    const std::string_view separator = m_first ? "\n" : ",\n";
    m_first = false;
    if (std::fwrite(separator.data(), 1, separator.size(), m_file) != separator.size() ||
        std::fwrite(entry.data(), 1, entry.size(), m_file) != entry.size())
        throw io_error(m_path, "cannot write");
    m_tail = std::ftell(m_file);
}

void Journal::write_tail(const json::object& end) {
    if (std::fseek(m_file, m_tail, SEEK_SET) != 0)
        throw io_error(m_path, "cannot seek");
    const std::string text =
        std::string(m_first ? "" : "\n") + "],\n\"result\": " + json::serialize(end) + "\n}\n";
    if (std::fputs(text.c_str(), m_file) < 0 || std::fflush(m_file) != 0)
        throw io_error(m_path, "cannot write");
    // A shorter tail than the last one must not leave its end behind.
    if (::ftruncate(::fileno(m_file), std::ftell(m_file)) != 0)
        throw io_error(m_path, "cannot truncate");
}

void Journal::prepare(std::string_view body_text) {
    // Through text, so that scrubbing sees every string of the body at once. The body is
    // written as that text; only when scrubbing changed it is it parsed again, so that a
    // replacement inside an escape sequence cannot leave the file unreadable.
    m_prepared_from.assign(body_text);
    m_prepared = m_redactor.scrub(m_prepared_from);
    if (m_prepared != m_prepared_from)
        m_prepared = json::serialize(json::parse(m_prepared));
}

void Journal::record(const SentRequest& r) {
    const auto& o = r.outcome;
    json::object outcome;
    outcome["status"] = connectors::status_name(o.status);
    outcome["http_status"] = o.http_status;
    outcome["error"] =
        o.error.empty() ? json::value(nullptr) : json::value(m_redactor.scrub(o.error));
    if (o.status == connectors::BatchOutcome::Status::applied) {
        outcome["created"] = section_count(o.response, "created");
        outcome["updated"] = section_count(o.response, "updated");
        outcome["deleted"] = section_count(o.response, "deleted");
        outcome["ids"] = created_ids(o.response);
    } else if (!o.body.empty()) {
        outcome["body"] = m_redactor.scrub(o.body);
    }
    json::object entry;
    entry["event"] = "request";
    entry["at"] = iso_now();
    entry["round"] = r.round;
    entry["step"] = r.step;
    entry["operations"] = r.operations;
    if (r.body_text.empty())
        prepare(json::serialize(r.body));
    else if (r.body_text != m_prepared_from)
        prepare(r.body_text);
    std::string text = json::serialize(entry);
    text.pop_back(); // the closing brace: "request" and "outcome" follow
    text += ",\"request\":";
    text += m_prepared;
    text += ",\"outcome\":";
    text += json::serialize(outcome);
    text += '}';
    append_text(text);
    write_tail(json::object{{"status", "running"}});
}

void Journal::record_replan(std::size_t round, std::size_t operations_left) {
    append(json::object{{"event", "replan"},
                        {"at", iso_now()},
                        {"round", round},
                        {"operations_left", operations_left}});
    write_tail(json::object{{"status", "running"}});
}

void Journal::finish(const ApplyResult& result) {
    json::object end;
    end["status"] = apply_status_name(result.status);
    end["finished_at"] = iso_now();
    end["error"] =
        result.error.empty() ? json::value(nullptr) : json::value(m_redactor.scrub(result.error));
    end["requests"] = result.requests;
    end["operations"] = result.operations;
    end["created"] = result.created;
    end["updated"] = result.updated;
    end["deleted"] = result.deleted;
    end["replans"] = result.replans;
    write_tail(end);
}

fs::path unfinished_journal(const fs::path& dir) {
    std::error_code ec;
    fs::path newest;
    fs::file_time_type newest_time{};
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        if (e.path().extension() != ".json")
            continue;
        const auto t = e.last_write_time(ec);
        if (!ec && (newest.empty() || t > newest_time)) {
            newest = e.path();
            newest_time = t;
        }
    }
    if (newest.empty())
        return {};
    std::ifstream in(newest, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    boost::system::error_code jec;
    const json::value v = json::parse(text.str(), jec);
    if (jec || !v.is_object())
        return newest; // cut short in the middle of a write: certainly unfinished
    const auto* result = v.get_object().if_contains("result");
    const auto* status =
        result && result->is_object() ? result->get_object().if_contains("status") : nullptr;
    if (status && status->is_string() && status->get_string() == "running")
        return newest;
    return {};
}

} // namespace ardoq::apply
