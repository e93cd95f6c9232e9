#include "cli/client_confirm.hpp"

#include <istream>
#include <ostream>
#include <string>
#include <unistd.h>

namespace ardoq::cli {

bool ask_yes_no(std::istream& in, std::ostream& prompt, std::string_view question) {
    prompt << question << " [y/N] " << std::flush;
    std::string line;
    if (!std::getline(in, line))
        return false;
    std::string answer;
    for (char c : line)
        if (c != ' ' && c != '\t' && c != '\r')
            answer += static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    return answer == "y" || answer == "yes";
}

bool stdin_is_terminal() {
    return isatty(STDIN_FILENO) == 1;
}

} // namespace ardoq::cli
