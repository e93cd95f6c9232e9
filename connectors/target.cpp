#include "connectors/target.hpp"

#include "connectors/ardoq/http_target.hpp"
#include "connectors/file/file_target.hpp"
#include "model/errors.hpp"

namespace ardoq::connectors {

std::string_view status_name(BatchOutcome::Status s) noexcept {
    switch (s) {
    case BatchOutcome::Status::applied:
        return "applied";
    case BatchOutcome::Status::rejected:
        return "rejected";
    case BatchOutcome::Status::unknown:
        return "unknown";
    }
    return "unknown";
}

std::unique_ptr<Target> open_target(const TargetOptions& options) {
    constexpr std::string_view file_scheme = "file:";
    if (options.target.starts_with(file_scheme)) {
        auto path = options.target.substr(file_scheme.size());
        if (path.empty())
            throw model::InputError(
                model::make_error({"--target"}, "file: target without a path",
                                  "write file:PATH, e.g. --target file:workspace.json"));
        return std::make_unique<FileTarget>(path);
    }
    return std::make_unique<HttpTarget>(open_api_client(options));
}

} // namespace ardoq::connectors
