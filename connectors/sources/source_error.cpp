#include "connectors/sources/source_error.hpp"

#include "model/errors.hpp"

#include <algorithm>
#include <limits>

namespace ardoq::connectors {

namespace {

std::uint32_t clamp32(std::uint64_t n) {
    return static_cast<std::uint32_t>(
        std::min<std::uint64_t>(n, std::numeric_limits<std::uint32_t>::max()));
}

} // namespace

void throw_source_error(const model::SourceSpec& spec, std::uint64_t line, std::uint64_t column,
                        std::string message, std::string hint) {
    model::Location where{spec.file, clamp32(line), clamp32(column)};
    throw model::InputError(
        model::make_error(std::move(where), std::move(message), std::move(hint)));
}

void throw_spec_error(const model::SourceSpec& spec, std::string message, std::string hint) {
    throw model::InputError(model::make_error(spec.where, std::move(message), std::move(hint)));
}

std::string size_text(std::uint64_t bytes) {
    constexpr std::uint64_t mib = std::uint64_t{1} << 20;
    constexpr std::uint64_t kib = std::uint64_t{1} << 10;
    if (bytes >= mib && bytes % mib == 0)
        return std::to_string(bytes / mib) + " MiB";
    if (bytes >= kib && bytes % kib == 0)
        return std::to_string(bytes / kib) + " KiB";
    return std::to_string(bytes) + " bytes";
}

std::string quote_name(std::string_view name) {
    std::string out;
    out.reserve(name.size() + 2);
    out.push_back('"');
    out.append(name);
    out.push_back('"');
    return out;
}

} // namespace ardoq::connectors
