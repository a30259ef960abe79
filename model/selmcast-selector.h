/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_SELECTOR_H
#define SELMCAST_SELECTOR_H

#include "selmcast-problem.h"
#include "selmcast-rng.h"

#include <memory>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup selmcast
 * The one interface behind which every receiver-selection policy sits.
 */

namespace ns3
{
namespace selmcast
{

/**
 * \ingroup selmcast
 * One multicast in flight under SSP (an element of G, spec section 5).
 */
struct SspTask
{
    uint32_t sender{0};              //!< i
    double volume{0};                //!< v_i, > 0
    uint32_t minReceivers{0};        //!< p_i, in [0, n - 1]
    double tau{0};                   //!< tau_i >= 0: how long i would still wait at the barrier
    std::vector<uint32_t> receivers; //!< current receivers j (x_ij = 1), no duplicates
    std::vector<double> remaining;   //!< v_ij in [0, v_i], one per element of receivers
};

/**
 * \ingroup selmcast
 * The controller's view when a worker becomes ready under SSP.
 */
struct SspView
{
    uint32_t n{0};                   //!< number of workers
    Delivery delivery{Delivery::L3}; //!< L3 or L7
    std::vector<double> ingress;     //!< b^I_i, > 0
    std::vector<double> egress;      //!< b^E_j, > 0
    Matrix<uint32_t> counters;       //!< c_ij, n x n (empty: all zero)
    uint32_t forcedRoundLimit{1};    //!< k >= 1: (i, j) is forced when c_ij >= k
    std::vector<SspTask> tasks;      //!< G: the multicasts in flight, at most one per sender

    /**
     * \throws std::invalid_argument naming the field and the allowed range
     */
    void Validate() const;

    /**
     * \param i sender
     * \param j receiver
     * \return c_ij (0 when no counters are given)
     */
    uint32_t Counter(uint32_t i, uint32_t j) const
    {
        return counters.Size() == 0 ? 0 : counters(i, j);
    }

    /**
     * \param i sender
     * \param j receiver
     * \return true when (i, j) is forced (c_ij >= k)
     */
    bool IsForced(uint32_t i, uint32_t j) const
    {
        return Counter(i, j) >= forcedRoundLimit;
    }
};

/**
 * \ingroup selmcast
 * What an SSP selection changed.
 */
struct SspDecision
{
    /** dropped[t]: receivers removed from view.tasks[t] by this call (their partial data is lost)
     */
    std::vector<std::vector<uint32_t>> dropped;
};

/**
 * \ingroup selmcast
 * A receiver-selection policy. BSP: one call per round for all n multicasts. SSP: one call each
 * time a worker becomes ready, which may also shrink the receiver sets of multicasts in flight.
 */
class Selector
{
  public:
    virtual ~Selector() = default;

    /** \return a short name ("selmcast", "random", "broadcast", "optimum", "selmcast-fabric") */
    virtual std::string GetName() const = 0;

    /**
     * BSP: choose the receivers of every sender.
     * \param problem the round's instance (validated by the callee)
     * \param rng the only randomness used
     * \return a plan that satisfies CheckPlan
     * \throws std::invalid_argument for an invalid problem or one this policy refuses
     */
    virtual Plan SelectRound(const Problem& problem, Rng& rng) const = 0;

    /**
     * SSP: worker view.tasks[newTask].sender became ready. On entry the new task lists its
     * candidate receivers (normally every other worker, remaining = v); on return every task in
     * view.tasks lists its receivers from now on.
     * \param view the controller's view, updated in place
     * \param newTask index of the new task in view.tasks
     * \param rng the only randomness used
     * \return the receivers each task lost
     * \throws std::invalid_argument for an invalid view, or when the policy has no SSP form
     */
    virtual SspDecision SelectOnReady(SspView& view, size_t newTask, Rng& rng) const;
};

/**
 * \ingroup selmcast
 * \param name "selmcast", "random", "broadcast", "optimum" or "selmcast-fabric" (topology-aware
 *        SELMCAST, on the big switch until FabricSelmcastSelector::SetFabric gives it a fabric)
 * \return a selector with default options
 * \throws std::invalid_argument naming the allowed values
 */
std::unique_ptr<Selector> MakeSelector(const std::string& name);

/**
 * \ingroup selmcast
 * \return the names MakeSelector accepts
 */
std::vector<std::string> SelectorNames();

} // namespace selmcast
} // namespace ns3

#endif // SELMCAST_SELECTOR_H
