#include "pipeline/progress.hpp"

#include <unistd.h>

namespace ardoq::pipeline {

TerminalProgress::TerminalProgress(std::FILE* out, std::chrono::milliseconds interval)
    : m_out(out), m_interval(interval) {}

TerminalProgress::~TerminalProgress() {
    if (m_active)
        finish();
}

std::string TerminalProgress::render(std::string_view label, std::uint64_t done,
                                     std::uint64_t total, std::size_t width) {
    std::string line(label);
    if (total == 0)
        return line + "  " + std::to_string(done);
    if (done > total)
        done = total;
    const auto filled = static_cast<std::size_t>(done * width / total);
    line += "  [";
    line.append(filled, '#');
    line.append(width - filled, '.');
    line += "] ";
    const auto percent = done * 100 / total;
    if (percent < 100)
        line += ' ';
    if (percent < 10)
        line += ' ';
    line += std::to_string(percent) + "% " + std::to_string(done) + "/" + std::to_string(total);
    return line;
}

void TerminalProgress::start(std::string_view label, std::uint64_t total) {
    if (m_active)
        finish();
    m_label = std::string(label);
    m_total = total;
    m_done = 0;
    m_active = true;
    m_last = {};
    draw();
}

void TerminalProgress::update(std::uint64_t done) {
    m_done = done;
    if (!m_active)
        return;
    // Checking the clock for every record would cost more than the record: look only
    // every 1024 updates, or when the phase completes.
    if ((done & 1023U) != 0 && done != m_total)
        return;
    const auto now = std::chrono::steady_clock::now();
    if (now - m_last < m_interval && done != m_total)
        return;
    draw();
}

void TerminalProgress::finish() {
    if (!m_active)
        return;
    m_active = false;
    std::fputs("\r\033[K", m_out); // carriage return, erase the line
    std::fflush(m_out);
}

void TerminalProgress::draw() {
    m_last = std::chrono::steady_clock::now();
    const std::string line = "\r\033[K" + render(m_label, m_done, m_total);
    std::fputs(line.c_str(), m_out);
    std::fflush(m_out);
}

std::unique_ptr<Progress> make_progress(ProgressMode mode) {
    if (mode == ProgressMode::automatic && ::isatty(STDERR_FILENO) == 1)
        return std::make_unique<TerminalProgress>(stderr);
    return std::make_unique<NullProgress>();
}

} // namespace ardoq::pipeline
