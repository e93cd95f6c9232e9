// API v1 (legacy, /api/...): not served yet.
#include "routes.hpp"

namespace ardoq::emulator {

std::optional<HttpResponse> route_v1(RouteContext&) {
    return std::nullopt;
}

} // namespace ardoq::emulator
