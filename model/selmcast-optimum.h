/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_OPTIMUM_H
#define SELMCAST_OPTIMUM_H

#include "selmcast-selector.h"

#include <cstdint>
#include <string>

/**
 * \file
 * \ingroup selmcast
 * The exact lexicographic optimum of the BSP problem for equal volumes (spec sections 3 and 6),
 * by binary search over the candidate completion times and max-flow.
 */

namespace ns3
{
namespace selmcast
{

/**
 * \ingroup selmcast
 * What OptimumSelector::Solve found.
 */
struct OptimumResult
{
    /** The optimal plan: minimal t(X) first, then the most selected pairs at that t(X). */
    Plan plan;
    /**
     * t(X) of the plan (t*). Completion times closer than a relative 1e-9 are treated as equal,
     * so this may exceed the exact minimum by that much.
     */
    double completionTime{0};
    uint32_t pairs{0};  //!< the number of selected pairs, forced ones included
    uint32_t probes{0}; //!< max-flow feasibility tests of the binary search (stage 2 excluded)
};

/**
 * \ingroup selmcast
 * The exact optimum of the BSP problem when every v_i is equal.
 *
 * Stage 1 finds the smallest feasible t among the values a port's completion time can take
 * (m v / b^E_j, and v / b^I_i for L3 or m v / b^I_i for L7): a t is feasible when a max-flow
 * from the senders (capacity p_i minus the forced pairs of i) through the unforced pairs
 * (capacity 1) to the receivers (capacity floor(t b^E_j / v) minus the forced pairs into j)
 * saturates the senders. Stage 2 raises the senders' capacities to what t* allows and augments
 * the stage-1 flow to a maximum without reducing any sender's flow, which maximizes the number of
 * pairs. Unequal volumes make the problem NP-hard and are refused.
 */
class OptimumSelector : public Selector
{
  public:
    /** No options: the result is unique up to ties between equally good plans. */
    OptimumSelector() = default;

    /** \return "optimum" */
    std::string GetName() const override;

    /**
     * The optimal plan; the rng is not used (the optimum involves no random choice, and ties are
     * broken deterministically by the max-flow).
     * \param problem the round's instance
     * \param rng ignored
     * \return Solve(problem).plan
     * \throws std::invalid_argument for an invalid problem or unequal volumes
     */
    Plan SelectRound(const Problem& problem, Rng& rng) const override;

    /**
     * Solve both stages.
     * \param problem the round's instance (validated here)
     * \return the optimal plan, its t(X), its number of pairs and the number of probes
     * \throws std::invalid_argument for an invalid problem, or when the volumes differ (the exact
     *         optimum needs equal volumes; unequal ones would need a MILP solver)
     */
    OptimumResult Solve(const Problem& problem) const;
};

} // namespace selmcast
} // namespace ns3

#endif // SELMCAST_OPTIMUM_H
