#pragma once
// ApiError: a request the emulator refuses, as an HTTP status, a stable code, the operation it
// concerns ("components.upsert[3]", "GET /api/v2/components") and the reason. Thrown as
// ApiException from deep inside a handler and turned into a JSON error body by the router.

#include <exception>
#include <string>
#include <utility>

namespace ardoq::emulator {

struct ApiError {
    int status = 400;
    std::string code;      // stable, machine-readable: "unknown_type_id", "version_conflict", ...
    std::string operation; // where: "components.create[0]", "aliases.components.A", or ""
    std::string reason;    // what is wrong
    std::string hint;      // how to fix it; may be empty

    // "<operation>: <reason>" (just the reason when there is no operation).
    std::string message() const { return operation.empty() ? reason : operation + ": " + reason; }
};

class ApiException : public std::exception {
public:
    explicit ApiException(ApiError error) : m_error(std::move(error)), m_what(m_error.message()) {}
    ApiException(int status, std::string code, std::string operation, std::string reason,
                 std::string hint = {})
        : ApiException(ApiError{status, std::move(code), std::move(operation), std::move(reason),
                                std::move(hint)}) {}
    const ApiError& error() const noexcept { return m_error; }
    const char* what() const noexcept override { return m_what.c_str(); }

private:
    ApiError m_error;
    std::string m_what;
};

// Shorthands for the statuses the API uses.
[[noreturn]] inline void fail(int status, std::string code, std::string operation,
                              std::string reason, std::string hint = {}) {
    throw ApiException(status, std::move(code), std::move(operation), std::move(reason),
                       std::move(hint));
}

} // namespace ardoq::emulator
