#include "apply/workspace_lock.hpp"

#include "model/errors.hpp"
#include "support/process.hpp"

#include <boost/json.hpp>
#include <doctest/doctest.h>

#include <filesystem>
#include <unistd.h>

using namespace ardoq;
namespace fs = std::filesystem;

namespace {

std::string host() {
    char buf[256] = {};
    ::gethostname(buf, sizeof buf - 1);
    return buf;
}

std::string lock_text(int pid, std::uint64_t start, const std::string& on_host) {
    return boost::json::serialize(boost::json::object{{"pid", pid},
                                                      {"start_time", start},
                                                      {"host", on_host},
                                                      {"command", "apply mapping.yaml"},
                                                      {"since", "2025-01-06T09:00:00Z"}});
}

} // namespace

TEST_CASE("lock: a second lock on the same workspace is refused, naming the holder") {
    const fs::path dir = test::make_temp_dir("ardoq-lock");
    const fs::path file = dir / "locks" / "x.lock";
    {
        apply::WorkspaceLock first(file, "workspace W on T", "apply a.yaml");
        CHECK(fs::exists(file));
        std::string message;
        try {
            apply::WorkspaceLock second(file, "workspace W on T", "apply b.yaml");
        } catch (const model::RunError& e) {
            message = e.what();
        }
        const auto start = apply::process_start_time(static_cast<int>(::getpid()));
        REQUIRE(start);
        const std::string since = message.substr(message.find("since ") + 6, 20);
        CHECK(message == "another ardoq-sync run is applying to workspace W on T (pid " +
                             std::to_string(::getpid()) + " on " + host() +
                             ", \"apply a.yaml\", since " + since +
                             ")\n  hint: wait until it has finished; if no such run exists any "
                             "more, remove " +
                             file.string());
        CHECK(fs::exists(file)); // the refused run leaves the holder's lock alone
    }
    CHECK_FALSE(fs::exists(file)); // released
    fs::remove_all(dir);
}

TEST_CASE("lock: a lock left by a dead process, or by a reused pid, is stale and taken over") {
    const fs::path dir = test::make_temp_dir("ardoq-lock");
    const fs::path file = dir / "x.lock";
    // A process that has exited: its pid runs nothing now.
    int dead = 0;
    {
        test::BackgroundProcess child({"/bin/true"});
        dead = child.pid();
        CHECK(child.stop(0) == 0); // signal 0: only wait for it to exit
    }
    CHECK(apply::process_start_time(dead) == std::nullopt);
    test::write_file(file.string(), lock_text(dead, 1, host()));
    {
        apply::WorkspaceLock lock(file, "W", "apply");
        CHECK(test::read_file(file.string()).find("\"pid\":" + std::to_string(::getpid())) !=
              std::string::npos);
    }
    // Our own pid but another start time: the pid was reused by a new process.
    const auto start = apply::process_start_time(static_cast<int>(::getpid()));
    REQUIRE(start);
    test::write_file(file.string(), lock_text(static_cast<int>(::getpid()), *start + 1, host()));
    CHECK_FALSE(apply::holder_alive({static_cast<int>(::getpid()), *start + 1, host(), "", ""}));
    CHECK(apply::holder_alive({static_cast<int>(::getpid()), *start, host(), "", ""}));
    { apply::WorkspaceLock lock(file, "W", "apply"); }
    // A damaged lock file is stale too.
    test::write_file(file.string(), "{\"pid\":");
    { apply::WorkspaceLock lock(file, "W", "apply"); }
    CHECK_FALSE(fs::exists(file));
    fs::remove_all(dir);
}

TEST_CASE("lock: a lock held on another host counts as live") {
    const fs::path dir = test::make_temp_dir("ardoq-lock");
    const fs::path file = dir / "x.lock";
    test::write_file(file.string(), lock_text(1, 1, "another-host.example"));
    CHECK_THROWS_AS(apply::WorkspaceLock(file, "W", "apply"), model::RunError);
    CHECK(fs::exists(file));
    fs::remove_all(dir);
}

TEST_CASE("lock: lock files are named by target and workspace id") {
    CHECK(apply::lock_path("/s/locks", "http://127.0.0.1:8080", "a00000000000000000000001") ==
          "/s/locks/127.0.0.1_8080-a00000000000000000000001.lock");
    CHECK(apply::lock_path("l", "file:work/snapshot.json", "a1") ==
          "l/file_work_snapshot.json-a1.lock");
    CHECK(apply::process_start_time(-5) == std::nullopt);
}
