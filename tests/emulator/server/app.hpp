#pragma once
// The ardoq-emulator program: options → initial state (--data if it exists, else --seed) →
// router → server; prints "listening on HOST:PORT" as its only stdout line; on SIGTERM or
// SIGINT drains, writes --data atomically and exits 0. Exit 2 on bad options or state files,
// 1 when the port cannot be bound or the state cannot be written.

namespace ardoq::emulator {

int run_app(int argc, char** argv);

} // namespace ardoq::emulator
