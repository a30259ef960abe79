/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_FABRIC_TIME_H
#define SELMCAST_FABRIC_TIME_H

#include "selmcast-fabric.h"
#include "selmcast-problem.h"

#include <cstdint>
#include <vector>

/**
 * \file
 * \ingroup selmcast
 * The plan's completion time t(X) generalized from the ports to every link of a Fabric.
 */

namespace ns3
{
namespace selmcast
{

/**
 * \ingroup selmcast
 * What a plan puts on every link of a fabric, and the completion time that follows.
 *
 * L3 (one rate per sender's tree): link l carries v_i once for every sender i whose tree (the
 * union of its paths to its selected receivers) contains l. L7 (one unicast per pair, the
 * module's L7): link l carries v_i once for every selected pair (i, j) whose path contains l.
 * On the big switch the uplink of i then carries s_i and the downlink of j carries R_j, so both
 * readings reduce to the paper's.
 *
 * t(X) = max over links of load_l / c_l, with c_l from Fabric::Capacities. No schedule finishes
 * earlier (every byte of load_l crosses l at most at c_l), and giving every sender's tree (L3) or
 * every unicast (L7) the rate v_i / t(X) reaches it: link l then carries load_l / t(X) <= c_l and
 * every transfer ends at t(X).
 */
struct FabricPlanTime
{
    std::vector<double> load;     //!< bytes that cross each link
    std::vector<double> capacity; //!< each link's capacity as t(X) uses it
    double completionTime{0};     //!< t(X) = max load / capacity (0 when nothing is sent)
    /** The first link attaining t(X); Fabric::NO_LINK when nothing is sent. */
    uint32_t bottleneck{Fabric::NO_LINK};
    /** v_i / t(X) for a sender with receivers (its tree, or each of its unicasts), else 0. */
    std::vector<double> senderRate;
};

/**
 * \ingroup selmcast
 * Loads, t(X) and the achieving rates of a plan on a fabric. Sums run over senders in increasing
 * order and an L7 sender's load on a link is (its pairs crossing it) x v_i, so that on the big
 * switch every number is bit for bit what CompletionTime computes.
 * \param problem the problem (its bandwidths are the access links' capacities)
 * \param fabric a validated fabric with n hosts
 * \param plan a plan of size n
 * \return the loads, t(X), its bottleneck and the rates
 * \throws std::invalid_argument when a size differs or the fabric is not validated
 */
FabricPlanTime EvaluateOnFabric(const Problem& problem, const Fabric& fabric, const Plan& plan);

/**
 * \ingroup selmcast
 * \param problem the problem
 * \param fabric a validated fabric with n hosts
 * \param plan a plan of size n
 * \return EvaluateOnFabric(problem, fabric, plan).completionTime
 */
double FabricCompletionTime(const Problem& problem, const Fabric& fabric, const Plan& plan);

} // namespace selmcast
} // namespace ns3

#endif // SELMCAST_FABRIC_TIME_H
