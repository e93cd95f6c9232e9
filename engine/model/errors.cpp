#include "model/errors.hpp"

namespace ardoq::model {

InputError::InputError(Diagnostic d)
    : std::runtime_error(d.to_string()), m_diagnostics{std::move(d)} {}

InputError::InputError(const Diagnostics& ds)
    : std::runtime_error(ds.to_string()), m_diagnostics(ds.items()) {}

} // namespace ardoq::model
