#include "cli/logging.hpp"

#include "model/errors.hpp"

#include <boost/json.hpp>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <mutex>

namespace ardoq::cli {

namespace {

// One JSON object per line: {"ts":"…","level":"info","logger":"…","msg":"…"}.
// Built with Boost.JSON so that every message is escaped correctly.
class JsonStderrSink final : public spdlog::sinks::base_sink<std::mutex> {
protected:
    void sink_it_(const spdlog::details::log_msg& msg) override {
        boost::json::object line;
        line["ts"] = format_time(msg.time);
        line["level"] = std::string(spdlog::level::to_string_view(msg.level).data(),
                                    spdlog::level::to_string_view(msg.level).size());
        if (msg.logger_name.size() > 0)
            line["logger"] = std::string(msg.logger_name.data(), msg.logger_name.size());
        line["msg"] = std::string(msg.payload.data(), msg.payload.size());
        std::string text = boost::json::serialize(line);
        text.push_back('\n');
        std::fwrite(text.data(), 1, text.size(), stderr);
    }
    void flush_() override { std::fflush(stderr); }

private:
    static std::string format_time(spdlog::log_clock::time_point tp) {
        auto secs = std::chrono::time_point_cast<std::chrono::seconds>(tp);
        auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(tp - secs).count();
        std::time_t t = spdlog::log_clock::to_time_t(tp);
        std::tm tm{};
        gmtime_r(&t, &tm);
        char buf[64];
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                      tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                      static_cast<int>(ms));
        return buf;
    }
};

} // namespace

void setup_logging(std::string_view level, LogFormat format, bool quiet) {
    spdlog::level::level_enum lvl = spdlog::level::info;
    if (level.empty()) {
        lvl = quiet ? spdlog::level::warn : spdlog::level::info;
    } else {
        lvl = spdlog::level::from_str(std::string(level));
        if (lvl == spdlog::level::off && level != "off")
            throw model::InputError(model::make_error(
                {"--log-level"}, "unknown log level \"" + std::string(level) + "\"",
                "use one of trace, debug, info, warn, error, off"));
    }

    std::shared_ptr<spdlog::logger> logger;
    if (format == LogFormat::json) {
        logger = std::make_shared<spdlog::logger>("ardoq-sync", std::make_shared<JsonStderrSink>());
    } else {
        logger = std::make_shared<spdlog::logger>(
            "ardoq-sync", std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
        logger->set_pattern("%^%l%$: %v");
    }
    logger->set_level(lvl);
    spdlog::set_default_logger(logger);
}

} // namespace ardoq::cli
