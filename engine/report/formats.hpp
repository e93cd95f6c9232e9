#pragma once
// Internal to the report module: one writer per format (report.cpp dispatches).

#include "plan/plan.hpp"
#include "report/report.hpp"

#include <ostream>

namespace ardoq::report::detail {

void write_text(std::ostream& out, const plan::Plan& plan, const ReportOptions& options);
void write_json(std::ostream& out, const plan::Plan& plan);
void write_markdown(std::ostream& out, const plan::Plan& plan, const ReportOptions& options);
void write_html(std::ostream& out, const plan::Plan& plan, const ReportOptions& options);

} // namespace ardoq::report::detail
