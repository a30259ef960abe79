/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_FABRIC_SELECTOR_H
#define SELMCAST_FABRIC_SELECTOR_H

#include "selmcast-algorithm.h"
#include "selmcast-fabric.h"

#include <memory>

/**
 * \file
 * \ingroup selmcast
 * Topology-aware SELMCAST (issue 11, part 3; beyond the paper): Algorithm 1 with the completion
 * time of every fabric link a branch adds.
 */

namespace ns3
{
namespace selmcast
{

/**
 * \ingroup selmcast
 * SELMCAST for BSP on a Fabric.
 *
 * A pair (i, j) adds to i's tree the links of the path i -> j that the tree does not hold yet
 * (under L7 every link of the path: each unicast is a copy of its own). Its branch time on an
 * added link l is (load_l + v_i) / c_l (the uplink's under L7: (receivers + 1) v_i / b^I_i).
 * - Basic selection, as Algorithm 1 (forced pairs, senders with the most forced pairs first),
 *   except that a sender takes its receivers one at a time, since a pick changes what the next
 *   one adds (a receiver on a leaf the tree already reaches adds no core link). It takes the
 *   candidate of smallest (cost, drain time, rank): the drain time is SELMCAST's key
 *   (v_i + R_j) / b^E_j; the cost is the drain time raised to the branch time of every other added
 *   link that would exceed the running estimate (the largest load / capacity so far). Links that
 *   stay below the estimate do not slow the round, so they cost nothing.
 * - Pareto improvement, as Algorithm 1, at t = the generalized t(X) of the basic plan: a pair is
 *   admitted only when the branch time of every link it adds stays within t (1 + epsilon).
 *
 * When every fabric link is port-bound (Fabric::IsPortBound: the big switch, non-blocking
 * fabrics) an added link's branch time exceeds the running estimate only when it stays below the
 * sender's own uplink time or the receiver's drain time, so the cost orders candidates as the
 * drain time does and every decision and every random draw is SELMCAST's: the plans are equal.
 * The RNG is consumed as SelmcastSelector documents (model/selmcast-algorithm.cc), in the same
 * order. One call costs O(sum_i p_i x n x path length).
 *
 * Without a fabric (the default, and what MakeSelector("selmcast-fabric") returns) it uses the
 * big switch of the problem's ports. SelectOnReady is SELMCAST's Algorithm 2 without a fabric
 * and its topology-aware form with one (FabricSelectOnReady, model/selmcast-fabric-ssp.h).
 */
class FabricSelmcastSelector : public Selector
{
  public:
    /**
     * \param fabric the fabric (validated), or null for the big switch
     * \param options SELMCAST's options (epsilon is used for BSP; all for SSP without fabric)
     */
    explicit FabricSelmcastSelector(std::shared_ptr<const Fabric> fabric = nullptr,
                                    SelmcastOptions options = SelmcastOptions());

    /**
     * \param fabric the fabric (validated), or null for the big switch
     * \throws std::invalid_argument when the fabric is not validated
     */
    void SetFabric(std::shared_ptr<const Fabric> fabric);

    /** \return the fabric in use, null for the big switch */
    std::shared_ptr<const Fabric> GetFabric() const;

    /** \return "selmcast-fabric" */
    std::string GetName() const override;

    /**
     * \param problem the round's instance (validated here)
     * \param rng the only randomness used, drawn as SelmcastSelector draws
     * \return a plan that satisfies CheckPlan
     * \throws std::invalid_argument for an invalid problem or a fabric whose host count differs
     */
    Plan SelectRound(const Problem& problem, Rng& rng) const override;

    /**
     * SELMCAST's Algorithm 2 when no fabric is set, its topology-aware form (FabricSelectOnReady)
     * when one is.
     * \param view the controller's view, updated in place
     * \param newTask index of the new task
     * \param rng the only randomness used
     * \return the receivers each task lost
     * \throws std::invalid_argument for a fabric whose host count is not view.n, or as
     *         SelmcastSelector does
     */
    SspDecision SelectOnReady(SspView& view, size_t newTask, Rng& rng) const override;

  private:
    std::shared_ptr<const Fabric> m_fabric; //!< the fabric, null for the big switch
    SelmcastSelector m_ports;               //!< SELMCAST, for the options and SSP
};

} // namespace selmcast
} // namespace ns3

#endif // SELMCAST_FABRIC_SELECTOR_H
