#include "connectors/ardoq/transport.hpp"

namespace ardoq::connectors {

std::string_view method_name(HttpMethod m) noexcept {
    switch (m) {
    case HttpMethod::get:
        return "GET";
    case HttpMethod::post:
        return "POST";
    case HttpMethod::put:
        return "PUT";
    case HttpMethod::patch:
        return "PATCH";
    case HttpMethod::del:
        return "DELETE";
    }
    return "GET";
}

} // namespace ardoq::connectors
