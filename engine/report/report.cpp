#include "report/report.hpp"

#include "report/formats.hpp"

namespace ardoq::report {

std::optional<Format> parse_format(std::string_view name) noexcept {
    if (name == "text")
        return Format::text;
    if (name == "json")
        return Format::json;
    if (name == "markdown" || name == "md")
        return Format::markdown;
    if (name == "html")
        return Format::html;
    return std::nullopt;
}

void write_report(std::ostream& out, const plan::Plan& plan, Format format,
                  const ReportOptions& options) {
    switch (format) {
    case Format::text:
        detail::write_text(out, plan, options);
        break;
    case Format::json:
        detail::write_json(out, plan);
        break;
    case Format::markdown:
        detail::write_markdown(out, plan, options);
        break;
    case Format::html:
        detail::write_html(out, plan, options);
        break;
    }
}

} // namespace ardoq::report
