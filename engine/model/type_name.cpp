#include "model/type_name.hpp"

#include <deque>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

namespace ardoq::model {

namespace {

struct TypeNames {
    std::shared_mutex mutex;
    std::deque<std::string> names; // never moves an element
    std::unordered_map<std::string_view, const std::string*> by_text;
};

TypeNames& type_names() {
    static TypeNames* table = new TypeNames(); // never destroyed: names outlive static objects
    return *table;
}

const std::string* intern(std::string_view name) {
    auto& t = type_names();
    {
        std::shared_lock lock(t.mutex);
        if (auto it = t.by_text.find(name); it != t.by_text.end())
            return it->second;
    }
    std::unique_lock lock(t.mutex);
    if (auto it = t.by_text.find(name); it != t.by_text.end())
        return it->second;
    const std::string* text = &t.names.emplace_back(name);
    t.by_text.emplace(*text, text);
    return text;
}

} // namespace

TypeName::TypeName() {
    static const std::string* const empty = intern("");
    m_text = empty;
}

TypeName::TypeName(std::string_view name) : m_text(intern(name)) {}

} // namespace ardoq::model
