#include "server/app.hpp"

int main(int argc, char** argv) {
    return ardoq::emulator::run_app(argc, argv);
}
