/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_SSP_TAU_H
#define SELMCAST_SSP_TAU_H

#include <cstdint>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup selmcast
 * tau_i of Algorithm 2 (spec section 5): how long worker i would still wait at the SSP barrier if
 * its multicast finished now. The paper leaves the estimate open; two readings are offered. Plain
 * C++ with no simulator types, shared by the packet-level controller and the flow-level model.
 */

namespace ns3
{
namespace selmcast
{

/**
 * \ingroup selmcast
 * How tau_i is estimated.
 */
enum class TauEstimate
{
    /**
     * The longest expected time until a worker that holds i back ends its current phase: its
     * multicast's remaining time, or its compute still expected plus its block alone on its
     * ingress port (the default).
     */
    Blocking,
    /**
     * The time until every worker that holds i back has completed as many rounds as i needs:
     * its current phase, each compute followed by a multicast of the measured mean duration,
     * and every further round it owes at the mean compute plus the mean multicast.
     */
    Round,
    /**
     * Whether or not i would be blocked: the time until the slowest worker(s) (least r_u)
     * complete their current round, compute plus a multicast of the measured mean duration.
     */
    Straggler
};

/**
 * \ingroup selmcast
 * \param estimate an estimate
 * \return "blocking", "round" or "straggler"
 */
std::string ToString(TauEstimate estimate);

/**
 * \ingroup selmcast
 * \param text "blocking", "round" or "straggler" (case-sensitive)
 * \return the estimate
 * \throws std::invalid_argument naming the allowed values
 */
TauEstimate ParseTauEstimate(const std::string& text);

/**
 * \ingroup selmcast
 * What the controller knows about one worker when it estimates tau.
 */
struct SspWorkerPhase
{
    bool active{true};        //!< takes part in the run
    uint32_t roundsDone{0};   //!< r_w: completed rounds (compute plus own multicast)
    bool transferring{false}; //!< its multicast is in flight
    bool blocked{false};      //!< waiting at the barrier (after its DONE, before START)
    double computeElapsed{0}; //!< computing: time since its START
    double transferLeft{0};   //!< transferring: expected remaining time of its multicast
    double ingress{1};        //!< b^I, > 0
};

/**
 * \ingroup selmcast
 * The inputs of the tau estimate.
 */
struct SspTauInputs
{
    std::vector<SspWorkerPhase> workers; //!< one per worker
    uint32_t staleness{0};               //!< ssp
    double meanCompute{0};               //!< mean compute time so far (0 when none yet)
    double meanSync{-1};                 //!< mean multicast duration so far (< 0: none yet)
    double volume{0};                    //!< v, the block size
};

/**
 * \ingroup selmcast
 * \param in the inputs
 * \param i the worker whose multicast is (or would be) in flight
 * \param estimate the reading
 * \return tau_i >= 0; 0 when no worker holds i back (Blocking, Round)
 */
double EstimateTau(const SspTauInputs& in, uint32_t i, TauEstimate estimate);

} // namespace selmcast
} // namespace ns3

#endif // SELMCAST_SSP_TAU_H
