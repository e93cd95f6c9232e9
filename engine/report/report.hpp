#pragma once
// Reports of a plan: text (the default on stdout), JSON (versioned, stable, every entity;
// docs/report-format.md), Markdown, and HTML (one self-contained file: chart, sortable and
// filterable tables, field diffs; no network).

#include "plan/plan.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string_view>

namespace ardoq::report {

enum class Format : std::uint8_t { text, json, markdown, html };

// "text", "json", "markdown" (or "md"), "html"; nullopt otherwise.
std::optional<Format> parse_format(std::string_view name) noexcept;

struct ReportOptions {
    // Entities listed in the details of text, Markdown and HTML reports (unchanged ones are
    // never listed there); the JSON report lists every entity.
    std::size_t details = 20;
};

// Writes the report of `plan` to `out`.
void write_report(std::ostream& out, const plan::Plan& plan, Format format,
                  const ReportOptions& options = {});

} // namespace ardoq::report
