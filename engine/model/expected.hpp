#pragma once
// Expected<T, E>: a value or an error, for failures that are part of normal operation
// (a bad row, an HTTP 4xx). E defaults to Diagnostic.

#include "model/diagnostic.hpp"

#include <cassert>
#include <utility>
#include <variant>

namespace ardoq::model {

template <typename E> struct Unexpected { E error; };
template <typename E> Unexpected<std::decay_t<E>> unexpected(E&& e) {
    return {std::forward<E>(e)};
}

template <typename T, typename E = Diagnostic> class Expected {
public:
    Expected(T value) : m_v(std::in_place_index<0>, std::move(value)) {}
    template <typename G>
    Expected(Unexpected<G> u) : m_v(std::in_place_index<1>, std::move(u.error)) {}

    bool has_value() const noexcept { return m_v.index() == 0; }
    explicit operator bool() const noexcept { return has_value(); }

    T& value() & {
        assert(has_value());
        return std::get<0>(m_v);
    }
    const T& value() const& {
        assert(has_value());
        return std::get<0>(m_v);
    }
    T&& value() && {
        assert(has_value());
        return std::get<0>(std::move(m_v));
    }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    const E& error() const& {
        assert(!has_value());
        return std::get<1>(m_v);
    }
    E&& error() && {
        assert(!has_value());
        return std::get<1>(std::move(m_v));
    }

private:
    std::variant<T, E> m_v;
};

} // namespace ardoq::model
