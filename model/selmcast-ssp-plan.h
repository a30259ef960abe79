/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_SSP_PLAN_H
#define SELMCAST_SSP_PLAN_H

#include "selmcast-algorithm.h"
#include "selmcast-selector.h"

#include <cstdint>
#include <functional>
#include <vector>

/**
 * \file
 * \ingroup selmcast
 * The steps of Algorithm 2 that SELMCAST's SSP selection and its topology-aware form share: the
 * flattened pairs, step 1 (keep), the three random draws and step 4 (x = y). Steps 2 and 3 differ
 * only in what a pair loads (the ports, or every fabric link of its branch).
 */

namespace ns3
{
namespace selmcast
{

/**
 * \ingroup selmcast
 * The listed pairs of a view, flattened: task t owns the pairs [offset[t], offset[t + 1]), pair p
 * belongs to task pairTask[p]. inPlan is y, keptCount[t] the pairs of task t in y.
 */
struct SspPairs
{
    std::vector<size_t> offset;      //!< per task, its first pair; one more entry at the end
    std::vector<uint32_t> pairTask;  //!< per pair, its task
    std::vector<uint8_t> inPlan;     //!< per pair, 1 when it is in y
    std::vector<uint32_t> keptCount; //!< per task, its pairs in y
    std::vector<double> listedLoad;  //!< R_j(x): per receiver, the volume of every listed pair
};

/**
 * \ingroup selmcast
 * Step 1 of Algorithm 2: flatten the pairs and keep every forced (c_ij >= k) or mostly delivered
 * pair (SelmcastSelector::KeepsByDelivery).
 * \param view the view
 * \param selector whose options decide "mostly delivered"
 * \param keep called for every kept pair with (task, receiver, volume), in pair order, so that
 *        the caller can add the pair's load
 * \return the pairs, y holding the kept ones
 * \throws std::invalid_argument when the pairs do not fit 32-bit indices
 */
SspPairs KeepSspPairs(const SspView& view,
                      const SelmcastSelector& selector,
                      const std::function<void(size_t, uint32_t, double)>& keep);

/**
 * \ingroup selmcast
 * Draw 1: the task order of step 2 (shuffle, then stable sort by tau as TauOrder says).
 * \param view the view
 * \param options the options
 * \param rng the generator
 * \return task indices in visiting order
 */
std::vector<uint32_t> SspTaskOrder(const SspView& view, const SelmcastOptions& options, Rng& rng);

/**
 * \ingroup selmcast
 * Draw 2: per worker, a seeded rank that breaks ties of step 2's key (the lower wins).
 * \param n workers
 * \param rng the generator
 * \return rank per worker
 */
std::vector<uint32_t> SspReceiverRanks(uint32_t n, Rng& rng);

/**
 * \ingroup selmcast
 * Draw 3: the pairs not in y, in the order of step 3: listed by task then position, shuffled,
 * then stable-sorted by c_ij, non-increasing.
 * \param view the view
 * \param pairs the pairs after step 2
 * \param rng the generator
 * \return pair indices in visiting order
 */
std::vector<size_t> SspLeftOutOrder(const SspView& view, const SspPairs& pairs, Rng& rng);

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
