/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_BASELINES_H
#define SELMCAST_BASELINES_H

#include "selmcast-selector.h"

/**
 * \file
 * \ingroup selmcast
 * The baselines of spec section 6: Random p (the paper's "Orpheus") and broadcast to all.
 */

namespace ns3
{
namespace selmcast
{

/**
 * \ingroup selmcast
 * Random p, the state of the art the paper compares with (Orpheus, Xie et al., SoCC 2018): the
 * multicast from s goes to every forced receiver of D_s, then to uniformly random others until it
 * has p_s receivers. No bandwidth awareness, no extension, no preemption.
 *
 * RNG consumption. For one sender with candidate list C (the receivers that are not forced) and
 * q = p_s - |forced receivers| > 0, a partial Fisher-Yates shuffle draws UniformIndex(|C| - k)
 * for k = 0, ..., q - 1 and swaps C[k] with C[k + draw]; the first q elements are chosen. No draw
 * is made when q <= 0.
 * - SelectRound: senders 0, 1, ..., n - 1 in this order; C lists j != s not in D_s ascending.
 * - SelectOnReady: only the new task; C lists its non-forced candidates in their listed order.
 */
class RandomSelector : public Selector
{
  public:
    /** \return "random" */
    std::string GetName() const override;

    /**
     * Every pair of D, then p_i - |D_i| uniformly random further receivers per sender.
     * \param problem the round's instance (validated here)
     * \param rng the only randomness used (see the class description for the draws)
     * \return a plan that satisfies CheckPlan
     * \throws std::invalid_argument for an invalid problem
     */
    Plan SelectRound(const Problem& problem, Rng& rng) const override;

    /**
     * The new task keeps its forced candidates (c_sj >= k) plus uniformly random others among
     * its listed candidates until it has minReceivers; the other candidates are dropped (listed
     * in dropped[newTask]). Tasks already in flight are untouched and their dropped lists empty.
     * \param view the controller's view, updated in place
     * \param newTask index of the new task in view.tasks
     * \param rng the only randomness used (see the class description for the draws)
     * \return the receivers each task lost
     * \throws std::invalid_argument for an invalid view, a newTask out of range, or a new task
     *         with fewer candidates than minReceivers
     */
    SspDecision SelectOnReady(SspView& view, size_t newTask, Rng& rng) const override;
};

/**
 * \ingroup selmcast
 * Broadcast to all (p = n - 1): the plain peer-to-peer BSP and SSP. Draws no random number.
 */
class BroadcastSelector : public Selector
{
  public:
    /** \return "broadcast" */
    std::string GetName() const override;

    /**
     * Every pair (i, j) with i != j.
     * \param problem the round's instance (validated here)
     * \param rng unused
     * \return the full plan
     * \throws std::invalid_argument for an invalid problem
     */
    Plan SelectRound(const Problem& problem, Rng& rng) const override;

    /**
     * The new task keeps every listed candidate (normally every other worker); tasks in flight
     * are untouched. Every dropped list is empty.
     * \param view the controller's view (validated here, left unchanged)
     * \param newTask index of the new task in view.tasks
     * \param rng unused
     * \return empty dropped lists, one per task
     * \throws std::invalid_argument for an invalid view or a newTask out of range
     */
    SspDecision SelectOnReady(SspView& view, size_t newTask, Rng& rng) const override;
};

} // namespace selmcast
} // namespace ns3

#endif // SELMCAST_BASELINES_H
