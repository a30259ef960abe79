/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_SSP_PLAN_H
#define SELMCAST_SSP_PLAN_H

#include "selmcast-selector.h"

#include <cstdint>
#include <vector>

/**
 * \file
 * \ingroup selmcast
 * The last step of Algorithm 2, shared by SELMCAST's SSP selection and its topology-aware form.
 */

namespace ns3
{
namespace selmcast
{

/**
 * \ingroup selmcast
 * Step 4 of Algorithm 2, x = y: every task keeps its pairs of y in their original order; the
 * others are returned as dropped. Drops are final: the caller must never list a dropped receiver
 * for that task again (its partial data is wasted, spec section 5).
 * \param view the view, updated in place
 * \param offset task t owns the pairs [offset[t], offset[t + 1])
 * \param inPlan per pair, 1 when it is in y
 * \return the receivers each task lost
 */
SspDecision ApplySspPlan(SspView& view,
                         const std::vector<size_t>& offset,
                         const std::vector<uint8_t>& inPlan);

} // namespace selmcast
} // namespace ns3

#endif // SELMCAST_SSP_PLAN_H
