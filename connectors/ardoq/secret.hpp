#pragma once
// A secret (the API token) that cannot be formatted, logged or streamed by accident: the
// only way to the text is reveal(), called where the Authorization header is built.

#include <string>
#include <string_view>
#include <utility>

namespace ardoq::connectors {

class Secret {
public:
    Secret() = default;
    explicit Secret(std::string value) : m_value(std::move(value)) {}

    bool empty() const noexcept { return m_value.empty(); }
    // The secret text itself; call only to put it on the wire or to scrub it from text.
    const std::string& reveal() const noexcept { return m_value; }

private:
    std::string m_value;
};

} // namespace ardoq::connectors
