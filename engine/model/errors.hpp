#pragma once
// The two exception types that end a run; both are caught in cli::run and mapped to an
// exit code. Expected, per-item failures are values (Expected<T>, Diagnostics) instead.
//
//  - InputError: the user's input is wrong (mapping, source file, options). Carries one or
//    more diagnostics that say where and how to fix it. Nothing has been sent to Ardoq.
//  - RunError: the environment failed (I/O, network, Ardoq answered an error). Carries a
//    message naming the step and the target (redacted).

#include "model/diagnostic.hpp"

#include <stdexcept>
#include <string>
#include <vector>

namespace ardoq::model {

class InputError : public std::runtime_error {
public:
    explicit InputError(Diagnostic d);
    explicit InputError(const Diagnostics& ds);
    const std::vector<Diagnostic>& diagnostics() const noexcept { return m_diagnostics; }

private:
    std::vector<Diagnostic> m_diagnostics;
};

class RunError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace ardoq::model
