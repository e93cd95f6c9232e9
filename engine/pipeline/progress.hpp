#pragma once
// A progress bar on stderr for the long steps of a run (reading sources, sending batches).
// Drawn only when stderr is a terminal and the run logs text (--log-format json and --quiet
// turn it off); otherwise every call is a no-op, so the steps report progress unconditionally.

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

namespace ardoq::pipeline {

class Progress {
public:
    virtual ~Progress() = default;
    // Begins a phase called `label` ("reading apps", "apply"); `total` 0 when unknown.
    virtual void start(std::string_view label, std::uint64_t total) = 0;
    // `done` units of the phase are complete (absolute, not an increment).
    virtual void update(std::uint64_t done) = 0;
    // Ends the phase: the bar line is cleared so that log lines start on a fresh line.
    virtual void finish() = 0;
};

// Does nothing (not a terminal, JSON logs, --quiet, tests).
class NullProgress final : public Progress {
public:
    void start(std::string_view, std::uint64_t) override {}
    void update(std::uint64_t) override {}
    void finish() override {}
};

// "apply  [#########.........]  45% 9000/20000" redrawn in place on `out`, at most every
// `interval` so that a hot loop may call update() for every record.
class TerminalProgress final : public Progress {
public:
    explicit TerminalProgress(std::FILE* out,
                              std::chrono::milliseconds interval = std::chrono::milliseconds(100));
    ~TerminalProgress() override;

    void start(std::string_view label, std::uint64_t total) override;
    void update(std::uint64_t done) override;
    void finish() override;

    // The bar line for a phase (no carriage return): what gets drawn.
    static std::string render(std::string_view label, std::uint64_t done, std::uint64_t total,
                              std::size_t width = 30);

private:
    void draw();

    std::FILE* m_out;
    std::chrono::milliseconds m_interval;
    std::chrono::steady_clock::time_point m_last{};
    std::string m_label;
    std::uint64_t m_total = 0;
    std::uint64_t m_done = 0;
    bool m_active = false;
};

enum class ProgressMode : std::uint8_t { automatic, off };

// A TerminalProgress on stderr when `mode` is automatic and stderr is a terminal, else a
// NullProgress.
std::unique_ptr<Progress> make_progress(ProgressMode mode);

} // namespace ardoq::pipeline
