#pragma once

namespace orm::util {

// One visitor made of lambdas, one per alternative: std::visit(Overloaded{...}, change).
template <typename... Handlers> struct Overloaded : Handlers...
{
  using Handlers::operator()...;
};
// GCC deduces the handlers without it (C++20); clang 14 needs it.
template <typename... Handlers> Overloaded(Handlers...) -> Overloaded<Handlers...>;

} // namespace orm::util
