#include "model/diagnostic.hpp"

namespace ardoq::model {

std::string Location::to_string() const {
    std::string out = file;
    if (line > 0) {
        out += ":" + std::to_string(line);
        if (column > 0)
            out += ":" + std::to_string(column);
    }
    return out;
}

std::string Diagnostic::to_string() const {
    std::string out = where.to_string();
    if (!out.empty())
        out += ": ";
    switch (severity) {
    case Severity::error:
        out += "error: ";
        break;
    case Severity::warning:
        out += "warning: ";
        break;
    case Severity::note:
        out += "note: ";
        break;
    }
    out += message;
    if (!hint.empty())
        out += "\n  hint: " + hint;
    return out;
}

Diagnostic make_error(Location where, std::string message, std::string hint) {
    return Diagnostic{Severity::error, std::move(where), std::move(message), std::move(hint)};
}

void Diagnostics::add(Diagnostic d) {
    if (d.severity == Severity::error)
        ++m_errors;
    if (m_items.size() >= m_cap) {
        ++m_dropped;
        return;
    }
    m_items.push_back(std::move(d));
}

void Diagnostics::append(Diagnostics&& later) {
    std::size_t kept_errors = 0;
    for (auto& d : later.m_items) {
        if (d.severity == Severity::error)
            ++kept_errors;
        add(std::move(d));
    }
    m_errors += later.m_errors - kept_errors;
    m_dropped += later.m_dropped;
    later.m_items.clear();
    later.m_errors = 0;
    later.m_dropped = 0;
}

void Diagnostics::error(Location where, std::string message, std::string hint) {
    add(Diagnostic{Severity::error, std::move(where), std::move(message), std::move(hint)});
}

void Diagnostics::warning(Location where, std::string message, std::string hint) {
    add(Diagnostic{Severity::warning, std::move(where), std::move(message), std::move(hint)});
}

std::string Diagnostics::to_string() const {
    std::string out;
    for (const auto& d : m_items) {
        out += d.to_string();
        out += '\n';
    }
    if (m_dropped > 0)
        out += "... and " + std::to_string(m_dropped) + " more\n";
    return out;
}

} // namespace ardoq::model
