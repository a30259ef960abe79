/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_FAIL_H
#define SELMCAST_FAIL_H

#include <sstream>
#include <stdexcept>

/**
 * \file
 * \ingroup selmcast
 * The selection core's one way of refusing an input.
 */

namespace ns3
{
namespace selmcast
{

/**
 * \ingroup selmcast
 * Throw std::invalid_argument with a message built from the arguments (numbers with 10
 * significant digits, so that a refused value reads as given).
 * \param parts the pieces of the message
 */
template <typename... Parts>
[[noreturn]] void
Fail(const Parts&... parts)
{
    std::ostringstream message;
    message.precision(10);
    (message << ... << parts);
    throw std::invalid_argument(message.str());
}

} // namespace selmcast
} // namespace ns3

#endif /* SELMCAST_FAIL_H */
