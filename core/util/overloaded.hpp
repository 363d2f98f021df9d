#pragma once

namespace orm::util {

// One visitor made of lambdas, one per alternative: std::visit(Overloaded{...}, change).
template <typename... Handlers> struct Overloaded : Handlers...
{
  using Handlers::operator()...;
};

} // namespace orm::util
