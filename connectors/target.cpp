#include "connectors/target.hpp"

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
    throw model::RunError("target " + options.target + ": no target implementation is built yet");
}

} // namespace ardoq::connectors
