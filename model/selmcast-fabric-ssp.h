/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_FABRIC_SSP_H
#define SELMCAST_FABRIC_SSP_H

#include "selmcast-algorithm.h"
#include "selmcast-fabric.h"

/**
 * \file
 * \ingroup selmcast
 * Topology-aware SELMCAST for SSP (issue 11, part 3; beyond the paper): Algorithm 2 with the
 * load of every fabric link the trees of the multicasts in flight use.
 */

namespace ns3
{
namespace selmcast
{

/**
 * \ingroup selmcast
 * Algorithm 2 on a Fabric (the SSP form of FabricSelmcastSelector).
 *
 * Loads: a task puts on each link of its tree its largest remaining volume among the kept
 * receivers downstream of the link (L3: one copy that the fabric replicates), or their sum (L7:
 * one copy per receiver); a link's load is the sum over tasks. On the big switch a receiver's
 * downlink then carries R_j(y) and a sender's uplink s_i(y), the loads of SelmcastSelector.
 * Capacities: b^I_i and b^E_j of the view on the access links, the fabric's elsewhere.
 * - Keep: as Algorithm 2 (forced and mostly delivered pairs, SelmcastSelector::KeepsByDelivery).
 * - Basic selection: tasks in tau order (draw 1). A task that needs q receivers takes them one at
 *   a time, the candidate of smallest (cost, drain, rank): the drain is Algorithm 2's key
 *   (v_ij + R_j(y)) / b^E_j, the rank draw 2; the cost is the drain raised to the load / capacity
 *   after the pair of every non-access link the pair loads more whose time would exceed both the
 *   largest load / capacity so far and the task's own uplink time with the pair (a receiver
 *   behind links the tree already holds adds nothing).
 * - Pareto: t_i = max(tau_i, load / capacity of every link of task i's tree) after the basic
 *   selection; the left-out pairs in non-increasing c_ij (draw 3) join when every link whose load
 *   the pair raises stays within t_i (1 + epsilon) (with ParetoLoad::OldPlan the receiver's
 *   downlink is checked at R_j(x) + v_ij as SelmcastSelector does). ParetoScope and
 *   ParetoDeadline act as in SelmcastSelector.
 * - Drops: as Algorithm 2 (final; returned per task).
 * On the big switch no link is a non-access link, so the cost is the drain and every decision and
 * draw is SelmcastSelector::SelectOnReady's: the results are equal. The same holds on every
 * port-bound fabric (Fabric::IsPortBound for the view's ports): a link there never exceeds both
 * the largest time so far and the larger of the pair's drain and its sender's uplink time.
 * \param fabric a validated fabric with view.n hosts
 * \param ports SELMCAST (its options and keep rule)
 * \param view the controller's view, updated in place
 * \param newTask index of the new task
 * \param rng the only randomness used, three shuffles as SelmcastSelector draws them
 * \return the receivers each task lost
 * \throws std::invalid_argument for an invalid view, newTask out of range, an unvalidated fabric
 *         or one whose host count is not view.n
 */
SspDecision FabricSelectOnReady(const Fabric& fabric,
                                const SelmcastSelector& ports,
                                SspView& view,
                                size_t newTask,
                                Rng& rng);

} // namespace selmcast
} // namespace ns3

#endif // SELMCAST_FABRIC_SSP_H
