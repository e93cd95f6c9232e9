#pragma once
// Meta: the `_meta` object of a stored entity (created / lastUpdated and by whom). A Meta is
// immutable and shared: the entities that one batch creates within a millisecond share one,
// so copying an entity copies a pointer, and the object's JSON text, written once, is what
// every answer showing it appends.

#include "json_util.hpp"

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace ardoq::emulator {

class Meta {
public:
    Meta(); // {}
    explicit Meta(json::object object);

    const json::object& object() const noexcept { return m_data->object; }
    // The object as JSON text: json::serialize(object()).
    std::string_view text() const noexcept { return m_data->text; }
    // A copy with the string members `changes` (key, value) set.
    Meta with(std::initializer_list<std::pair<std::string_view, std::string_view>> changes) const;

private:
    struct Data {
        json::object object;
        std::string text;
    };
    static const std::shared_ptr<const Data>& empty();

    std::shared_ptr<const Data> m_data;
};

} // namespace ardoq::emulator
