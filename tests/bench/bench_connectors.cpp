// Throughput of the source connectors on generated files, next to `cat file > /dev/null`
// measured in the same run (both with the file in the page cache), and the peak memory of
// reading a large CSV. Prints a table; asserts nothing (targets are shown for comparison).
//
//   bench-connectors [--dir DIR] [--mb N] [--sqlite-rows N] [--runs N] [--big-csv-mb N] [--keep]
//
// --mb: size of each generated text file (default 256); --sqlite-rows: rows of the 10-column
// SQLite table (default 2,000,000); --runs: timed runs per reader, the median is shown
// (default 3); --big-csv-mb: size of the CSV whose peak RSS is measured in a child process
// (default 1024; 0 skips it).

#include "connectors/sources/open_source.hpp"
#include "model/errors.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace ardoq;

namespace {

struct Options {
    fs::path dir = fs::temp_directory_path() / "ardoq-bench-connectors";
    std::uint64_t mb = 256;
    std::uint64_t sqlite_rows = 2'000'000;
    int runs = 3;
    std::uint64_t big_csv_mb = 1024;
    bool keep = false;
};

// Deterministic pseudo-random numbers (splitmix64), so every run reads the same files.
struct Random {
    std::uint64_t state = 0x5eed;
    std::uint64_t next() {
        std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    std::uint64_t below(std::uint64_t n) { return next() % n; }
};

// One generated row: 10 fields of mixed kinds, some text with quotes, commas and UTF-8.
struct Row {
    std::int64_t id;
    std::string name;
    std::string type;
    std::string owner;
    double cost;
    bool live;
    std::string tags;
    std::string note;
    std::string created;
    std::int64_t parent;
};

const char* const k_types[] = {"Application", "Service", "Database", "Interface", "Domain"};
const char* const k_words[] = {"billing", "payroll", "Zürich", "ledger",  "portal", "gateway",
                               "søk",     "core",    "api",    "archive", "日本",   "reports"};

Row make_row(Random& rnd, std::int64_t id) {
    Row r;
    r.id = id;
    r.name = std::string(k_words[rnd.below(12)]) + " " + k_words[rnd.below(12)] + " " +
             std::to_string(id);
    r.type = k_types[rnd.below(5)];
    r.owner = "owner" + std::to_string(rnd.below(5000)) + "@example.com";
    r.cost = static_cast<double>(rnd.below(10'000'000)) / 100.0;
    r.live = rnd.below(2) == 0;
    r.tags = std::string(k_words[rnd.below(12)]) + ";" + k_words[rnd.below(12)];
    r.note = rnd.below(4) == 0 ? "says \"hello, world\" again" : "plain note text here";
    r.created =
        "2024-" + std::to_string(1 + rnd.below(12)) + "-" + std::to_string(1 + rnd.below(28));
    r.parent = id > 1 ? static_cast<std::int64_t>(rnd.below(static_cast<std::uint64_t>(id))) : 0;
    return r;
}

const char* const k_columns[] = {"id",   "name", "type", "owner",   "cost",
                                 "live", "tags", "note", "created", "parent"};

std::string num(double d) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", d);
    return buf;
}

void csv_field(std::string& out, const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) {
        out += s;
        return;
    }
    out += '"';
    for (char c : s) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

void json_string(std::string& out, const std::string& s) {
    out += '"';
    for (char c : s) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    out += '"';
}

void sql_string(std::string& out, const std::string& s, bool backslashes) {
    out += '\'';
    for (char c : s) {
        if (c == '\'')
            out += backslashes ? "\\'" : "''";
        else if (backslashes && c == '\\')
            out += "\\\\";
        else
            out += c;
    }
    out += '\'';
}

enum class Format { csv, json, jsonl, sql_insert, sql_copy };

// Writes rows in `format` until the file reaches `bytes`; returns the number of rows.
std::uint64_t generate(const fs::path& path, Format format, std::uint64_t bytes) {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f)
        throw std::runtime_error("cannot write " + path.string());
    Random rnd;
    std::string buf;
    std::uint64_t written = 0;
    std::uint64_t rows = 0;
    auto flush = [&] {
        std::fwrite(buf.data(), 1, buf.size(), f);
        written += buf.size();
        buf.clear();
    };
    if (format == Format::csv) {
        buf += "id,name,type,owner,cost,live,tags,note,created,parent\n";
    } else if (format == Format::json) {
        buf += "[\n";
    } else if (format == Format::sql_insert) {
        buf += "-- MySQL dump 10.13\n/*!40101 SET NAMES utf8mb4 */;\nCREATE TABLE `apps` (\n"
               "  `id` bigint NOT NULL,\n  `name` varchar(100),\n  `type` varchar(20),\n"
               "  `owner` varchar(100),\n  `cost` double,\n  `live` tinyint(1),\n"
               "  `tags` text,\n  `note` text,\n  `created` date,\n  `parent` bigint,\n"
               "  PRIMARY KEY (`id`)\n) ENGINE=InnoDB;\n";
    } else if (format == Format::sql_copy) {
        buf += "SET standard_conforming_strings = on;\nCREATE TABLE public.apps (\n"
               "    id bigint NOT NULL,\n    name text,\n    type text,\n    owner text,\n"
               "    cost double precision,\n    live boolean,\n    tags text,\n    note text,\n"
               "    created date,\n    parent bigint\n);\n"
               "COPY public.apps (id, name, type, owner, cost, live, tags, note, created, "
               "parent) FROM stdin;\n";
    }
    while (written + buf.size() < bytes) {
        Row r = make_row(rnd, static_cast<std::int64_t>(++rows));
        switch (format) {
        case Format::csv:
            buf += std::to_string(r.id) + ",";
            csv_field(buf, r.name);
            buf += "," + r.type + "," + r.owner + "," + num(r.cost) + "," +
                   (r.live ? "true" : "false") + ",";
            csv_field(buf, r.tags);
            buf += ",";
            csv_field(buf, r.note);
            buf += "," + r.created + "," + std::to_string(r.parent) + "\n";
            break;
        case Format::json:
        case Format::jsonl:
            if (format == Format::json && rows > 1)
                buf += ",\n";
            buf += "{\"id\":" + std::to_string(r.id) + ",\"name\":";
            json_string(buf, r.name);
            buf += ",\"type\":\"" + r.type + "\",\"owner\":\"" + r.owner +
                   "\",\"cost\":" + num(r.cost) + ",\"live\":" + (r.live ? "true" : "false") +
                   ",\"tags\":";
            json_string(buf, r.tags);
            buf += ",\"note\":";
            json_string(buf, r.note);
            buf +=
                ",\"created\":\"" + r.created + "\",\"parent\":" + std::to_string(r.parent) + "}";
            if (format == Format::jsonl)
                buf += "\n";
            break;
        case Format::sql_insert:
            buf += rows % 1000 == 1 ? "INSERT INTO `apps` VALUES (" : ",(";
            buf += std::to_string(r.id) + ",";
            sql_string(buf, r.name, true);
            buf += ",'" + r.type + "','" + r.owner + "'," + num(r.cost) + "," +
                   (r.live ? "1" : "0") + ",";
            sql_string(buf, r.tags, true);
            buf += ",";
            sql_string(buf, r.note, true);
            buf += ",'" + r.created + "'," + std::to_string(r.parent) + ")";
            if (rows % 1000 == 0)
                buf += ";\n";
            break;
        case Format::sql_copy:
            buf += std::to_string(r.id) + "\t" + r.name + "\t" + r.type + "\t" + r.owner + "\t" +
                   num(r.cost) + "\t" + (r.live ? "t" : "f") + "\t" + r.tags + "\t" + r.note +
                   "\t" + r.created + "\t" + std::to_string(r.parent) + "\n";
            break;
        }
        if (buf.size() > (1u << 20))
            flush();
    }
    if (format == Format::json)
        buf += "\n]\n";
    if (format == Format::sql_insert && rows % 1000 != 0)
        buf += ";\n";
    if (format == Format::sql_copy)
        buf += "\\.\n";
    if (format == Format::sql_insert || format == Format::sql_copy)
        buf += "CREATE TABLE owners (id int, email text);\n"
               "INSERT INTO owners VALUES (1, 'ann@example.com');\n";
    flush();
    std::fclose(f);
    return rows;
}

void generate_sqlite(const fs::path& path, std::uint64_t rows) {
    fs::remove(path);
    sqlite3* db = nullptr;
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK)
        throw std::runtime_error("cannot create " + path.string());
    sqlite3_exec(db,
                 "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; BEGIN;"
                 "CREATE TABLE apps (id INTEGER PRIMARY KEY, name TEXT, type TEXT, owner TEXT,"
                 " cost REAL, live INTEGER, tags TEXT, note TEXT, created TEXT, parent INTEGER);",
                 nullptr, nullptr, nullptr);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO apps VALUES (?,?,?,?,?,?,?,?,?,?)", -1, &st, nullptr);
    Random rnd;
    for (std::uint64_t i = 1; i <= rows; ++i) {
        Row r = make_row(rnd, static_cast<std::int64_t>(i));
        sqlite3_bind_int64(st, 1, r.id);
        sqlite3_bind_text(st, 2, r.name.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 3, r.type.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 4, r.owner.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_double(st, 5, r.cost);
        sqlite3_bind_int(st, 6, r.live ? 1 : 0);
        sqlite3_bind_text(st, 7, r.tags.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 8, r.note.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 9, r.created.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 10, r.parent);
        sqlite3_step(st);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    sqlite3_exec(db, "COMMIT;", nullptr, nullptr, nullptr);
    sqlite3_close(db);
}

// Wall and CPU seconds of one run. The machine may be shared, so CPU time (user + system of
// the process doing the work) is the fair single-thread figure; wall time is shown beside it.
struct Timing {
    double wall = 0;
    double cpu = 0;
};

double cpu_seconds(const rusage& u) {
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

Timing time_in_process(const std::function<void()>& f) {
    rusage before{};
    rusage after{};
    getrusage(RUSAGE_SELF, &before);
    auto t0 = std::chrono::steady_clock::now();
    f();
    auto t1 = std::chrono::steady_clock::now();
    getrusage(RUSAGE_SELF, &after);
    return {std::chrono::duration<double>(t1 - t0).count(),
            cpu_seconds(after) - cpu_seconds(before)};
}

// `cat path > /dev/null` as a child process (no shell), timed by its own rusage.
Timing time_cat(const fs::path& path) {
    auto t0 = std::chrono::steady_clock::now();
    pid_t pid = fork();
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        execl("/bin/cat", "cat", path.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    auto t1 = std::chrono::steady_clock::now();
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw std::runtime_error("cat " + path.string() + " failed");
    return {std::chrono::duration<double>(t1 - t0).count(), cpu_seconds(usage)};
}

// Median wall and median CPU time of `runs` runs.
Timing median(int runs, const std::function<Timing()>& f) {
    std::vector<double> wall;
    std::vector<double> cpu;
    for (int i = 0; i < runs; ++i) {
        Timing t = f();
        wall.push_back(t.wall);
        cpu.push_back(t.cpu);
    }
    std::sort(wall.begin(), wall.end());
    std::sort(cpu.begin(), cpu.end());
    return {wall[wall.size() / 2], cpu[cpu.size() / 2]};
}

std::uint64_t read_all(model::SourceSpec& spec) {
    auto source = connectors::open_source(spec);
    model::Record r;
    std::uint64_t n = 0;
    while (source->next(r))
        ++n;
    return n;
}

struct Case {
    std::string label;
    model::SourceFormat format;
    fs::path path;
    std::string table;
    std::string target; // the target, for comparison
    double target_mb_s; // 0: target in rows/s
    double target_rows_s;
};

void run_case(const Options& opt, Case& c) {
    model::SourceSpec spec;
    spec.name = c.label;
    spec.format = c.format;
    spec.file = c.path.filename().string();
    spec.path = c.path;
    spec.table = c.table;
    spec.query = "SELECT * FROM apps";
    double mb = static_cast<double>(fs::file_size(c.path)) / 1e6;
    time_cat(c.path); // into the page cache
    std::uint64_t rows = read_all(spec);
    Timing cat = median(opt.runs, [&] { return time_cat(c.path); });
    Timing read = median(opt.runs, [&] { return time_in_process([&] { read_all(spec); }); });
    double mb_s = mb / read.cpu;
    double rows_s = static_cast<double>(rows) / read.cpu;
    bool met = c.target_mb_s > 0 ? mb_s >= c.target_mb_s : rows_s >= c.target_rows_s;
    std::printf("%-21s %7.1f %9llu %8.1f %8.1f %8.2f %9.1f %9.1f %6.3f %6.3f  %-13s %s\n",
                c.label.c_str(), mb, static_cast<unsigned long long>(rows), mb_s, mb / read.wall,
                rows_s / 1e6, mb / cat.cpu, mb / cat.wall, cat.cpu / read.cpu, cat.wall / read.wall,
                c.target.c_str(),
                c.target_mb_s > 0 || c.target_rows_s > 0 ? (met ? "met" : "NOT met") : "");
    std::fflush(stdout);
}

// Reads the CSV in a child process and returns the child's peak RSS in MiB.
double csv_peak_rss_mib(const fs::path& path, std::uint64_t& rows) {
    int pipefd[2];
    if (pipe(pipefd) != 0)
        throw std::runtime_error("pipe failed");
    pid_t pid = fork();
    if (pid == 0) {
        close(pipefd[0]);
        model::SourceSpec spec;
        spec.name = "big";
        spec.file = path.filename().string();
        spec.path = path;
        std::uint64_t n = 0;
        try {
            n = read_all(spec);
        } catch (...) {
            _exit(1);
        }
        (void)!write(pipefd[1], &n, sizeof n);
        _exit(0);
    }
    close(pipefd[1]);
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    (void)!read(pipefd[0], &rows, sizeof rows);
    close(pipefd[0]);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw std::runtime_error("reading the big CSV failed");
    return static_cast<double>(usage.ru_maxrss) / 1024.0; // ru_maxrss is in KiB on Linux
}

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc)
                throw std::runtime_error(a + " needs a value");
            return argv[++i];
        };
        if (a == "--dir")
            o.dir = value();
        else if (a == "--mb")
            o.mb = std::stoull(value());
        else if (a == "--sqlite-rows")
            o.sqlite_rows = std::stoull(value());
        else if (a == "--runs")
            o.runs = std::max(1, std::stoi(value()));
        else if (a == "--big-csv-mb")
            o.big_csv_mb = std::stoull(value());
        else if (a == "--keep")
            o.keep = true;
        else
            throw std::runtime_error("unknown option " + a +
                                     " (see the comment at the top of bench_connectors.cpp)");
    }
    return o;
}

} // namespace

int main(int argc, char** argv) try {
    Options opt = parse(argc, argv);
    fs::create_directories(opt.dir);
    const std::uint64_t bytes = opt.mb * 1'000'000;
    std::printf("bench-connectors: generating files of %llu MB in %s ...\n",
                static_cast<unsigned long long>(opt.mb), opt.dir.c_str());
    std::fflush(stdout);
    generate(opt.dir / "apps.csv", Format::csv, bytes);
    generate(opt.dir / "apps.json", Format::json, bytes);
    generate(opt.dir / "apps.jsonl", Format::jsonl, bytes);
    generate(opt.dir / "insert.sql", Format::sql_insert, bytes);
    generate(opt.dir / "copy.sql", Format::sql_copy, bytes);
    generate_sqlite(opt.dir / "apps.db", opt.sqlite_rows);

    std::vector<Case> cases = {
        {"csv", model::SourceFormat::csv, opt.dir / "apps.csv", "", ">= 400 MB/s", 400, 0},
        {"json (array)", model::SourceFormat::json, opt.dir / "apps.json", "", "(none)", 0, 0},
        {"jsonl", model::SourceFormat::jsonl, opt.dir / "apps.jsonl", "", ">= 150 MB/s", 150, 0},
        {"sql_dump INSERT", model::SourceFormat::sql_dump, opt.dir / "insert.sql", "apps",
         ">= 150 MB/s", 150, 0},
        {"sql_dump COPY", model::SourceFormat::sql_dump, opt.dir / "copy.sql", "apps",
         ">= 150 MB/s", 150, 0},
        {"sql_dump skip INSERT", model::SourceFormat::sql_dump, opt.dir / "insert.sql", "owners",
         "(none)", 0, 0},
        {"sql_dump skip COPY", model::SourceFormat::sql_dump, opt.dir / "copy.sql", "owners",
         "(none)", 0, 0},
        {"sqlite (10 columns)", model::SourceFormat::sqlite, opt.dir / "apps.db", "",
         ">= 1M rows/s", 0, 1e6},
    };
    std::string load;
    if (std::FILE* f = std::fopen("/proc/loadavg", "r")) {
        char buf[64] = {};
        if (std::fgets(buf, sizeof buf, f))
            load = buf;
        std::fclose(f);
        if (!load.empty() && load.back() == '\n')
            load.pop_back();
    }
    std::printf("\nsingle thread, files in the page cache, median of %d runs (load average: %s)\n"
                "cpu = user+system time of the process doing the work; wall = elapsed time;\n"
                "ratio = cat time / reader time; targets are judged on cpu time\n\n",
                opt.runs, load.c_str());
    std::printf("%-21s %7s %9s %8s %8s %8s %9s %9s %6s %6s  %-13s\n", "reader", "MB", "records",
                "MB/s cpu", "wall", "Mrows/s", "cat cpu", "cat wall", "ratio", "wall", "target");
    for (auto& c : cases)
        run_case(opt, c);

    if (opt.big_csv_mb > 0) {
        auto big = opt.dir / "big.csv";
        generate(big, Format::csv, opt.big_csv_mb * 1'000'000);
        std::uint64_t rows = 0;
        double rss = csv_peak_rss_mib(big, rows);
        std::printf("\ncsv peak memory: %llu MB file, %llu records, peak RSS of the reading "
                    "process %.1f MiB (target < 100 MB) %s\n",
                    static_cast<unsigned long long>(opt.big_csv_mb),
                    static_cast<unsigned long long>(rows), rss, rss < 95.0 ? "met" : "NOT met");
        if (!opt.keep)
            fs::remove(big);
    }
    if (!opt.keep)
        fs::remove_all(opt.dir);
    return 0;
} catch (const model::InputError& e) {
    std::fprintf(stderr, "bench-connectors: %s\n", e.what());
    return 1;
} catch (const std::exception& e) {
    std::fprintf(stderr, "bench-connectors: %s\n", e.what());
    return 1;
}
