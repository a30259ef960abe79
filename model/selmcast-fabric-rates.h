/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_FABRIC_RATES_H
#define SELMCAST_FABRIC_RATES_H

#include "selmcast-fabric.h"
#include "selmcast-rate-allocator.h"

#include <vector>

/**
 * \file
 * \ingroup selmcast
 * Rate sharing over every link of a Fabric with the ports' allocator (issue 11): each link
 * becomes a port, so max-min and deadline priority hold on every link, work-conserving.
 */

namespace ns3
{
namespace selmcast
{

/**
 * \ingroup selmcast
 * The flows of a fabric as the port allocator sees them.
 */
struct FabricRateInput
{
    RatePorts ports;             //!< n + links ports (see LinksAsPorts)
    std::vector<RateFlow> flows; //!< one per input flow, in its order
};

/**
 * \ingroup selmcast
 * Every link as a port of the rate allocator (AllocateRates, MaxMinRates, DeadlinePriorityRates):
 * sender i's uplink is ingress[i] (capacity b^I_i); every other link l is egress[n + l] (b^E_j on
 * j's downlink, the fabric's capacity elsewhere); a flow keeps its sender, remaining, deadline
 * and floor, and its receivers become the links of its paths beyond the uplink (L3: the links of
 * its tree, each once; an L7 flow has one receiver, so its path). Ports 0 .. n - 1 of egress and
 * n .. of ingress carry no flow (capacity 0). On the big switch the ports are the paper's.
 * \param fabric a validated fabric with n hosts
 * \param ingress b^I per host, n values
 * \param egress b^E per host, n values
 * \param flows the flows over hosts (validated by the allocator)
 * \return the ports and flows to allocate; rate f is flow f's
 * \throws std::invalid_argument when the fabric is not validated or a size is not n
 */
FabricRateInput LinksAsPorts(const Fabric& fabric,
                             const std::vector<double>& ingress,
                             const std::vector<double>& egress,
                             const std::vector<RateFlow>& flows);

} // namespace selmcast
} // namespace ns3

#endif // SELMCAST_FABRIC_RATES_H
