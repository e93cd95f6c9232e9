#pragma once
// The diagnostic every stage reports problems with: "file:line:col: message" plus an
// optional hint saying how to fix it. Collected by Diagnostics (capped) so a phase can
// report every problem before the run stops.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ardoq::model {

enum class Severity : std::uint8_t { error, warning, note };

// A position in a file; line and column are 1-based, 0 = unknown.
struct Location {
    std::string file;
    std::uint32_t line = 0;
    std::uint32_t column = 0;

    // "file:line:col", "file:line", or "file" depending on what is known.
    std::string to_string() const;
};

struct Diagnostic {
    Severity severity = Severity::error;
    Location where;
    std::string message;
    std::string hint; // how to fix it; empty when there is nothing useful to say

    // "mapping.yaml:17:9: error: unknown key \"emial\"\n  hint: did you mean \"email\"?"
    std::string to_string() const;
};

Diagnostic make_error(Location where, std::string message, std::string hint = {});

// A capped collection of diagnostics for one phase.
class Diagnostics {
public:
    explicit Diagnostics(std::size_t cap = 50) : m_cap(cap) {}

    void add(Diagnostic d);
    void error(Location where, std::string message, std::string hint = {});
    void warning(Location where, std::string message, std::string hint = {});
    // Adds every diagnostic of `later` after these, as if each had been added here: kept
    // while under the cap, otherwise counted. `later` should have been collected with a cap
    // no smaller than this one's (it then keeps everything this one would).
    void append(Diagnostics&& later);

    bool has_errors() const noexcept { return m_errors > 0; }
    std::size_t error_count() const noexcept { return m_errors; }
    // Diagnostics beyond the cap are counted but not kept.
    std::size_t dropped() const noexcept { return m_dropped; }
    const std::vector<Diagnostic>& items() const noexcept { return m_items; }
    std::size_t cap() const noexcept { return m_cap; }
    // All kept diagnostics, one per line, then "... and N more" when some were dropped.
    std::string to_string() const;

private:
    std::size_t m_cap;
    std::size_t m_errors = 0;
    std::size_t m_dropped = 0;
    std::vector<Diagnostic> m_items;
};

} // namespace ardoq::model
